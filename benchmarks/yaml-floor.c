/* The floor for wgc's benchmark: read every file named on standard input and walk libyaml's event stream,
 * doing nothing with the events. wgc validate/compile are measured against this. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static long scan(const char *path) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); exit(2); }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    unsigned char *bytes = malloc(size > 0 ? size : 1);
    if (fread(bytes, 1, size, file) != (size_t)size) { perror(path); exit(2); }
    fclose(file);
    yaml_parser_t parser;
    yaml_event_t event;
    long events = 0;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, bytes, size);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) { fprintf(stderr, "%s: YAML error\n", path); exit(1); }
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        events++;
        if (done) break;
    }
    yaml_parser_delete(&parser);
    free(bytes);
    return events;
}

int main(void) {
    char path[4096];
    long events = 0, files = 0;
    while (fgets(path, sizeof path, stdin)) {
        path[strcspn(path, "\n")] = 0;
        if (!*path) continue;
        events += scan(path);
        files++;
    }
    printf("%ld files, %ld events\n", files, events);
    return 0;
}
