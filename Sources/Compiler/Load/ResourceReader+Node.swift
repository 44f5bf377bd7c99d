extension ResourceReader {
    func readNode(_ fields: inout FieldReader) -> Node? {
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

    func readLANs(_ fields: inout FieldReader) -> [LANInterface] {
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

    func readRTRServers(_ fields: inout FieldReader) -> [RTRServer] {
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
}
