import YAML

/// Reads one document into the resource its `kind` names.
struct ResourceReader {
    let file: String
    let root: YAMLNode
    var diagnostics: [Diagnostic] = []

    init(file: String, root: YAMLNode) {
        self.file = file
        self.root = root
    }

    func location(_ mark: Mark) -> FileLocation {
        FileLocation(file: file, line: mark.line, column: mark.column)
    }

    mutating func read(into inventory: inout Inventory) {
        guard case .mapping(let pairs) = root.content else {
            diagnostics.append(.error(.wrongType, at: location(root.mark),
                                      "a resource must be a mapping with a 'kind', found \(root.kindDescription)"))
            return
        }
        guard let kindPair = pairs.first(where: { if case .scalar("kind", _) = $0.key.content { true } else { false } })
        else {
            diagnostics.append(.error(.missingField, at: location(root.mark), "resource has no 'kind'",
                                      hint: "kinds: " + ResourceKind.allCases.map(\.rawValue).joined(separator: ", ")))
            return
        }
        guard case .scalar(let kindText, _) = kindPair.value.content else {
            diagnostics.append(.error(.wrongType, at: location(kindPair.value.mark),
                                      "'kind' must be the name of a kind, found \(kindPair.value.kindDescription)",
                                      hint: "kinds: " + ResourceKind.allCases.map(\.rawValue).joined(separator: ", ")))
            return
        }
        guard let kind = ResourceKind(rawValue: kindText) else {
            var hint = "kinds: " + ResourceKind.allCases.map(\.rawValue).joined(separator: ", ")
            if case .scalar(let text, _) = kindPair.value.content,
               let near = Spelling.closest(to: text, in: ResourceKind.allCases.map(\.rawValue)) {
                hint = "did you mean '\(near)'?"
            }
            diagnostics.append(.error(.unknownKind, at: location(kindPair.value.mark),
                                      "unknown kind \(kindPair.value.kindDescription)", hint: hint))
            if let name = Self.name(in: pairs) { inventory.brokenResources.insert("*:\(name)") }
            return
        }
        var fields = FieldReader(file: file, kind: kind.rawValue, mark: root.mark, pairs: pairs,
                                 allowed: kind.allowedFields)
        defer { diagnostics += fields.diagnostics }
        var loaded = true
        switch kind {
        case .node: loaded = append(readNode(&fields), to: &inventory.nodes)
        case .wireGuardServer: loaded = append(readServer(&fields), to: &inventory.servers)
        case .wireGuardClient: loaded = append(readClient(&fields), to: &inventory.clients)
        case .prefixPool: loaded = append(readPool(&fields), to: &inventory.pools)
        case .allocation: loaded = append(readAllocation(&fields), to: &inventory.allocations)
        case .whitelist: loaded = append(readWhitelist(&fields), to: &inventory.whitelist)
        case .bgpSession: loaded = append(readSession(&fields), to: &inventory.sessions)
        case .bgpAnnouncement: loaded = append(readAnnouncement(&fields), to: &inventory.announcements)
        }
        if !loaded { inventory.brokenResources.insert("\(kind.rawValue):\(Self.name(in: pairs) ?? "")") }
    }

    func append<Resource>(_ resource: Resource?, to list: inout [Resource]) -> Bool {
        guard let resource else { return false }
        list.append(resource)
        return true
    }

    /// The `name` of a mapping, if it has a text one, for remembering resources that failed to load.
    static func name(in pairs: [YAMLPair]) -> String? {
        for pair in pairs {
            if case .scalar("name", _) = pair.key.content, case .scalar(let name, _) = pair.value.content { return name }
        }
        return nil
    }

    // MARK: Common fields

    func origin(_ fields: FieldReader) -> Origin {
        Origin(file: file, mark: root.mark, fieldMarks: fields.fieldMarks)
    }

    /// Names become file names, interface parts and BIRD identifiers, so they are kept to a safe alphabet.
    func name(_ fields: inout FieldReader, required: Bool) -> String? {
        guard let name = fields.string("name", required: required) else { return nil }
        guard Names.isValid(name) else {
            fields.report(.invalidValue, "name", "name '\(name)' may hold only letters, digits, '-' and '_' "
                              + "(1 to 63 characters, starting with a letter or digit)")
            return nil
        }
        return name
    }

    /// The document's own id; nil lets the resource derive one from its kind and name.
    func explicitID(_ fields: inout FieldReader) -> String? {
        guard let id = fields.string("id") else { return nil }
        if ResourceID.isUUID(id) { return id.lowercased() }
        fields.report(.invalidValue, "id", "id '\(id)' is not a UUID",
                      hint: "remove it: wgc derives a stable id from the kind and name")
        return nil
    }

    func nodeReference(_ fields: inout FieldReader) -> String {
        fields.string("node") ?? ""
    }
}
