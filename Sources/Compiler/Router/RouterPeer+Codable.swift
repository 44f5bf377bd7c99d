/// A peer is kept as one line of text in the agent's saved configuration, not an object of six fields: a node
/// with thousands of clients is read and written back on every apply, and JSON coders are slow per value.
/// `client key keepalive presharedKeyFile|- allowedIPs|- delegated|-`, lists comma-separated. Names, keys, paths
/// and prefixes hold no spaces (the loader refuses them).
extension RouterPeer: Codable {
    public init(from decoder: any Decoder) throws {
        var line = try decoder.singleValueContainer().decode(String.self)
        // Read from the line's bytes: fields and prefixes are found and parsed in place, and only the three texts
        // a peer keeps become strings.
        guard let peer = line.withUTF8({ Self.read($0) }) else { throw Self.corrupt(decoder, line) }
        self = peer
    }

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> RouterPeer? {
        var fields: [Range<Int>] = []
        fields.reserveCapacity(6)
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: " ") {
            fields.append(start..<index)
            start = index + 1
        }
        guard fields.count == 6 else { return nil }
        func text(_ field: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[fields[field]]), as: UTF8.self)
        }
        func isDash(_ field: Int) -> Bool {
            fields[field].count == 1 && bytes[fields[field].lowerBound] == UInt8(ascii: "-")
        }
        func prefixes(_ field: Int) -> [IPPrefix]? {
            guard !isDash(field) else { return [] }
            var list: [IPPrefix] = []
            var start = fields[field].lowerBound
            for index in fields[field].lowerBound...fields[field].upperBound
            where index == fields[field].upperBound || bytes[index] == UInt8(ascii: ",") {
                guard let prefix = IPPrefix.parse(utf8: UnsafeBufferPointer(rebasing: bytes[start..<index])) else {
                    return nil
                }
                list.append(prefix)
                start = index + 1
            }
            return list
        }
        guard let keepalive = Int(text(2)), let allowedIPs = prefixes(4), let delegated = prefixes(5),
              !fields[0].isEmpty, !fields[1].isEmpty, !fields[3].isEmpty else { return nil }
        return RouterPeer(client: text(0), publicKey: text(1), presharedKeyFile: isDash(3) ? nil : text(3),
                          allowedIPs: allowedIPs, delegated: delegated, persistentKeepalive: keepalive)
    }

    public func encode(to encoder: any Encoder) throws {
        func list(_ prefixes: [IPPrefix]) -> String {
            prefixes.isEmpty ? "-" : prefixes.map(\.description).joined(separator: ",")
        }
        var container = encoder.singleValueContainer()
        try container.encode([client, publicKey, String(persistentKeepalive), presharedKeyFile ?? "-",
                              list(allowedIPs), list(delegated)].joined(separator: " "))
    }

    private static func corrupt(_ decoder: any Decoder, _ line: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a saved peer: '\(line)'"))
    }
}
