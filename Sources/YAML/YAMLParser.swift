import CLibYAML

/// Turns YAML text into `YAMLDocument`s by walking libyaml's event stream, keeping every node's mark.
public enum YAMLParser {
    /// Parses every document of `bytes`. Anchors and aliases are resolved by sharing the anchored node.
    /// The first syntax error, or the first place a limit is passed, ends parsing with that error.
    public static func parse(_ bytes: [UInt8], limits: YAMLLimits) throws(YAMLError) -> [YAMLDocument] {
        var result: Result<[YAMLDocument], YAMLError> = .success([])
        bytes.withUnsafeBufferPointer { buffer in
            result = run(buffer, limits: limits)
        }
        return try result.get()
    }

    public static func parse(_ text: String, limits: YAMLLimits) throws(YAMLError) -> [YAMLDocument] {
        try parse(Array(text.utf8), limits: limits)
    }

    private static func run(_ buffer: UnsafeBufferPointer<UInt8>,
                            limits: YAMLLimits) -> Result<[YAMLDocument], YAMLError> {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(YAMLError(.syntax, "libyaml could not allocate a parser", at: Mark(line: 1, column: 1)))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buffer.baseAddress ?? UnsafePointer(bitPattern: 1), buffer.count)
        var walker = EventWalker(limits: limits)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                return .failure(syntaxError(parser))
            }
            defer { yaml_event_delete(&event) }
            do {
                try walker.handle(event)
            } catch {
                return .failure(error)
            }
            if event.type == YAML_STREAM_END_EVENT { return .success(walker.documents) }
        }
    }

    private static func syntaxError(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        var message = problem
        if let context = parser.context {
            message = "\(problem) \(String(cString: context))"
        }
        return YAMLError(.syntax, message, at: Mark(parser.problem_mark))
    }
}

extension Mark {
    /// libyaml counts from 0.
    init(_ mark: yaml_mark_t) {
        self.init(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }
}
