import Compiler

extension OpenAPISchemas {
    /// The bodies of `POST` and `PATCH` on each resource: the kind's writable fields (`ResourceKind.writableFields`)
    /// and the reference's ids the routes translate, every one optional here (the compiler checks what a resource
    /// needs: a 422 with diagnostics) and `null` to remove a field.
    static let writes: [String: OpenAPIValue] = [
        "BGPSessionWrite": body(.bgpSession, extra: ["password"]),
        "BGPAnnouncementWrite": body(.bgpAnnouncement, extra: ["session_id"]),
        "PrefixPoolWrite": body(.prefixPool),
        "WireGuardServerWrite": body(.wireGuardServer),
        "WireGuardClientWrite": body(.wireGuardClient, extra: ["server_id"]),
    ]

    static func body(_ kind: ResourceKind, extra: Set<String> = []) -> OpenAPIValue {
        let fields = kind.writableFields.union(extra)
        let properties = Dictionary(uniqueKeysWithValues: fields.map { field in
            (field, Schema.nullable(fieldTypes[field] ?? Schema.any))
        })
        return Schema.object(properties, required: [])
    }

    /// The JSON type of each field a write may carry. A field missing here is a test failure
    /// (`OpenAPIDocumentTests`), so a new field of the compiler cannot go undocumented.
    static let fieldTypes: [String: OpenAPIValue] = {
        var types: [String: OpenAPIValue] = [:]
        for name in ["name", "description", "node", "interface", "ipv4_address", "ipv6_address", "public_key",
                     "server", "preshared_key_file", "prefix", "status", "neighbor", "password", "password_secret",
                     "max_prefix_action", "source_address", "next_hop", "session"] {
            types[name] = Schema.string
        }
        for name in ["listen_port", "mtu", "persistent_keepalive", "max_prefix_length", "min_prefix_length",
                     "remote_as", "hold_time", "max_prefixes", "multihop", "asn"] {
            types[name] = Schema.integer
        }
        for name in ["is_active", "auto_announce_bgp", "enabled", "accept_default", "route_server"] {
            types[name] = Schema.boolean
        }
        for name in ["dns_servers", "allowed_ips"] { types[name] = Schema.array(Schema.string) }
        for name in ["server_id", "session_id"] { types[name] = Schema.uuid }
        return types
    }()
}
