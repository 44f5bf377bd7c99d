import YAML

/// Reads the fields of one resource mapping by the type each field expects, recording a diagnostic at the
/// value's place for every field that is missing, mistyped or unknown, and the marks of those that were read.
struct FieldReader {
    let file: String
    let kind: String
    let resourceMark: Mark
    /// The fields read, in document order; resources have a dozen at most, so lists beat dictionaries.
    private var values: [(key: String, node: YAMLNode)] = []
    private(set) var fieldMarks: [Origin.FieldMark] = []
    var diagnostics: [Diagnostic] = []

    /// Indexes `pairs`, reporting duplicate keys, non-text keys and keys outside `allowed`.
    init(file: String, kind: String, mark: Mark, pairs: [YAMLPair], allowed: [String]) {
        self.file = file
        self.kind = kind
        self.resourceMark = mark
        values.reserveCapacity(pairs.count)
        fieldMarks.reserveCapacity(pairs.count)
        // A crafted mapping can hold a million keys: finding duplicates must not compare every pair.
        var firstLines: [String: Int] = [:]
        for pair in pairs {
            guard case .scalar(let key, _) = pair.key.content else {
                diagnostics.append(.error(.wrongType, at: location(pair.key.mark),
                                          "a field name must be text, found \(pair.key.kindDescription)"))
                continue
            }
            if let firstLine = firstLines[key] {
                diagnostics.append(.error(.duplicateKey, at: location(pair.key.mark),
                                          "duplicate field '\(key)' in this \(kind)",
                                          hint: "'\(key)' is already set on line \(firstLine); keep one of them"))
                continue
            }
            firstLines[key] = pair.key.mark.line
            guard allowed.contains(key) else {
                var hint = "\(kind) fields are: \(allowed.filter { $0 != "kind" }.sorted().joined(separator: ", "))"
                if let near = Spelling.closest(to: key, in: allowed) { hint = "did you mean '\(near)'?" }
                diagnostics.append(.error(.unknownField, at: location(pair.key.mark),
                                          "unknown field '\(key)' in \(kind)", hint: hint))
                continue
            }
            values.append((key, pair.value))
            fieldMarks.append(Origin.FieldMark(name: key, mark: pair.value.mark))
        }
    }

    private func value(_ key: String) -> YAMLNode? {
        values.first { $0.key == key }?.node
    }

    private func markOf(_ key: String) -> Mark? {
        fieldMarks.first { $0.name == key }?.mark
    }

    func location(_ mark: Mark) -> FileLocation {
        FileLocation(file: file, line: mark.line, column: mark.column)
    }

    func has(_ key: String) -> Bool { value(key).map { !$0.isNull } ?? false }

    func node(_ key: String) -> YAMLNode? {
        guard let node = value(key), !node.isNull else { return nil }
        return node
    }

    mutating func missing(_ key: String, hint: String? = nil) {
        diagnostics.append(.error(.missingField, at: location(resourceMark),
                                  "\(kind) is missing the required field '\(key)'", hint: hint))
    }

    mutating func wrongType(_ key: String, expected: String, found node: YAMLNode, hint: String? = nil) {
        diagnostics.append(.error(.wrongType, at: location(node.mark),
                                  "'\(key)' must be \(expected), found \(node.kindDescription)", hint: hint))
    }

    mutating func report(_ code: DiagnosticCode, _ key: String, _ message: String, hint: String? = nil,
                         severity: Diagnostic.Severity = .error) {
        let mark = markOf(key) ?? resourceMark
        diagnostics.append(Diagnostic(severity, code, at: location(mark), message, hint: hint))
    }

    // MARK: Scalars

    mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let node = node(key) else {
            if required { missing(key) }
            return nil
        }
        guard case .scalar(let text, _) = node.content else {
            wrongType(key, expected: "text", found: node)
            return nil
        }
        return text
    }

    mutating func int(_ key: String, required: Bool = false, in range: ClosedRange<Int>? = nil) -> Int? {
        guard let node = node(key) else {
            if required { missing(key) }
            return nil
        }
        if case .scalar(let text, true) = node.content, let range, text.count > 1, Int(text) == nil,
           text.dropFirst(text.first == "-" ? 1 : 0).utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            report(.valueOutOfRange, key, "'\(key)' is \(text), outside \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        guard case .scalar(let text, let plain) = node.content, plain, let value = Int(text) else {
            let hint: String? = if case .scalar(let text, false) = node.content, Int(text) != nil {
                "remove the quotes: a quoted number is text"
            } else { nil }
            wrongType(key, expected: "a whole number", found: node, hint: hint)
            return nil
        }
        if let range, !range.contains(value) {
            report(.valueOutOfRange, key, "'\(key)' is \(value), outside \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return value
    }

    mutating func bool(_ key: String, default fallback: Bool) -> Bool {
        guard let node = node(key) else { return fallback }
        if case .scalar(let text, true) = node.content {
            switch text.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        wrongType(key, expected: "true or false", found: node)
        return fallback
    }

    /// An ASN as a number or `AS65001`; range 1…4294967295, with the IANA-reserved ranges warned about.
    mutating func asn(_ key: String, required: Bool = false) -> UInt32? {
        guard let node = node(key) else {
            if required { missing(key) }
            return nil
        }
        guard case .scalar(var text, _) = node.content else {
            wrongType(key, expected: "an AS number", found: node)
            return nil
        }
        if text.hasPrefix("AS") || text.hasPrefix("as") { text.removeFirst(2) }
        if !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), Int(text) == nil {
            report(.invalidASN, key, "AS number \(text) is outside 1…4294967295")
            return nil
        }
        guard let value = Int(text) else {
            wrongType(key, expected: "an AS number", found: node)
            return nil
        }
        guard (1...4_294_967_295).contains(value) else {
            report(.invalidASN, key, "AS number \(value) is outside 1…4294967295",
                   hint: value == 0 ? "AS0 is reserved (RFC 7607) and never valid in a session or origin" : nil)
            return nil
        }
        if let reason = ASNRanges.reservation(UInt32(value)) {
            report(.reservedASN, key, "AS\(value) is \(reason)", severity: .warning)
        }
        return UInt32(value)
    }

    // MARK: Addresses

    mutating func address(_ key: String, required: Bool = false) -> IPAddress? {
        guard let text = string(key, required: required) else { return nil }
        guard let address = IPAddress(text) else {
            report(.invalidAddress, key, "'\(text)' is not an IPv4 or IPv6 address",
                   hint: text.contains("/") ? "'\(key)' takes an address without a prefix length" : nil)
            return nil
        }
        return address
    }

    /// A network prefix: host bits must be clear.
    mutating func prefix(_ key: String, required: Bool = false) -> IPPrefix? {
        guard let text = string(key, required: required) else { return nil }
        return parsePrefix(text, key: key, mark: markOf(key) ?? resourceMark, network: true)
    }

    /// An interface or host address (`10.0.0.1/24`, a bare address is /32 or /128).
    mutating func interfaceAddress(_ key: String) -> IPPrefix? {
        guard let text = string(key) else { return nil }
        return parsePrefix(text, key: key, mark: markOf(key) ?? resourceMark, network: false)
    }

    mutating func parsePrefix(_ text: String, key: String, mark: Mark, network: Bool) -> IPPrefix? {
        switch IPPrefix.parse(text, bareAddressIsHost: !network) {
        case .failure(.invalidAddress):
            diagnostics.append(.error(.invalidPrefix, at: location(mark),
                                      "'\(text)' in '\(key)' is not a valid IP prefix: bad address"))
            return nil
        case .failure(.invalidLength):
            diagnostics.append(.error(.invalidPrefix, at: location(mark),
                                      "'\(text)' in '\(key)' is not a valid IP prefix: bad or missing prefix length",
                                      hint: "write it as ADDRESS/LENGTH, e.g. 2001:db8::/48"))
            return nil
        case .success(let prefix):
            if network, prefix.hasHostBits {
                diagnostics.append(.error(.hostBitsSet, at: location(mark),
                                          "'\(text)' has host bits set beyond /\(prefix.length)",
                                          hint: "did you mean \(prefix.network)?"))
                return nil
            }
            return prefix
        }
    }

    // MARK: Lists

    mutating func list(_ key: String) -> [YAMLNode]? {
        guard let node = node(key) else { return nil }
        guard case .sequence(let items) = node.content else {
            wrongType(key, expected: "a list", found: node, hint: "write it as [item, …] or one '- item' per line")
            return nil
        }
        return items
    }

    mutating func addressList(_ key: String) -> [IPAddress]? {
        guard let items = list(key) else { return nil }
        return items.compactMap { item in
            guard case .scalar(let text, _) = item.content, let address = IPAddress(text) else {
                diagnostics.append(.error(.invalidAddress, at: location(item.mark),
                                          "\(item.kindDescription) in '\(key)' is not an IP address"))
                return nil
            }
            return address
        }
    }

    mutating func prefixList(_ key: String) -> [IPPrefix]? {
        guard let items = list(key) else { return nil }
        return items.compactMap { item in
            guard case .scalar(let text, _) = item.content else {
                wrongType(key, expected: "a list of prefixes", found: item)
                return nil
            }
            return parsePrefix(text, key: key, mark: item.mark, network: true)
        }
    }
}

/// IANA's reserved and special-purpose AS number ranges. Private ASNs (RFC 6996) are normal in
/// private peering and lab networks, so they are not warned about.
enum ASNRanges {
    static func reservation(_ asn: UInt32) -> String? {
        switch asn {
        case 23456: return "AS_TRANS (RFC 6793), not a real AS"
        case 64496...64511, 65536...65551: return "reserved for documentation (RFC 5398)"
        case 65535, 4_294_967_295: return "reserved (RFC 7300)"
        case 65552...131_071: return "reserved by IANA"
        default: return nil
        }
    }
}
