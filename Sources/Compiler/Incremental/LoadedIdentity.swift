/// Whether two resources as loaded are the same in every field and every position (the resource's and each
/// field's), so that one may stand for the other in a validated inventory: a client a changed file still holds
/// exactly as before needs no check again, and its diagnostics would point at the same places.
protocol LoadedIdentity {
    func isIdentical(to other: Self) -> Bool
}

extension Origin {
    func isIdentical(to other: Origin) -> Bool {
        self == other && fieldMarks.elementsEqual(other.fieldMarks) { $0.name == $1.name && $0.mark == $1.mark }
    }
}

extension WireGuardClient: LoadedIdentity {
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
    /// `before` and `after` (a changed file's resources, before and after) without the resources both hold
    /// identically, matched by position: what a change of one key in a file of 500 clients really removes and adds.
    static func changed<Resource: LoadedIdentity & Located>(before: [Resource], after: [Resource])
        -> (removed: [Resource], added: [Resource]) {
        var unmatched: [Origin: Int] = [:]
        for (index, resource) in before.enumerated() { unmatched[resource.origin] = index }
        var kept = Set<Int>()
        var added: [Resource] = []
        for resource in after {
            if let index = unmatched[resource.origin], !kept.contains(index), before[index].isIdentical(to: resource) {
                kept.insert(index)
            } else {
                added.append(resource)
            }
        }
        let removed = before.indices.filter { !kept.contains($0) }.map { before[$0] }
        return (removed, added)
    }
}
