import Foundation

/// BIRD 2 configuration for one node: origination, RPKI, and one eBGP protocol per session with its own
/// import filter (bogons, lengths, own prefixes, next hop, RPKI, GRACEFUL_SHUTDOWN) and export filter
/// (only what is announced on that session).
struct BIRDEmitter {
    let node: Node
    let inventory: Inventory
    let options: CompileOptions

    /// A route the node originates, and who asked for it.
    struct Origination: Hashable {
        var prefix: IPPrefix
        var nextHop: IPAddress?
        /// The origin AS when it is not the node's own (prepended on export).
        var originAS: UInt32?
        var reason: String
    }

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

    func render() -> String {
        var out = Lines()
        out.add(WireGuardEmitter.header)
        out.add("# BIRD 2 configuration of node '\(node.name)' (\(node.origin.file))")
        out.add("")
        if let routerID = node.routerID { out.add("router id \(routerID);") }
        out.add("log syslog all;")
        out.add("")
        let sessions = inventory.sessions.filter { $0.node == node.name }.sorted { $0.name < $1.name }
        let perSession = Dictionary(uniqueKeysWithValues: sessions.map { ($0.name, originations(for: $0)) })
        let all = Array(Set(perSession.values.flatMap { $0 }.map(\.prefix))).sorted()
        renderDefinitions(&out)
        renderBase(&out)
        renderOrigination(&out, prefixes: all)
        renderRPKI(&out)
        for session in sessions {
            renderSession(&out, session, exports: perSession[session.name] ?? [])
        }
        return out.text
    }

    // MARK: What to originate

    /// Originations of this node that `session` exports, deduplicated by prefix (first reason wins).
    func originations(for session: BGPSession) -> [Origination] {
        var result: [Origination] = []
        var seen = Set<IPPrefix>()
        func add(_ origination: Origination) {
            if seen.insert(origination.prefix).inserted { result.append(origination) }
        }
        let family = session.neighbor.family
        // Named announcements go to their session; the others, and auto-announced pools and allocations,
        // go to every session of their address family.
        for announcement in inventory.announcements
        where announcement.node == node.name && announcement.enabled
            && (announcement.session == session.name
                || (announcement.session == nil && announcement.prefix.family == family)) {
            add(Origination(prefix: announcement.prefix, nextHop: announcement.nextHop,
                            originAS: announcement.asn == node.asn ? nil : announcement.asn,
                            reason: "announcement \(announcement.name)"))
        }
        let pools = inventory.pools.filter { $0.node == node.name }
        for pool in pools where pool.autoAnnounceBGP && pool.prefix.family == family {
            add(Origination(prefix: pool.prefix, nextHop: nil, originAS: nil, reason: "pool \(pool.name)"))
        }
        let poolNames = Set(pools.map(\.name))
        for allocation in inventory.allocations
        where allocation.autoAnnounce && poolNames.contains(allocation.pool) && allocation.prefix.family == family {
            add(Origination(prefix: allocation.prefix, nextHop: nil, originAS: nil,
                            reason: "allocation for \(allocation.client)"))
        }
        return result.sorted { $0.prefix < $1.prefix }
    }

    var ownPrefixes: [IPPrefix] {
        let pools = inventory.pools.filter { $0.node == node.name }.map(\.prefix)
        let announced = inventory.announcements.filter { $0.node == node.name }.map(\.prefix)
        return Array(Set(pools + announced)).sorted()
    }

    // MARK: Sections

    private func renderDefinitions(_ out: inout Lines) {
        out.add("define WGC_LOCAL_AS = \(node.asn);")
        let own = ownPrefixes
        for family in [IPAddress.Family.v6, .v4] {
            let items = own.filter { $0.family == family }.map { "\($0)+" }
            if !items.isEmpty { out.add("define WGC_OWN_V\(family.rawValue) = [ \(items.joined(separator: ", ")) ];") }
        }
        out.add("define WGC_BOGONS_V6 = [ \(Self.bogonsV6.joined(separator: ", ")) ];")
        out.add("define WGC_BOGONS_V4 = [ \(Self.bogonsV4.joined(separator: ", ")) ];")
        out.add("define WGC_BOGON_ASNS = [ \(Self.bogonASNs) ];")
        out.add("define WGC_RESERVED_ASNS = [ \(Self.reservedASNs) ];")
        out.add("")
    }

    private func renderBase(_ out: inout Lines) {
        out.add("roa4 table wgc_roa4;")
        out.add("roa6 table wgc_roa6;")
        out.add("")
        out.add("protocol device {")
        out.add("    scan time 10;")
        out.add("}")
        out.add("")
        for family in [6, 4] {
            out.add("# Routes learned over BGP go to the kernel; originated routes stay in BIRD.")
            out.add("protocol kernel wgc_kernel\(family) {")
            out.add("    ipv\(family) {")
            out.add("        import none;")
            out.add("        export where source = RTS_BGP;")
            out.add("    };")
            out.add("}")
            out.add("")
        }
    }

    private func renderOrigination(_ out: inout Lines, prefixes: [IPPrefix]) {
        for family in [IPAddress.Family.v6, .v4] {
            let routes = prefixes.filter { $0.family == family }
            guard !routes.isEmpty else { continue }
            out.add("# Prefixes this node originates; traffic to their unused parts is dropped here.")
            out.add("protocol static wgc_originate\(family.rawValue) {")
            out.add("    ipv\(family.rawValue);")
            for prefix in routes { out.add("    route \(prefix) blackhole;") }
            out.add("}")
            out.add("")
        }
    }

