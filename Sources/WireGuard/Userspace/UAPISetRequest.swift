/// The one `set=1` message that applies a `WireGuardChange`: device fields, then removals, then updates of
/// existing peers (`update_only`, so a peer that vanished meanwhile is not resurrected), then new peers. A
/// changed peer gets only its changed lines, so its session is not disturbed.
struct UAPISetRequest {
    private(set) var bytes: [UInt8] = []
    private let interface: String
    private let operation: String

    init(_ change: WireGuardChange, interface: String, operation: String) throws {
        self.interface = interface
        self.operation = operation
        bytes.reserveCapacity(256 + 200 * (change.addedPeers.count + change.updatedPeers.count))
        append("set", "1")
        if let key = change.privateKey { appendKey("private_key", key.storage) }
        if let port = change.listenPort { append("listen_port", try checked(port, 0...65535, "listen port")) }
        if let mark = change.fwmark { append("fwmark", try checked(mark, 0...Int(UInt32.max), "fwmark")) }
        for key in change.removedPeers {
            appendKey("public_key", key.storage)
            append("remove", "true")
        }
        for update in change.updatedPeers { try append(update) }
        for peer in change.addedPeers { try append(peer) }
        bytes.append(UInt8(ascii: "\n"))
    }

    private mutating func append(_ update: WireGuardPeerUpdate) throws {
        appendKey("public_key", update.publicKey.storage)
        append("update_only", "true")
        switch update.presharedKey {
        case .set(let key): appendKey("preshared_key", key.storage)
        case .remove: appendKey("preshared_key", .zero)
        case nil: break
        }
        if let endpoint = update.endpoint { append("endpoint", try checked(endpoint)) }
        if let seconds = update.persistentKeepalive {
            append("persistent_keepalive_interval", try checked(seconds, 0...65535, "persistent keepalive"))
        }
        if let allowedIPs = update.allowedIPs {
            append("replace_allowed_ips", "true")
            for prefix in allowedIPs { append("allowed_ip", prefix.description) }
        }
    }

    private mutating func append(_ peer: WireGuardPeer) throws {
        appendKey("public_key", peer.publicKey.storage)
        if let key = peer.presharedKey { appendKey("preshared_key", key.storage) }
        if let endpoint = peer.endpoint { append("endpoint", try checked(endpoint)) }
        if peer.persistentKeepalive != 0 {
            let seconds = try checked(peer.persistentKeepalive, 0...65535, "persistent keepalive")
            append("persistent_keepalive_interval", seconds)
        }
        // A peer added by someone else since the status was read is made exactly this one, not merged with it.
        append("replace_allowed_ips", "true")
        for prefix in peer.allowedIPs { append("allowed_ip", prefix.description) }
    }

    private mutating func append(_ key: String, _ value: String) {
        bytes.append(contentsOf: key.utf8)
        bytes.append(UInt8(ascii: "="))
        bytes.append(contentsOf: value.utf8)
        bytes.append(UInt8(ascii: "\n"))
    }

    private mutating func appendKey(_ key: String, _ value: KeyBytes) {
        bytes.append(contentsOf: key.utf8)
        bytes.append(UInt8(ascii: "="))
        value.appendHex(to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
    }

    private func checked(_ value: Int, _ range: ClosedRange<Int>, _ what: String) throws -> String {
        guard range.contains(value) else { throw invalid("\(what) \(value) is outside \(range)") }
        return String(value)
    }

    /// An endpoint is sent verbatim, so a line break in it would smuggle in further commands.
    private func checked(_ endpoint: String) throws -> String {
        guard !endpoint.isEmpty, !endpoint.contains(where: { $0.isNewline || $0 == "=" }) else {
            throw invalid("endpoint '\(endpoint.prefix(80))' is not ip:port")
        }
        return endpoint
    }

    private func invalid(_ message: String) -> WireGuardError {
        WireGuardError(.invalidChange, interface: interface, operation: operation, message: message)
    }
}
