import CLibYAML

/// Builds the node tree from libyaml's events with an explicit stack of open collections, enforcing
/// `YAMLLimits` as it goes, so no input can make it (or whoever walks or releases the tree) recurse deep.
struct EventWalker {
    /// An open mapping or sequence. A struct mutated in place on the stack, so appending never copies.
    private struct Frame {
        var isMapping: Bool
        var mark: Mark
        var anchor: String?
        var pairs: [YAMLPair] = []
        var items: [YAMLNode] = []
        var pendingKey: YAMLNode?
        /// The height of the tallest child (0: only scalars) and the nodes plus scalar bytes below this one.
        var childHeight = 0
        var size = 1
    }

    /// A finished node with what an alias of it costs: its height (a scalar is 0, a flat collection 1)
    /// and its size in nodes plus scalar bytes, aliases inside it expanded.
    private struct Measured {
        var node: YAMLNode
        var height: Int
        var size: Int
    }

    let limits: YAMLLimits
    private(set) var documents: [YAMLDocument] = []
    private var stack: [Frame] = []
    private var anchors: [String: Measured] = [:]
    private var root: YAMLNode?
    /// Nodes written so far in this file, and what aliases have repeated.
    private var nodes = 0
    private var expanded = 0

    init(limits: YAMLLimits) {
        self.limits = limits
    }

    mutating func handle(_ event: yaml_event_t) throws(YAMLError) {
        let mark = Mark(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            root = nil
            anchors.removeAll(keepingCapacity: true)
        case YAML_DOCUMENT_END_EVENT:
            let node = root ?? YAMLNode(.scalar("", plain: true), at: mark)
            documents.append(YAMLDocument(root: node, index: documents.count))
        case YAML_SCALAR_EVENT:
            try scalar(event, at: mark)
        case YAML_ALIAS_EVENT:
            try alias(String(cString: event.data.alias.anchor), at: mark)
        case YAML_MAPPING_START_EVENT:
            try open(isMapping: true, anchor: event.data.mapping_start.anchor, at: mark)
        case YAML_SEQUENCE_START_EVENT:
            try open(isMapping: false, anchor: event.data.sequence_start.anchor, at: mark)
        case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
            close()
        default:
            break
        }
    }

    /// Counts one more node: a scalar, an alias or a collection.
    private mutating func count(at mark: Mark) throws(YAMLError) {
        nodes += 1
        guard nodes <= limits.maxNodes else {
            throw YAMLError(.tooManyNodes, "file holds more than \(limits.maxNodes) YAML nodes", at: mark)
        }
    }

    private mutating func scalar(_ event: yaml_event_t, at mark: Mark) throws(YAMLError) {
        try count(at: mark)
        let scalar = event.data.scalar
        let length = Int(scalar.length)
        guard length <= limits.maxScalarBytes else {
            throw YAMLError(.scalarTooLarge, "a scalar of \(ByteCount(length)) is longer than the limit of "
                                + "\(ByteCount(limits.maxScalarBytes))", at: mark)
        }
        let text = Self.string(scalar.value, length)
        let isPlain = scalar.style == YAML_PLAIN_SCALAR_STYLE && scalar.tag == nil
        let measured = Measured(node: YAMLNode(.scalar(text, plain: isPlain), at: mark), height: 0, size: 1 + length)
        if let anchor = scalar.anchor { anchors[String(cString: anchor)] = measured }
        add(measured)
    }

    private mutating func alias(_ name: String, at mark: Mark) throws(YAMLError) {
        try count(at: mark)
        var measured = anchors[name] ?? Measured(node: YAMLNode(.scalar("", plain: true), at: mark), height: 0, size: 1)
        guard stack.count + measured.height <= limits.maxDepth else {
            throw YAMLError(.nestingTooDeep, "alias *\(name) nests collections \(stack.count + measured.height) levels "
                                + "deep; the limit is \(limits.maxDepth)", at: mark)
        }
        expanded += measured.size
        guard expanded <= limits.maxAliasExpansion else {
            throw YAMLError(.aliasExpansionTooLarge, "aliases repeat more than \(limits.maxAliasExpansion) nodes "
                                + "and bytes of text in this file, here with *\(name)", at: mark)
        }
        measured.node.mark = mark
        add(measured)
    }

    private mutating func open(isMapping: Bool, anchor: UnsafeMutablePointer<UInt8>?, at mark: Mark) throws(YAMLError) {
        try count(at: mark)
        guard stack.count < limits.maxDepth else {
            throw YAMLError(.nestingTooDeep, "collections nest deeper than \(limits.maxDepth) levels here", at: mark)
        }
        stack.append(Frame(isMapping: isMapping, mark: mark, anchor: anchor.map { String(cString: $0) }))
    }

    private mutating func close() {
        guard let frame = stack.popLast() else { return }
        let content: YAMLNode.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
        let measured = Measured(node: YAMLNode(content, at: frame.mark), height: frame.childHeight + 1,
                                size: frame.size)
        if let anchor = frame.anchor { anchors[anchor] = measured }
        add(measured)
    }

    private mutating func add(_ measured: Measured) {
        let top = stack.count - 1
        guard top >= 0 else {
            root = measured.node
            return
        }
        stack[top].childHeight = max(stack[top].childHeight, measured.height)
        stack[top].size += measured.size
        let node = measured.node
        if !stack[top].isMapping {
            stack[top].items.append(node)
        } else if let key = stack[top].pendingKey {
            stack[top].pairs.append(YAMLPair(key: key, value: node))
            stack[top].pendingKey = nil
        } else {
            stack[top].pendingKey = node
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<UInt8>?, _ length: Int) -> String {
        guard let pointer, length > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }
}
