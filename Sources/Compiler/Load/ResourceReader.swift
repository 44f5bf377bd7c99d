import YAML

/// Reads one document into the resource its `kind` names.
struct ResourceReader {
    let file: String
    let root: YAMLNode
    var diagnostics: [Diagnostic] = []

    init(file: String, root: YAMLNode) {
        self.file = file
        self.root = root
    }

    private func location(_ mark: Mark) -> FileLocation {
        FileLocation(file: file, line: mark.line, column: mark.column)
    }

    mutating func read(into inventory: inout Inventory) {
        guard case .mapping(let pairs) = root.content else {
            diagnostics.append(.error(.wrongType, at: location(root.mark),
                                      "a resource must be a mapping with a 'kind', found \(root.kindDescription)"))
            return
        }
        guard let kindPair = pairs.first(where: { if case .scalar("kind", _) = $0.key.content { true } else { false } })
        else {
            diagnostics.append(.error(.missingField, at: location(root.mark), "resource has no 'kind'",
                                      hint: "kinds: " + ResourceKind.allCases.map(\.rawValue).joined(separator: ", ")))
            return
        }
        guard case .scalar(let kindText, _) = kindPair.value.content else {
            diagnostics.append(.error(.wrongType, at: location(kindPair.value.mark),
                                      "'kind' must be the name of a kind, found \(kindPair.value.kindDescription)",
                                      hint: "kinds: " + ResourceKind.allCases.map(\.rawValue).joined(separator: ", ")))
            return
        }
        guard let kind = ResourceKind(rawValue: kindText) else {
            var hint = "kinds: " + ResourceKind.allCases.map(\.rawValue).joined(separator: ", ")
            if case .scalar(let text, _) = kindPair.value.content,
               let near = Spelling.closest(to: text, in: ResourceKind.allCases.map(\.rawValue)) {
                hint = "did you mean '\(near)'?"
            }
            diagnostics.append(.error(.unknownKind, at: location(kindPair.value.mark),
                                      "unknown kind \(kindPair.value.kindDescription)", hint: hint))
            if let name = Self.name(in: pairs) { inventory.brokenResources.insert("*:\(name)") }
            return
        }
        var fields = FieldReader(file: file, kind: kind.rawValue, mark: root.mark, pairs: pairs,
                                 allowed: kind.allowedFields)
        defer { diagnostics += fields.diagnostics }
        var loaded = true
        switch kind {
        case .node: loaded = append(readNode(&fields), to: &inventory.nodes)
        case .wireGuardServer: loaded = append(readServer(&fields), to: &inventory.servers)
        case .wireGuardClient: loaded = append(readClient(&fields), to: &inventory.clients)
        case .prefixPool: loaded = append(readPool(&fields), to: &inventory.pools)
        case .allocation: loaded = append(readAllocation(&fields), to: &inventory.allocations)
        case .whitelist: loaded = append(readWhitelist(&fields), to: &inventory.whitelist)
        case .bgpSession: loaded = append(readSession(&fields), to: &inventory.sessions)
        case .bgpAnnouncement: loaded = append(readAnnouncement(&fields), to: &inventory.announcements)
        }
        if !loaded { inventory.brokenResources.insert("\(kind.rawValue):\(Self.name(in: pairs) ?? "")") }
    }

    private func append<Resource>(_ resource: Resource?, to list: inout [Resource]) -> Bool {
        guard let resource else { return false }
        list.append(resource)
        return true
    }

    /// The `name` of a mapping, if it has a text one, for remembering resources that failed to load.
    static func name(in pairs: [YAMLPair]) -> String? {
        for pair in pairs {
            if case .scalar("name", _) = pair.key.content, case .scalar(let name, _) = pair.value.content { return name }
        }
        return nil
    }

    // MARK: Common fields

    private func origin(_ fields: FieldReader) -> Origin {
        Origin(file: file, mark: root.mark, fieldMarks: fields.fieldMarks)
    }

