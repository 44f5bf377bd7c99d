extension Origin {
    func isIdentical(to other: Origin) -> Bool {
        self == other && fieldMarks.elementsEqual(other.fieldMarks) { $0.name == $1.name && $0.mark == $1.mark }
    }
}

extension WireGuardClient {
    /// Whether two clients as loaded are the same in every field and every position (the resource's and each
    /// field's), so that one may stand for the other in a validated inventory: a client a changed file still holds
    /// exactly as before needs no check again, and its diagnostics would point at the same places.
    func isIdentical(to other: WireGuardClient) -> Bool {
        name == other.name && explicitID == other.explicitID && server == other.server
            && description == other.description && publicKey == other.publicKey
            && presharedKeyFile == other.presharedKeyFile && ipv4Address == other.ipv4Address
            && ipv6Address == other.ipv6Address && allowedIPs == other.allowedIPs
            && persistentKeepalive == other.persistentKeepalive && dnsServers == other.dnsServers && mtu == other.mtu
            && isActive == other.isActive && origin.isIdentical(to: other.origin)
    }
}

extension IncrementalCheck {
    /// `before` and `after` (a changed file's clients, before and after) without the clients both hold
    /// identically, matched by position: what a change of one key in a file of 500 clients really removes and adds.
    static func changed(before: [WireGuardClient], after: [WireGuardClient])
        -> (removed: [WireGuardClient], added: [WireGuardClient]) {
        var unmatched: [Origin: Int] = [:]
        for (index, client) in before.enumerated() { unmatched[client.origin] = index }
        var kept = Set<Int>()
        var added: [WireGuardClient] = []
        for client in after {
            if let index = unmatched[client.origin], !kept.contains(index), before[index].isIdentical(to: client) {
                kept.insert(index)
            } else {
                added.append(client)
            }
        }
        let removed = before.indices.filter { !kept.contains($0) }.map { before[$0] }
        return (removed, added)
    }
}
