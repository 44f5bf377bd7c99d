import Foundation

/// BIRD 2 configuration for one node: origination, RPKI, and one eBGP protocol per session with its own
/// import filter (bogons, lengths, own prefixes, next hop, RPKI, GRACEFUL_SHUTDOWN) and export filter
/// (only what is announced on that session).
struct BIRDEmitter {
    let node: Node
    let inventory: Inventory
    let options: CompileOptions

    typealias Origination = BGPExports.Origination

    func render() -> String {
        var out = Lines()
        out.add(WireGuardEmitter.header)
        out.add("# BIRD 2 configuration of node '\(node.name)' (\(node.origin.file))")
        out.add("")
        if let routerID = node.routerID { out.add("router id \(routerID);") }
        out.add("log syslog all;")
        out.add("")
        let sessions = inventory.sessions.filter { $0.node == node.name }.sorted { $0.name < $1.name }
        let perSession = Dictionary(uniqueKeysWithValues: sessions.map {
            ($0.name, BGPExports.originations(for: $0, node: node, inventory: inventory))
        })
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

    var ownPrefixes: [IPPrefix] {
        let pools = inventory.pools.filter { $0.node == node.name }.map(\.prefix)
        let announced = inventory.announcements.filter { $0.node == node.name }.map(\.prefix)
        return Array(Set(pools + announced)).sorted()
    }

    // MARK: Sections

    func renderDefinitions(_ out: inout Lines) {
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

    func renderBase(_ out: inout Lines) {
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

    func renderOrigination(_ out: inout Lines, prefixes: [IPPrefix]) {
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

    func renderRPKI(_ out: inout Lines) {
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

    func channels(_ session: BGPSession, exports: [Origination]) -> [IPAddress.Family] {
        var families: [IPAddress.Family] = [session.neighbor.family]
        let other: IPAddress.Family = session.neighbor.family == .v6 ? .v4 : .v6
        if exports.contains(where: { $0.prefix.family == other }) { families.append(other) }
        return families.sorted { $0.rawValue > $1.rawValue }
    }

    func renderSession(_ out: inout Lines, _ session: BGPSession, exports: [Origination]) {
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