    /// Names become file names, interface parts and BIRD identifiers, so they are kept to a safe alphabet.
    private func name(_ fields: inout FieldReader, required: Bool) -> String? {
        guard let name = fields.string("name", required: required) else { return nil }
        guard Names.isValid(name) else {
            fields.report(.invalidValue, "name", "name '\(name)' may hold only letters, digits, '-' and '_' "
                              + "(1 to 63 characters, starting with a letter or digit)")
            return nil
        }
        return name
    }

    /// The document's own id; nil lets the resource derive one from its kind and name.
    private func explicitID(_ fields: inout FieldReader) -> String? {
        guard let id = fields.string("id") else { return nil }
        if ResourceID.isUUID(id) { return id.lowercased() }
        fields.report(.invalidValue, "id", "id '\(id)' is not a UUID",
                      hint: "remove it: wgc derives a stable id from the kind and name")
        return nil
    }

    private func nodeReference(_ fields: inout FieldReader) -> String {
        fields.string("node") ?? ""
    }

    // MARK: Kinds

    private func readNode(_ fields: inout FieldReader) -> Node? {
        let name = name(&fields, required: true)
        let routerIDText = fields.string("router_id", required: true)
        var routerID: IPAddress?
        if let text = routerIDText {
            routerID = IPAddress(text)
            if routerID?.family != .v4 {
                fields.report(.invalidRouterID, "router_id", "router_id '\(text)' is not an IPv4 address",
                              hint: "BGP router ids are 32-bit numbers written as IPv4 addresses, e.g. 192.0.2.1")
                routerID = nil
            }
        }
        let asn = fields.asn("asn", required: true)
        let endpoint = fields.string("endpoint", required: true)
        if let endpoint, !Names.isHost(endpoint) {
            let hint = endpoint.contains(":") && IPAddress(endpoint) == nil
                ? "write only the host: each server's listen_port is added to it"
                : "a DNS name (edge-1.example.net) or an IP address"
            fields.report(.invalidValue, "endpoint", "endpoint '\(endpoint)' is not a host name or IP address", hint: hint)
        }
        let lans = readLANs(&fields)
        let rtr = readRTRServers(&fields)
        guard let name, let asn, let endpoint else { return nil }
        return Node(explicitID: explicitID(&fields), name: name, routerID: routerID, asn: asn,
                    endpoint: endpoint, lanInterfaces: lans, rtrServers: rtr,
                    description: fields.string("description"), origin: origin(fields))
    }

    private func readLANs(_ fields: inout FieldReader) -> [LANInterface] {
        guard let items = fields.list("lan_interfaces") else { return [] }
        var result: [LANInterface] = []
        for item in items {
            guard case .mapping(let pairs) = item.content else {
                fields.wrongType("lan_interfaces", expected: "a list of mappings {name, pool, prefix, rdnss}",
                                 found: item)
                continue
            }
            var lan = FieldReader(file: file, kind: "lan interface", mark: item.mark, pairs: pairs,
                                  allowed: ["name", "pool", "prefix", "rdnss"])
            let name = lan.string("name", required: true)
            if let name, !Names.isInterfaceName(name) {
                lan.report(.invalidValue, "name", "'\(name)' is not a valid Linux interface name",
                           hint: "1 to 15 characters: letters, digits, '-', '_', '.'")
            }
            let pool = lan.string("pool", required: true)
            let prefix = lan.prefix("prefix")
            let rdnss = lan.addressList("rdnss") ?? []
            if let v4 = rdnss.first(where: { $0.family == .v4 }) {
                lan.report(.invalidAddress, "rdnss", "RDNSS servers are announced in IPv6 router advertisements; "
                               + "\(v4) is IPv4", hint: "list IPv6 DNS servers here (RFC 8106)")
            }
            fields.diagnostics += lan.diagnostics
            guard let name, let pool else { continue }
            result.append(LANInterface(name: name, pool: pool, prefix: prefix, rdnss: rdnss,
                                       origin: Origin(file: file, mark: item.mark, fieldMarks: lan.fieldMarks)))
        }
        return result
    }

