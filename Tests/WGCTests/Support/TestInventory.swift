@testable import Compiler

/// A small valid inventory in memory; tests mutate one file at a time to produce exactly one defect.
enum TestInventory {
    static let files: [String: String] = [
        "node.yaml": """
            kind: Node
            name: edge-1
            router_id: 192.0.2.1
            asn: 65001
            endpoint: edge-1.example.net
            lan_interfaces:
              - name: eth1
                pool: pool-1
                prefix: 2001:db8:100::/64
                rdnss: ["2001:db8:100::53"]

            """,
        "server.yaml": """
            kind: WireGuardServer
            name: server-1
            interface: wg0
            listen_port: 51820
            ipv4_address: 10.0.0.1/24
            ipv6_address: fd00:1234::1/64
            dns_servers: [9.9.9.9]
            mtu: 1420
            public_key: CVOB2rp3R9Y8ALzQapaAIyTIpGtnErJB5eRKQCSEwHQ=

            """,
        "clients.yaml": """
            kind: WireGuardClient
            name: alice
            server: server-1
            public_key: Y7LwhPXnvDIwwKbsZlfU+uTNfcYnTDX7KnbB5XcLkgk=
            ipv4_address: 10.0.0.2/32
            ipv6_address: fd00:1234::2/128
            ---
            kind: WireGuardClient
            name: bob
            server: server-1
            public_key: HvZa87jzCTlwV37KL4gmhoqJ5/MDJq4EWcHZGF7BZCY=
            ipv4_address: 10.0.0.3/32
            ipv6_address: fd00:1234::3/128
            persistent_keepalive: 25

            """,
        "pool.yaml": """
            kind: PrefixPool
            name: pool-1
            prefix: 2001:db8:100::/48
            max_prefix_length: 56
            min_prefix_length: 64
            auto_announce_bgp: true
            ---
            kind: Whitelist
            prefix: 2001:db8:200::/48
            description: a customer's own block

            """,
        "alloc.yaml": """
            kind: Allocation
            pool: pool-1
            prefix: 2001:db8:100:100::/56
            client: alice

            """,
        "bgp.yaml": """
            kind: BGPSession
            name: transit-1
            neighbor: 2001:db8:ffff::1
            remote_as: 65100
            hold_time: 90
            ---
            kind: BGPAnnouncement
            name: aggregate
            prefix: 2001:db8:100::/48
            asn: 65001
            session: transit-1

            """,
        "rpki/vrps.json": """
            {"roas": [{"asn": "AS65001", "prefix": "2001:db8:100::/48", "maxLength": 64, "ta": "test"},
                      {"asn": 65002, "prefix": "2001:db8:200::/48", "maxLength": 48, "ta": "test"}]}

            """,
    ]

    static func check(_ files: [String: String] = files) -> CheckedInventory {
        InventoryCompiler.check(files: files.map { SourceFile(path: $0.key, bytes: Array($0.value.utf8)) })
    }
}
