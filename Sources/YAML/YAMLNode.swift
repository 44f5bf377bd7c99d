/// A position in a YAML source, 1-based like a compiler's `file:line:column`.
public struct Mark: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: Mark, rhs: Mark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// One node of a YAML document with the place it starts at. Scalars stay untyped text so the
/// reader can interpret them by the type the field expects (`name: no` stays the string "no").
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        /// `plain` is false for quoted, literal and folded scalars: those are always strings.
        case scalar(String, plain: Bool)
        case mapping([YAMLPair])
        case sequence([YAMLNode])
    }

    public var content: Content
    public var mark: Mark

    public init(_ content: Content, at mark: Mark) {
        self.content = content
        self.mark = mark
    }

    /// True for `~`, `null`, `Null`, `NULL` and the empty plain scalar.
    public var isNull: Bool {
        guard case .scalar(let text, plain: true) = content else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// What the node is, in words for a diagnostic ("a mapping", "a list", "the text \"x\"").
    public var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let text, _): return isNull ? "null" : "\"\(text)\""
        }
    }
}

/// A key and its value in a mapping, in document order (duplicates are kept so they can be reported).
public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// One `---` document of a YAML stream.
public struct YAMLDocument: Sendable {
    public var root: YAMLNode
    /// 0-based position of the document in its file.
    public var index: Int
}