    private func readRTRServers(_ fields: inout FieldReader) -> [RTRServer] {
        guard let items = fields.list("rtr_servers") else { return [] }
        var result: [RTRServer] = []
        for item in items {
            guard case .mapping(let pairs) = item.content else {
                fields.wrongType("rtr_servers", expected: "a list of mappings {host, port}", found: item)
                continue
            }
            var server = FieldReader(file: file, kind: "RTR server", mark: item.mark, pairs: pairs,
                                     allowed: ["host", "port"])
            let host = server.string("host", required: true)
            if let host, !Names.isHost(host) {
                server.report(.invalidValue, "host", "RTR server host '\(host)' is not a host name or IP address")
            }
            let port = server.int("port", in: 1...65535) ?? 323
            fields.diagnostics += server.diagnostics
            if let host { result.append(RTRServer(host: host, port: port)) }
        }
        return result
    }

    private func readServer(_ fields: inout FieldReader) -> WireGuardServer? {
        let name = name(&fields, required: true)
        let interface = fields.string("interface", required: true)
        if let interface, !Names.isInterfaceName(interface) {
            fields.report(.invalidValue, "interface", "'\(interface)' is not a valid Linux interface name",
                          hint: "1 to 15 characters: letters, digits, '-', '_', '.'")
        }
        let port = fields.int("listen_port", required: true, in: 1...65535)
        let v4 = fields.interfaceAddress("ipv4_address")
        let v6 = fields.interfaceAddress("ipv6_address")
        checkFamily(&fields, "ipv4_address", v4, .v4)
        checkFamily(&fields, "ipv6_address", v6, .v6)
        if v4 == nil, v6 == nil, !fields.has("ipv4_address"), !fields.has("ipv6_address") {
            fields.missing("ipv6_address", hint: "a server needs ipv4_address, ipv6_address or both")
        }
        let dns = fields.addressList("dns_servers") ?? []
        let mtu = fields.int("mtu", in: 1280...9000) ?? 1420
        let publicKey = readKey(&fields, "public_key")
        if publicKey == nil, !fields.has("public_key") {
            fields.missing("public_key", hint: "clients need the server's public key: `wgc keys public < wg0.key`")
        }
        let active = fields.bool("is_active", default: true)
        guard let name, let interface, let port else { return nil }
        return WireGuardServer(explicitID: explicitID(&fields), name: name,
                               node: nodeReference(&fields), interface: interface, listenPort: port,
                               ipv4Address: v4?.family == .v4 ? v4 : nil, ipv6Address: v6?.family == .v6 ? v6 : nil,
                               dnsServers: dns, mtu: mtu, publicKey: publicKey,
                               description: fields.string("description"), isActive: active, origin: origin(fields))
    }

    private func checkFamily(_ fields: inout FieldReader, _ key: String, _ prefix: IPPrefix?, _ family: IPAddress.Family) {
        guard let prefix, prefix.family != family else { return }
        fields.report(.invalidAddress, key, "'\(key)' holds an IPv\(prefix.family.rawValue) address, "
                          + "expected IPv\(family.rawValue)")
    }

    private func readKey(_ fields: inout FieldReader, _ key: String) -> String? {
        guard let text = fields.string(key) else { return nil }
        guard WireGuardKey.isValid(text) else {
            fields.report(.invalidKey, key, "'\(key)' is not a WireGuard key (base64 of 32 bytes, 44 characters)",
                          hint: "`wgc keys public < private.key` or `wg pubkey` prints one")
            return nil
        }
        return text
    }

