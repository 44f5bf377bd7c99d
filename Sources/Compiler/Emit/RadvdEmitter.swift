/// radvd.conf: router advertisements with the LAN prefix and RDNSS on every LAN interface of a node.
enum RadvdEmitter {
    static func config(_ node: Node) -> String? {
        let lans = node.lanInterfaces.filter { $0.prefix != nil }
        guard !lans.isEmpty else { return nil }
        var lines = [WireGuardEmitter.header, "# Router advertisements of node '\(node.name)'"]
        for lan in lans {
            guard let prefix = lan.prefix else { continue }
            lines += [
                "",
                "interface \(lan.name) {",
                "    AdvSendAdvert on;",
                "    MinRtrAdvInterval 30;",
                "    MaxRtrAdvInterval 100;",
                "    AdvDefaultLifetime 300;",
                "    AdvLinkMTU 1500;",
                "",
                "    prefix \(prefix) {",
                "        AdvOnLink on;",
                "        AdvAutonomous \(prefix.length == 64 ? "on" : "off");",
                "        AdvValidLifetime 86400;",
                "        AdvPreferredLifetime 14400;",
                "    };",
            ]
            if !lan.rdnss.isEmpty {
                let servers = lan.rdnss.filter { $0.family == .v6 }.map(\.description).joined(separator: " ")
                if !servers.isEmpty {
                    lines += ["", "    RDNSS \(servers) {", "        AdvRDNSSLifetime 200;", "    };"]
                }
            }
            lines.append("};")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
