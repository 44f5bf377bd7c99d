import CLibYAML

/// Where the documents of a YAML file and the top-level fields of each lie, in bytes, so that a file can be
/// edited in place: what is not edited (comments, order, spacing) stays byte for byte.
public struct YAMLLayout: Sendable {
    /// A byte range `[start, end)` of the file.
    public struct Span: Sendable, Equatable {
        public var start: Int
        public var end: Int
    }

    /// One `key: value` of a document's root mapping.
    public struct Field: Sendable {
        public var key: String
        public var keySpan: Span
        /// From the value's first byte to its last; a block collection ends with its last item, so comments and
        /// blank lines after it are not part of it.
        public var valueSpan: Span
    }

    /// One `---` document.
    public struct Document: Sendable {
        /// From the document's `---` (or the file's start for an implicit first document) to the next document.
        public var span: Span
        /// Where the root node starts, as the parser's diagnostics count it.
        public var rootMark: Mark
        /// The first byte of the root node.
        public var rootStart: Int
        /// Whether the root is a block-style mapping (the only kind of document an edit can touch).
        public var isBlockMapping: Bool
        /// Whether the document starts with an explicit `---`.
        public var isExplicit: Bool
        public var fields: [Field]

        public func field(_ key: String) -> Field? { fields.first { $0.key == key } }
    }

    public var documents: [Document]

    /// Reads the layout of `bytes`; the same syntax errors as `YAMLParser` end it.
    public static func read(_ bytes: [UInt8]) throws(YAMLError) -> YAMLLayout {
        var result: Result<YAMLLayout, YAMLError> = .success(YAMLLayout(documents: []))
        bytes.withUnsafeBufferPointer { buffer in
            result = walk(buffer)
        }
        return try result.get()
    }

    private static func walk(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<YAMLLayout, YAMLError> {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(YAMLError(.syntax, "libyaml could not allocate a parser", at: Mark(line: 1, column: 1)))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buffer.baseAddress ?? UnsafePointer(bitPattern: 1), buffer.count)
        var walker = LayoutWalker(offsets: CharacterOffsets(buffer))
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
                return .failure(YAMLError(.syntax, problem, at: Mark(parser.problem_mark)))
            }
            defer { yaml_event_delete(&event) }
            walker.handle(event)
            if event.type == YAML_STREAM_END_EVENT {
                return .success(YAMLLayout(documents: walker.finish(fileEnd: buffer.count)))
            }
        }
    }
}

/// libyaml counts marks in characters; edits need bytes.
private struct CharacterOffsets {
    /// The byte offset of each character start, only built when the file has a multi-byte character.
    private let starts: [Int]?
    private let count: Int

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        count = buffer.count
        guard buffer.contains(where: { $0 >= 0x80 }) else {
            starts = nil
            return
        }
        var starts: [Int] = []
        starts.reserveCapacity(buffer.count)
        for (offset, byte) in buffer.enumerated() where byte & 0xC0 != 0x80 {
            starts.append(offset)
        }
        self.starts = starts
    }

    func byte(_ character: Int) -> Int {
        guard let starts else { return min(character, count) }
        return character < starts.count ? starts[character] : count
    }
}

/// Follows the event stream, keeping only what editing needs: document bounds and the root mapping's fields.
private struct LayoutWalker {
    let offsets: CharacterOffsets
    var documents: [YAMLLayout.Document] = []
    /// Collections open below the root mapping (0: at the root's level).
    private var depth = 0
    private var current: YAMLLayout.Document?
    private var pendingKey: (text: String, span: YAMLLayout.Span)?
    /// Start of the value being read at depth 1 and the end of its last finished part.
    private var valueStart = 0
    private var valueEnd = 0
    private var rootSeen = false

    init(offsets: CharacterOffsets) {
        self.offsets = offsets
    }

    mutating func handle(_ event: yaml_event_t) {
        let start = offsets.byte(Int(event.start_mark.index))
        let end = offsets.byte(Int(event.end_mark.index))
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            current = YAMLLayout.Document(span: .init(start: start, end: start), rootMark: Mark(event.start_mark),
                                          rootStart: start, isBlockMapping: false,
                                          isExplicit: event.data.document_start.implicit == 0, fields: [])
            depth = 0
            rootSeen = false
        case YAML_DOCUMENT_END_EVENT:
            if let document = current { documents.append(document) }
            current = nil
        case YAML_MAPPING_START_EVENT, YAML_SEQUENCE_START_EVENT:
            if !rootSeen {
                rootSeen = true
                current?.rootMark = Mark(event.start_mark)
                current?.rootStart = start
                current?.isBlockMapping = event.type == YAML_MAPPING_START_EVENT
                    && event.data.mapping_start.style != YAML_FLOW_MAPPING_STYLE
                depth = 1
                return
            }
            if depth == 1 { valueStart = start }
            depth += 1
        case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
            // A flow collection's end event covers its closing bracket; a block collection's is empty and sits
            // wherever the next token is (often lines later, past comments), so it does not extend the value.
            depth -= 1
            if depth >= 1, start < end { valueEnd = max(valueEnd, end) }
            if depth == 1 { finishValue() }
        case YAML_SCALAR_EVENT, YAML_ALIAS_EVENT:
            if !rootSeen {
                rootSeen = true
                current?.rootMark = Mark(event.start_mark)
                current?.rootStart = start
                return
            }
            if depth == 1 {
                if pendingKey == nil, event.type == YAML_SCALAR_EVENT {
                    let scalar = event.data.scalar
                    let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)),
                                      as: UTF8.self)
                    pendingKey = (text, .init(start: start, end: end))
                } else {
                    valueStart = start
                    valueEnd = end
                    finishValue()
                }
            } else {
                valueEnd = max(valueEnd, end)
            }
        default:
            break
        }
    }

    private mutating func finishValue() {
        guard let key = pendingKey else { return }
        current?.fields.append(YAMLLayout.Field(key: key.text, keySpan: key.span,
                                                valueSpan: .init(start: valueStart, end: max(valueEnd, valueStart))))
        pendingKey = nil
        valueEnd = 0
    }

    /// Each document runs to where the next one starts.
    func finish(fileEnd: Int) -> [YAMLLayout.Document] {
        var result = documents
        for index in result.indices {
            let next = index + 1 < result.count ? result[index + 1].span.start : fileEnd
            if index == 0, !result[index].isExplicit { result[index].span.start = 0 }
            result[index].span.end = next
        }
        return result
    }
}
