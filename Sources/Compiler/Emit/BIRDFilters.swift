/// The per-session BGP filters: what a neighbor may send us, and what we send it.
extension BIRDEmitter {
    static let bogonsV6 = [
        "::/8+", "0100::/64+", "2001:2::/48+", "2001:10::/28+", "2001:db8::/32+", "2002::/16+", "3ffe::/16+",
        "fc00::/7+", "fe80::/10+", "fec0::/10+", "ff00::/8+",
    ]
    static let bogonsV4 = [
        "0.0.0.0/8+", "10.0.0.0/8+", "100.64.0.0/10+", "127.0.0.0/8+", "169.254.0.0/16+", "172.16.0.0/12+",
        "192.0.2.0/24+", "192.88.99.0/24+", "192.168.0.0/16+", "198.18.0.0/15+", "198.51.100.0/24+",
        "203.0.113.0/24+", "224.0.0.0/4+", "240.0.0.0/4+",
    ]
    static let bogonASNs = "0, 23456, 64496..64511, 64512..65534, 65535, 65536..131071, 4200000000..4294967295"
    /// The same without the private ranges, for sessions with private-AS neighbors (RFC 6996).
    static let reservedASNs = "0, 23456, 64496..64511, 65535, 65536..131071, 4294967295"

    static func isPrivate(_ asn: UInt32) -> Bool {
        (64512...65534).contains(asn) || (4_200_000_000...4_294_967_294).contains(asn)
    }

    func renderImportFilter(_ out: inout Lines, _ session: BGPSession, family: IPAddress.Family, symbol: String) {
        let v = family.rawValue
        let (shortest, longest) = family == .v6 ? (16, 48) : (8, 24)
        let name = Self.quoted(session.name)
        func reject(_ reason: String) -> String {
            "{ print \"wgc \(name): rejected \", net, \" from AS\(session.remoteAS): \(reason)\"; reject; }"
        }
        out.add("filter \(symbol)_import\(v) {")
        if session.acceptDefault {
            let firstAS = session.routeServer ? "" : "if bgp_path.first != \(session.remoteAS) then \(reject("first AS is not the neighbor's")) "
            out.add("    if net.len = 0 then { \(firstAS)accept; }")
        } else {
            out.add("    if net.len = 0 then \(reject("default route not accepted"))")
        }
        out.add("    if net ~ WGC_BOGONS_V\(v) then \(reject("bogon prefix"))")
        out.add("    if net.len > \(longest) then \(reject("prefix longer than /\(longest)"))")
        out.add("    if net.len < \(shortest) then \(reject("prefix shorter than /\(shortest)"))")
        if ownPrefixes.contains(where: { $0.family == family }) {
            out.add("    if net ~ WGC_OWN_V\(v) then \(reject("one of our own prefixes"))")
        }
        if Self.isPrivate(session.remoteAS) {
            out.add("    # The neighbor's AS is private, so only reserved ASNs are refused in its paths.")
            out.add("    if bgp_path ~ WGC_RESERVED_ASNS then \(reject("reserved AS in path"))")
        } else {
            out.add("    if bgp_path ~ WGC_BOGON_ASNS then \(reject("bogon AS in path"))")
        }
        if !session.routeServer {
            out.add("    if bgp_path.first != \(session.remoteAS) then \(reject("first AS is not the neighbor's"))")
        }
        if session.neighbor.family == family, session.multihop == nil, !session.routeServer {
            out.add("    if bgp_next_hop != \(session.neighbor) then \(reject("next hop is not the neighbor"))")
        }
        out.add("    if roa_check(wgc_roa\(v), net, bgp_path.last) = ROA_INVALID then \(reject("RPKI invalid"))")
        out.add("    # RFC 8326: the neighbor is about to shut down; prefer any other path.")
        out.add("    if (65535, 0) ~ bgp_community then bgp_local_pref = 0;")
        out.add("    accept;")
        out.add("}")
        out.add("")
    }

    /// The export filter of each of `families`, without its first line (which names the session): what the
    /// session announces, grouped by what the export changes so each group is one prefix-set match.
    func exportFilters(_ families: [IPAddress.Family], exports: [Origination]) -> [IPAddress.Family: String] {
        var filters: [IPAddress.Family: String] = [:]
        for family in families {
            filters[family] = exportFilterBody(family: family, exports: exports.filter { $0.prefix.family == family })
        }
        return filters
    }

    private func exportFilterBody(family: IPAddress.Family, exports: [Origination]) -> String {
        var body = ""
        body.reserveCapacity(100 + exports.count * 80)
        body += "    if proto != \"wgc_originate\(family.rawValue)\" then reject;\n"
        var groups: [String: [Origination]] = [:]
        for origination in exports {
            let key = "\(origination.nextHop?.description ?? "")|\(origination.originAS.map(String.init) ?? "")"
            groups[key, default: []].append(origination)
        }
        for key in groups.keys.sorted() {
            let members = groups[key]!
            var set = ""
            for member in members {
                let prefix = member.prefix.description
                body += "    # \(prefix): \(member.reason)\n"
                if !set.isEmpty { set += ", " }
                set += prefix
            }
            var actions = ""
            if let nextHop = members[0].nextHop { actions += "bgp_next_hop = \(nextHop); " }
            if let originAS = members[0].originAS { actions += "bgp_path.prepend(\(originAS)); " }
            body += "    if net ~ [ \(set) ] then { \(actions)accept; }\n"
        }
        body += "    reject;\n}\n"
        return body
    }
}