    private func readClient(_ fields: inout FieldReader) -> WireGuardClient? {
        let name = name(&fields, required: true)
        let server = fields.string("server", required: true)
        if fields.has("private_key") {
            fields.report(.secretInClear, "private_key", "a private key must never be stored in clear in the inventory",
                          hint: "keep only public_key here; the client holds its private key")
        }
        let publicKey = readKey(&fields, "public_key")
        if publicKey == nil, !fields.has("public_key") { fields.missing("public_key") }
        let v4 = fields.interfaceAddress("ipv4_address")
        let v6 = fields.interfaceAddress("ipv6_address")
        checkFamily(&fields, "ipv4_address", v4, .v4)
        checkFamily(&fields, "ipv6_address", v6, .v6)
        let allowed = fields.prefixList("allowed_ips")
        let keepalive = fields.int("persistent_keepalive", in: 0...65535)
        let dns = fields.addressList("dns_servers")
        let mtu = fields.int("mtu", in: 1280...9000)
        let psk = fields.string("preshared_key_file")
        if let psk, !Names.isSafeAbsolutePath(psk) {
            fields.report(.invalidValue, "preshared_key_file", "preshared_key_file '\(psk)' must be an absolute path "
                              + "of letters, digits and . _ - /", hint: "e.g. /etc/wireguard/psk/\(fields.string("name") ?? "client").psk")
        }
        let active = fields.bool("is_active", default: true)
        guard let name, let server else { return nil }
        return WireGuardClient(explicitID: explicitID(&fields), name: name, server: server,
                               description: fields.string("description"), publicKey: publicKey,
                               presharedKeyFile: psk.flatMap { Names.isSafeAbsolutePath($0) ? $0 : nil }, ipv4Address: v4?.family == .v4 ? v4 : nil,
                               ipv6Address: v6?.family == .v6 ? v6 : nil, allowedIPs: allowed,
                               persistentKeepalive: keepalive, dnsServers: dns, mtu: mtu, isActive: active,
                               origin: origin(fields))
    }

    private func readPool(_ fields: inout FieldReader) -> PrefixPool? {
        let name = name(&fields, required: true)
        let prefix = fields.prefix("prefix", required: true)
        if let prefix, prefix.family != .v6 {
            fields.report(.invalidPrefix, "prefix", "pool prefix \(prefix) is IPv4; pools hold IPv6 prefixes")
        }
        let maxLength = fields.int("max_prefix_length", in: 0...128) ?? 64
        let minLength = fields.int("min_prefix_length", in: 0...128) ?? 128
        let announce = fields.bool("auto_announce_bgp", default: false)
        _ = fields.string("status")
        guard let name, let prefix, prefix.family == .v6 else { return nil }
        if maxLength > minLength {
            fields.report(.prefixLengthOutOfRange, "max_prefix_length",
                          "max_prefix_length /\(maxLength) is longer than min_prefix_length /\(minLength)",
                          hint: "max_prefix_length is the largest allocation (shortest length, e.g. 56), "
                              + "min_prefix_length the smallest (e.g. 128)")
        } else if maxLength < prefix.length {
            fields.report(.prefixLengthOutOfRange, "max_prefix_length",
                          "max_prefix_length /\(maxLength) is shorter than the pool's own /\(prefix.length)",
                          hint: "allocations are carved out of the pool: use /\(prefix.length) or longer")
        }
        return PrefixPool(explicitID: explicitID(&fields), name: name, node: nodeReference(&fields),
                          prefix: prefix, description: fields.string("description"), maxPrefixLength: maxLength,
                          minPrefixLength: minLength, autoAnnounceBGP: announce, origin: origin(fields))
    }

    private func readAllocation(_ fields: inout FieldReader) -> Allocation? {
        let name = name(&fields, required: false)
        let pool = fields.string("pool", required: true)
        let prefix = fields.prefix("prefix", required: true)
        let client = fields.string("client", required: true)
        let announce = fields.bool("auto_announce", default: false)
        guard let pool, let prefix, let client else { return nil }
        return Allocation(explicitID: explicitID(&fields), name: name, pool: pool,
                          prefix: prefix, client: client, autoAnnounce: announce,
                          description: fields.string("description"), origin: origin(fields))
    }

    private func readWhitelist(_ fields: inout FieldReader) -> WhitelistEntry? {
        _ = name(&fields, required: false)
        let pool = fields.string("pool")
        guard let prefix = fields.prefix("prefix", required: true) else { return nil }
        return WhitelistEntry(explicitID: explicitID(&fields), pool: pool, prefix: prefix,
                              description: fields.string("description"), origin: origin(fields))
    }

