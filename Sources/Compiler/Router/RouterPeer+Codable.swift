/// A peer is kept as one line of text in the agent's saved configuration, not an object of six fields: a node
/// with thousands of clients is read and written back on every apply, and JSON coders are slow per value.
/// `client key keepalive presharedKeyFile|- allowedIPs|- delegated|-`, lists comma-separated. Names, keys, paths
/// and prefixes hold no spaces (the loader refuses them).
extension RouterPeer: Codable {
    public init(from decoder: any Decoder) throws {
        let line = try decoder.singleValueContainer().decode(String.self)
        let fields = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        func prefixes(_ text: String) throws -> [IPPrefix] {
            guard text != "-" else { return [] }
            return try text.split(separator: ",").map { item in
                guard case .success(let prefix) = IPPrefix.parse(item) else { throw Self.corrupt(decoder, line) }
                return prefix
            }
        }
        guard fields.count == 6, let keepalive = Int(fields[2]) else { throw Self.corrupt(decoder, line) }
        self.init(client: fields[0], publicKey: fields[1], presharedKeyFile: fields[3] == "-" ? nil : fields[3],
                  allowedIPs: try prefixes(fields[4]), delegated: try prefixes(fields[5]),
                  persistentKeepalive: keepalive)
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
