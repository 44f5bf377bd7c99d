#include <png.h>
#include <setjmp.h>
#include <string.h>

// libpng reports an error by longjmp to a setjmp in the caller, which Swift cannot make: the whole write of an
// image happens in wgc_png_write_gray1 below, inside one setjmp, and the error comes back as a return value.

enum { WGC_PNG_MESSAGE_SIZE = 160 };

static inline void wgc_png_error(png_structp png, png_const_charp text) {
    char *message = (char *)png_get_error_ptr(png);
    if (message != NULL) {
        strncpy(message, text, WGC_PNG_MESSAGE_SIZE - 1);
        message[WGC_PNG_MESSAGE_SIZE - 1] = 0;
    }
    png_longjmp(png, 1);
}

static inline void wgc_png_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

// Writes a 1-bit greyscale image of `height` rows of `stride` bytes (bits from the high one, 1 is white) through
// `write`, which gets `io` from png_get_io_ptr. Returns 0, or -1 with libpng's reason in `message`
// (WGC_PNG_MESSAGE_SIZE bytes). `write` must not call png_error: nothing but C lies between here and libpng's
// longjmp.
static inline int wgc_png_write_gray1(png_voidp io, png_rw_ptr write, png_flush_ptr flush, png_const_bytep rows,
                                      png_uint_32 width, png_uint_32 height, size_t stride, char *message) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, message, wgc_png_error, wgc_png_warning);
    if (png == NULL) {
        strncpy(message, "libpng could not allocate its state", WGC_PNG_MESSAGE_SIZE - 1);
        return -1;
    }
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        strncpy(message, "libpng could not allocate its state", WGC_PNG_MESSAGE_SIZE - 1);
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return -1;
    }
    png_set_write_fn(png, io, write, flush);
    png_set_IHDR(png, info, width, height, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (png_uint_32 row = 0; row < height; row++) png_write_row(png, rows + (size_t)row * stride);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return 0;
}
