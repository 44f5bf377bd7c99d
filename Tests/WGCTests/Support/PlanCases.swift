/// The golden plan cases, as data: each is a set of edits to a copy of the base inventory
/// (`Tests/Fixtures/plan/base/`), and its expected plan is `Tests/Fixtures/golden/plan/<name>.{txt,md,json}`
/// with base labelled "base", head "head" and no commits. Paths are relative to the inventory's root.
/// Nothing here knows how a test applies the edits: one test edits files in memory, another may make one git
/// commit per case on top of a commit of base and run `wgc plan` on it.
struct PlanCase: Sendable {
    let name: String
    let edits: [FileEdit]
}

/// One change to a file of the inventory.
enum FileEdit: Sendable {
    /// Creates the file, or replaces its whole contents.
    case write(path: String, contents: String)
    case delete(path: String)
}

enum PlanCases {
    static let all: [PlanCase] = [
        PlanCase(name: "client-added", edits: [
            .write(path: "wireguard/clients/dave.yaml", contents: """
                kind: WireGuardClient
                name: dave
                description: Dave's phone
                server: server-1
                public_key: RaXzH4Tfepcf9X9NO4xFU8jRjb/muxRVQTBCF1dqL88=
                ipv4_address: 10.0.0.5/32
                ipv6_address: fd00:1234::5/128
                persistent_keepalive: 25

                """),
        ]),
        PlanCase(name: "client-removed", edits: [
            .delete(path: "wireguard/clients/bob.yaml"),
        ]),
        PlanCase(name: "client-key-changed", edits: [
            .write(path: "wireguard/clients/bob.yaml", contents: """
                kind: WireGuardClient
                name: bob
                description: Bob's laptop
                server: server-1
                public_key: tKQyRM2LMaKMqu2qgbX8WjYOfkxSIaZ0E0Xj/+w7+UU=
                ipv4_address: 10.0.0.3/32
                ipv6_address: fd00:1234::3/128
                persistent_keepalive: 25

                """),
        ]),
        PlanCase(name: "session-changed", edits: [
            .write(path: "bgp/sessions/transit-1.yaml", contents: """
                kind: BGPSession
                name: transit-1
                node: edge-1
                description: upstream transit
                neighbor: 2001:db8:ffff::1
                remote_as: 65100
                hold_time: 60
                password_secret: transit-1-2025
                max_prefixes: 500000
                max_prefix_action: restart
                accept_default: true

                """),
        ]),
        PlanCase(name: "session-removed", edits: [
            .delete(path: "bgp/sessions/peer-1.yaml"),
        ]),
        PlanCase(name: "announcement-removed", edits: [
            .delete(path: "bgp/announcements/anycast.yaml"),
        ]),
        PlanCase(name: "allocation-added", edits: [
            .write(path: "allocations/bob.yaml", contents: """
                kind: Allocation
                pool: pool-1
                prefix: 2001:db8:100:300::/56
                client: bob
                auto_announce: true

                """),
        ]),
        PlanCase(name: "pool-usage-changed", edits: [
            .delete(path: "allocations/carol.yaml"),
        ]),
        PlanCase(name: "nothing-changed", edits: [
            .write(path: "nodes/edge-1.yaml", contents: """
                # Frankfurt: customer tunnels, the customer pool and two upstreams.
                # The LAN prefix is the pool's first /64; keep it there.
                kind: Node
                name: edge-1
                description: Frankfurt edge router
                router_id: 192.0.2.1
                asn: 65001
                endpoint: edge-1.example.net
                lan_interfaces:
                  - name: eth1
                    pool: pool-1
                    prefix: 2001:db8:100::/64
                    rdnss: ["2001:db8:100::53"]

                """),
        ]),
        // bgp/sessions/transit-1.yaml:7:12: error[value-out-of-range] (hold time 2 is neither 0 nor 3…65535).
        PlanCase(name: "invalid-head", edits: [
            .write(path: "bgp/sessions/transit-1.yaml", contents: """
                kind: BGPSession
                name: transit-1
                node: edge-1
                description: upstream transit
                neighbor: 2001:db8:ffff::1
                remote_as: 65100
                hold_time: 2
                password_secret: transit-1
                max_prefixes: 250000
                max_prefix_action: restart
                accept_default: true

                """),
        ]),
    ]
}
