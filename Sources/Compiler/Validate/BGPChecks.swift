extension Validator {
    mutating func checkSessions() {
        let nodes = Dictionary(inventory.nodes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var neighbors: [String: String] = [:]
        for session in inventory.sessions {
            let key = "\(session.node)/\(session.neighbor)"
            if let other = neighbors[key] {
                error(.duplicateAddress, session.origin, "neighbor",
                      "neighbor \(session.neighbor) already has session '\(other)' on node '\(session.node)'",
                      hint: "one session per neighbor address and node")
            } else {
                neighbors[key] = session.name
            }
            if let source = session.sourceAddress, source.family != session.neighbor.family {
                error(.nextHopFamilyMismatch, session.origin, "source_address",
                      "source_address \(source) is IPv\(source.family.rawValue) but neighbor \(session.neighbor) "
                          + "is IPv\(session.neighbor.family.rawValue)")
            }
            if let node = nodes[session.node], node.asn == session.remoteAS {
                warning(.invalidASN, session.origin, "remote_as",
                        "remote_as \(session.remoteAS) is the node's own AS: this is an iBGP session",
                        hint: "wgc's filters are written for eBGP; check the AS number")
            }
        }
    }

    /// Announcements: a known session on the same node, next hop of the prefix's family, covered by a pool
    /// or whitelist entry, and not RPKI-invalid. Auto-announced pools and allocations get the RPKI check too.
    mutating func checkAnnouncements() {
        let sessions = Dictionary(inventory.sessions.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let nodes = Dictionary(inventory.nodes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let coverMayBeMissing = inventory.hasBroken(.prefixPool) || inventory.hasBroken(.whitelist)
        let covers = inventory.pools.map(\.prefix) + inventory.whitelist.map(\.prefix)
        var cover = PrefixOverlapIndex(lengths: covers.map(\.length) + inventory.announcements.map(\.prefix.length))
        for (position, prefix) in covers.enumerated() { cover.add(prefix, position: position) }
        for announcement in inventory.announcements {
            if let name = announcement.session {
                if let session = sessions[name] {
                    if !announcement.node.isEmpty, session.node != announcement.node {
                        error(.invalidValue, announcement.origin, "session",
                              "session '\(name)' is on node '\(session.node)', not '\(announcement.node)'")
                    }
                    if session.neighbor.family != announcement.prefix.family, announcement.nextHop == nil {
                        error(.nextHopFamilyMismatch, announcement.origin, "session",
                              "\(announcement.prefix) is IPv\(announcement.prefix.family.rawValue) but session "
                                  + "'\(name)' runs over IPv\(session.neighbor.family.rawValue): BGP needs a next hop "
                                  + "of the prefix's family", hint: "set next_hop to this router's address for that family")
                    }
                } else {
                    unknownReference(announcement.origin, "session", kind: .bgpSession, name: name)
                }
            }
            if let nextHop = announcement.nextHop, nextHop.family != announcement.prefix.family {
                error(.nextHopFamilyMismatch, announcement.origin, "next_hop",
                      "next hop \(nextHop) is IPv\(nextHop.family.rawValue) but \(announcement.prefix) is "
                          + "IPv\(announcement.prefix.family.rawValue)",
                      hint: "a route's next hop must be of the route's address family")
            }
            if cover.firstCovering(announcement.prefix) == nil, !coverMayBeMissing {
                error(.announcementNotCovered, announcement.origin, "prefix",
                      "\(announcement.prefix) is not covered by any prefix pool or whitelist entry",
                      hint: "announce only address space you hold: add a Whitelist entry for it if it is yours")
            }
            checkOrigin(announcement.prefix, asn: announcement.asn, announcement.origin, field: "prefix")
        }
        for pool in inventory.pools where pool.autoAnnounceBGP {
            if let node = nodes[pool.node] { checkOrigin(pool.prefix, asn: node.asn, pool.origin, field: "prefix") }
        }
        let poolNodes = Dictionary(inventory.pools.map { ($0.name, $0.node) }, uniquingKeysWith: { a, _ in a })
        for allocation in inventory.allocations where allocation.autoAnnounce {
            if let name = poolNodes[allocation.pool], let node = nodes[name] {
                checkOrigin(allocation.prefix, asn: node.asn, allocation.origin, field: "prefix")
            }
        }
    }

    /// RFC 6811 against the repository's VRPs: invalid is an error, not-found a warning (only when VRPs exist).
    private mutating func checkOrigin(_ prefix: IPPrefix, asn: UInt32, _ origin: Origin, field: String) {
        guard !inventory.vrps.isEmpty else { return }
        let result = inventory.vrps.validate(prefix, origin: asn)
        switch result.validity {
        case .valid:
            break
        case .invalid:
            error(.rpkiInvalid, origin, field, "\(prefix) from AS\(asn) is RPKI-invalid: \(result.reason)",
                  hint: "networks that validate RPKI drop this route; fix the ROA or the origin AS")
        case .notFound:
            guard !inventory.hasBrokenVRPs else { return }
            warning(.rpkiNotFound, origin, field, "\(prefix) from AS\(asn) has no covering ROA (RPKI not-found)",
                    hint: "create a ROA for it at your RIR")
        }
    }
}