    private func renderRPKI(_ out: inout Lines) {
        if !node.rtrServers.isEmpty {
            for (index, server) in node.rtrServers.enumerated() {
                out.add("protocol rpki wgc_rtr\(index + 1) {")
                out.add("    roa4 { table wgc_roa4; };")
                out.add("    roa6 { table wgc_roa6; };")
                out.add("    remote \"\(server.host)\" port \(server.port);")
                out.add("    retry keep 90;")
                out.add("    refresh keep 900;")
                out.add("    expire keep 7200;")
                out.add("}")
                out.add("")
            }
            return
        }
        for family in [IPAddress.Family.v6, .v4] {
            let vrps = inventory.repositoryVRPs.filter { $0.prefix.family == family }
            guard !vrps.isEmpty else { continue }
            out.add("# ROAs from the repository's rpki/ folder (the node names no RTR server).")
            out.add("protocol static wgc_roa\(family.rawValue)_static {")
            out.add("    roa\(family.rawValue) { table wgc_roa\(family.rawValue); };")
            for vrp in vrps { out.add("    route \(vrp.prefix) max \(vrp.maxLength) as \(vrp.asn);") }
            out.add("}")
            out.add("")
        }
    }

    // MARK: Sessions

    private func channels(_ session: BGPSession, exports: [Origination]) -> [IPAddress.Family] {
        var families: [IPAddress.Family] = [session.neighbor.family]
        let other: IPAddress.Family = session.neighbor.family == .v6 ? .v4 : .v6
        if exports.contains(where: { $0.prefix.family == other }) { families.append(other) }
        return families.sorted { $0.rawValue > $1.rawValue }
    }

    private func renderSession(_ out: inout Lines, _ session: BGPSession, exports: [Origination]) {
        let symbol = Self.protocolName(session)
        let families = channels(session, exports: exports)
        for family in families {
            renderImportFilter(&out, session, family: family, symbol: symbol)
            renderExportFilter(&out, session, family: family, symbol: symbol,
                               exports: exports.filter { $0.prefix.family == family })
        }
        let description = session.description.map { ": " + WireGuardEmitter.singleLine($0) } ?? ""
        out.add("protocol bgp \(symbol) {")
        out.add("    description \"\(Self.quoted(session.name + description))\";")
        if !session.enabled { out.add("    disabled;") }
        out.add("    local as WGC_LOCAL_AS;")
        out.add("    neighbor \(session.neighbor) as \(session.remoteAS);")
        if let source = session.sourceAddress { out.add("    source address \(source);") }
        if let multihop = session.multihop { out.add("    multihop \(multihop);") }
        out.add("    hold time \(session.holdTime);")
        if let secret = session.passwordSecret {
            out.add("    include \"\(options.secretDirectory)/bgp/\(secret).conf\";")
        }
        for family in families {
            out.add("    ipv\(family.rawValue) {")
            if let limit = session.maxPrefixes {
                out.add("        import limit \(limit) action \(session.maxPrefixAction.rawValue);")
            }
            out.add("        import filter \(symbol)_import\(family.rawValue);")
            out.add("        export filter \(symbol)_export\(family.rawValue);")
            out.add("    };")
        }
        out.add("}")
        out.add("")
    }

    private func renderImportFilter(_ out: inout Lines, _ session: BGPSession, family: IPAddress.Family, symbol: String) {
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

    private func renderExportFilter(_ out: inout Lines, _ session: BGPSession, family: IPAddress.Family,
                                    symbol: String, exports: [Origination]) {
        out.add("filter \(symbol)_export\(family.rawValue) {")
        out.add("    if proto != \"wgc_originate\(family.rawValue)\" then reject;")
        // Group by what the export changes so each group is one prefix-set match.
        var groups: [String: [Origination]] = [:]
        for origination in exports {
            let key = "\(origination.nextHop?.description ?? "")|\(origination.originAS.map(String.init) ?? "")"
            groups[key, default: []].append(origination)
        }
        for key in groups.keys.sorted() {
            let members = groups[key]!
            for member in members { out.add("    # \(member.prefix): \(member.reason)") }
            let set = members.map(\.prefix.description).joined(separator: ", ")
            var actions: [String] = []
            if let nextHop = members[0].nextHop { actions.append("bgp_next_hop = \(nextHop);") }
            if let originAS = members[0].originAS { actions.append("bgp_path.prepend(\(originAS));") }
            actions.append("accept;")
            out.add("    if net ~ [ \(set) ] then { \(actions.joined(separator: " ")) }")
        }
        out.add("    reject;")
        out.add("}")
        out.add("")
    }

    static func protocolName(_ session: BGPSession) -> String { "bgp_" + Names.birdSymbol(session.name) }

    static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

/// Accumulates config lines.
struct Lines {
    private var lines: [String] = []

    mutating func add(_ line: String) { lines.append(line) }

    var text: String {
        var result = lines
        while result.last == "" { result.removeLast() }
        return result.joined(separator: "\n") + "\n"
    }
}