    private func readSession(_ fields: inout FieldReader) -> BGPSession? {
        let name = name(&fields, required: true)
        let neighbor = fields.address("neighbor", required: true)
        let remoteAS = fields.asn("remote_as", required: true)
        var hold = fields.int("hold_time") ?? 90
        if hold != 0, !(3...65535).contains(hold) {
            fields.report(.valueOutOfRange, "hold_time", "hold_time \(hold) is neither 0 nor within 3…65535",
                          hint: "RFC 4271: 0 disables keepalives, otherwise at least 3 seconds")
            hold = 90
        }
        if fields.has("password") {
            fields.report(.secretInClear, "password", "a BGP password must never be stored in clear in the inventory",
                          hint: "put `password \"…\";` in a secret file on the router and name it with password_secret")
        }
        let secret = fields.string("password_secret")
        if let secret, !Names.isValid(secret) {
            fields.report(.invalidValue, "password_secret", "password_secret '\(secret)' must be a plain file name")
        }
        let enabled = fields.bool("enabled", default: true)
        let maxPrefixes = fields.int("max_prefixes", in: 1...10_000_000)
        var action = LimitAction.block
        if let text = fields.string("max_prefix_action") {
            if let parsed = LimitAction(rawValue: text) {
                action = parsed
            } else {
                fields.report(.invalidValue, "max_prefix_action", "max_prefix_action '\(text)' is not one of "
                                  + LimitAction.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        let source = fields.address("source_address")
        let multihop = fields.int("multihop", in: 1...255)
        let acceptDefault = fields.bool("accept_default", default: false)
        let routeServer = fields.bool("route_server", default: false)
        guard let name, let neighbor, let remoteAS else { return nil }
        return BGPSession(explicitID: explicitID(&fields), name: name, node: nodeReference(&fields),
                          neighbor: neighbor, remoteAS: remoteAS, holdTime: hold,
                          passwordSecret: secret.flatMap { Names.isValid($0) ? $0 : nil },
                          description: fields.string("description"), enabled: enabled, maxPrefixes: maxPrefixes,
                          maxPrefixAction: action, sourceAddress: source, multihop: multihop,
                          acceptDefault: acceptDefault, routeServer: routeServer, origin: origin(fields))
    }

    private func readAnnouncement(_ fields: inout FieldReader) -> BGPAnnouncement? {
        let name = name(&fields, required: true)
        let prefix = fields.prefix("prefix", required: true)
        let asn = fields.asn("asn", required: true)
        let nextHop = fields.address("next_hop")
        let session = fields.string("session")
        let enabled = fields.bool("enabled", default: true)
        guard let name, let prefix, let asn else { return nil }
        return BGPAnnouncement(explicitID: explicitID(&fields), name: name,
                               node: nodeReference(&fields), prefix: prefix, asn: asn, nextHop: nextHop,
                               session: session, description: fields.string("description"), enabled: enabled,
                               origin: origin(fields))
    }
}

/// Naming rules shared by loading and emitting.
enum Names {
    static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...63).contains(bytes.count), isAlphanumeric(bytes[0]) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    static func isInterfaceName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...15).contains(bytes.count), name != ".", name != ".." else { return false }
        return bytes.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// A DNS name (RFC 1123 labels) or an IP address literal: what may follow `Endpoint =` or `remote`.
    static func isHost(_ host: String) -> Bool {
        if IPAddress(host) != nil { return true }
        let bytes = Array(host.utf8)
        guard (1...253).contains(bytes.count) else { return false }
        for label in bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                  label.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        return true
    }

    /// A path that can stand in a wg-quick `PostUp` line, which bash runs: no spaces, quotes or metacharacters.
    static func isSafeAbsolutePath(_ path: String) -> Bool {
        let bytes = Array(path.utf8)
        guard bytes.first == UInt8(ascii: "/"), bytes.count <= 4096, !path.contains("/../"), !path.hasSuffix("/..")
        else { return false }
        return bytes.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_")
                || $0 == UInt8(ascii: "-")
        }
    }

    /// A BIRD symbol for a resource name (`peer-1` → `peer_1`).
    static func birdSymbol(_ name: String) -> String {
        String(name.map { $0 == "-" ? "_" : $0 })
    }
}
