import Foundation

/// BIRD 2 configuration for one node: origination, RPKI, and one eBGP protocol per session with its own
/// import filter (bogons, lengths, own prefixes, next hop, RPKI, GRACEFUL_SHUTDOWN) and export filter
/// (only what is announced on that session). Public only for `protocolName(_:)`, which the API needs to act on a
/// session in the running BIRD.
public struct BIRDEmitter {
    let node: Node
    let inventory: Inventory
    let options: CompileOptions
    /// The node's pools and announced prefixes, which its neighbors must not send back to it.
    let ownPrefixes: [IPPrefix]

    init(node: Node, inventory: Inventory, options: CompileOptions) {
        self.node = node
        self.inventory = inventory
        self.options = options
        let pools = inventory.pools.filter { $0.node == node.name }.map(\.prefix)
        let announced = inventory.announcements.filter { $0.node == node.name }.map(\.prefix)
        ownPrefixes = Array(Set(pools + announced)).sorted()
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
        let originations = BIRDOriginations(node: node, inventory: inventory)
        renderDefinitions(&out)
        renderBase(&out)
        renderOrigination(&out, prefixes: originated(by: sessions, originations))
        renderRPKI(&out)
        // Sessions sharing their family's routes share its export filter too: it is rendered once.
        var sharedFilters: [IPAddress.Family: [IPAddress.Family: String]] = [:]
        for session in sessions {
            let exports = originations.routes(for: session)
            let families = channels(session, exports: exports)
            let filters: [IPAddress.Family: String]
            if originations.exportsSharedRoutes(session) {
                let family = session.neighbor.family
                if sharedFilters[family] == nil { sharedFilters[family] = exportFilters(families, exports: exports) }
                filters = sharedFilters[family]!
            } else {
                filters = exportFilters(families, exports: exports)
            }
            renderSession(&out, session, families: families, exportFilters: filters)
        }
        return out.text
    }

    // MARK: What to originate

    /// Every prefix some session of the node exports, sorted.
    func originated(by sessions: [BGPSession], _ originations: BIRDOriginations) -> [IPPrefix] {
        var prefixes = Set<IPPrefix>()
        var sharedFamilies = Set<IPAddress.Family>()
        for session in sessions {
            if originations.exportsSharedRoutes(session) {
                guard sharedFamilies.insert(session.neighbor.family).inserted else { continue }
            }
            for origination in originations.routes(for: session) { prefixes.insert(origination.prefix) }
        }
        return prefixes.sorted()
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

    func renderSession(_ out: inout Lines, _ session: BGPSession, families: [IPAddress.Family],
                       exportFilters: [IPAddress.Family: String]) {
        let symbol = Self.protocolName(session)
        for family in families {
            renderImportFilter(&out, session, family: family, symbol: symbol)
            out.add("filter \(symbol)_export\(family.rawValue) {")
            out.add(block: exportFilters[family] ?? "")
            out.add("")
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

    /// The name of `session`'s protocol in the emitted bird.conf (`bgp_peer_1` for `peer-1`).
    public static func protocolName(_ session: BGPSession) -> String { "bgp_" + Names.birdSymbol(session.name) }

    static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

/// Accumulates config lines into one string; blank lines at the end are dropped.
struct Lines {
    private var buffer = ""
    /// Blank lines not yet written: only written once a line follows them.
    private var blankLines = 0

    mutating func add(_ line: String) {
        guard !line.isEmpty else {
            blankLines += 1
            return
        }
        writeBlankLines()
        buffer += line
        buffer += "\n"
    }

    /// Adds `block`: whole lines, each ending in a line break.
    mutating func add(block: String) {
        guard !block.isEmpty else { return }
        writeBlankLines()
        buffer += block
    }

    private mutating func writeBlankLines() {
        for _ in 0..<blankLines { buffer += "\n" }
        blankLines = 0
    }

    var text: String { buffer.isEmpty ? "\n" : buffer }
}
