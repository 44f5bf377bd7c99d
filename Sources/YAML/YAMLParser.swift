import CLibYAML

/// Turns YAML text into `YAMLDocument`s by walking libyaml's event stream, keeping every node's mark.
public enum YAMLParser {
    /// Parses every document of `bytes`. Anchors and aliases are resolved by copying the anchored node.
    public static func parse(_ bytes: [UInt8]) throws(YAMLSyntaxError) -> [YAMLDocument] {
        var result: Result<[YAMLDocument], YAMLSyntaxError> = .success([])
        bytes.withUnsafeBufferPointer { buffer in
            result = EventWalker.run(buffer)
        }
        return try result.get()
    }

    public static func parse(_ text: String) throws(YAMLSyntaxError) -> [YAMLDocument] {
        try parse(Array(text.utf8))
    }
}

/// An open mapping or sequence. A struct mutated in place on the stack, so appending never copies.
private struct Frame {
    var isMapping: Bool
    var mark: Mark
    var anchor: String?
    var pairs: [YAMLPair] = []
    var items: [YAMLNode] = []
    var pendingKey: YAMLNode?
}

private struct EventWalker {
    var stack: [Frame] = []
    var anchors: [String: YAMLNode] = [:]
    var documents: [YAMLDocument] = []
    var root: YAMLNode?

    static func run(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<[YAMLDocument], YAMLSyntaxError> {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(YAMLSyntaxError(message: "libyaml could not allocate a parser", mark: Mark(line: 1, column: 1)))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buffer.baseAddress ?? UnsafePointer(bitPattern: 1), buffer.count)
        var walker = EventWalker()
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                return .failure(syntaxError(parser))
            }
            let done = event.type == YAML_STREAM_END_EVENT
            walker.handle(&event)
            yaml_event_delete(&event)
            if done { break }
        }
        return .success(walker.documents)
    }

    static func syntaxError(_ parser: yaml_parser_t) -> YAMLSyntaxError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        var message = problem
        if let context = parser.context {
            message = "\(problem) \(String(cString: context))"
        }
        let mark = parser.problem_mark
        return YAMLSyntaxError(message: message, mark: Mark(line: Int(mark.line) + 1, column: Int(mark.column) + 1))
    }

    mutating func handle(_ event: inout yaml_event_t) {
        let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            root = nil
            anchors.removeAll(keepingCapacity: true)
        case YAML_DOCUMENT_END_EVENT:
            let node = root ?? YAMLNode(.scalar("", plain: true), at: mark)
            documents.append(YAMLDocument(root: node, index: documents.count))
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = Self.string(scalar.value, Int(scalar.length))
            let isPlain = scalar.style == YAML_PLAIN_SCALAR_STYLE && scalar.tag == nil
            let node = YAMLNode(.scalar(text, plain: isPlain), at: mark)
            if let anchor = scalar.anchor { anchors[String(cString: anchor)] = node }
            add(node)
        case YAML_ALIAS_EVENT:
            let name = String(cString: event.data.alias.anchor)
            var node = anchors[name] ?? YAMLNode(.scalar("", plain: true), at: mark)
            node.mark = mark
            add(node)
        case YAML_MAPPING_START_EVENT:
            let anchor = event.data.mapping_start.anchor.map { String(cString: $0) }
            stack.append(Frame(isMapping: true, mark: mark, anchor: anchor))
        case YAML_SEQUENCE_START_EVENT:
            let anchor = event.data.sequence_start.anchor.map { String(cString: $0) }
            stack.append(Frame(isMapping: false, mark: mark, anchor: anchor))
        case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
            guard let frame = stack.popLast() else { return }
            let node = frame.isMapping ? YAMLNode(.mapping(frame.pairs), at: frame.mark)
                : YAMLNode(.sequence(frame.items), at: frame.mark)
            if let anchor = frame.anchor { anchors[anchor] = node }
            add(node)
        default:
            break
        }
    }

    mutating func add(_ node: YAMLNode) {
        let top = stack.count - 1
        guard top >= 0 else {
            root = node
            return
        }
        if !stack[top].isMapping {
            stack[top].items.append(node)
        } else if let key = stack[top].pendingKey {
            stack[top].pairs.append(YAMLPair(key: key, value: node))
            stack[top].pendingKey = nil
        } else {
            stack[top].pendingKey = node
        }
    }

    static func string(_ pointer: UnsafeMutablePointer<UInt8>?, _ length: Int) -> String {
        guard let pointer, length > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }
}
