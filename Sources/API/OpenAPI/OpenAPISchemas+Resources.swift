extension OpenAPISchemas {
    /// The inventory's resources as the API answers them (every field present, `null` when unset).
    static let resources: [String: OpenAPIValue] = [
        "BGPSession": Schema.object([
            "id": Schema.uuid, "name": Schema.string, "node": Schema.string, "neighbor": Schema.string,
            "remote_as": Schema.integer, "hold_time": Schema.integer, "password": Schema.nullable(Schema.enum(["***"])),
            "description": nullableString, "enabled": Schema.boolean, "max_prefixes": Schema.nullable(Schema.integer),
            "status": Schema.string, "last_status_change": Schema.nullable(Schema.dateTime),
            "uptime": Schema.nullable(Schema.integer), "prefixes_received": Schema.nullable(Schema.integer),
            "prefixes_sent": Schema.nullable(Schema.integer), "created_at": Schema.dateTime,
            "updated_at": Schema.dateTime,
        ]),
        "BGPAnnouncement": Schema.object([
            "id": Schema.uuid, "name": Schema.string, "node": Schema.string, "session_id": Schema.nullable(Schema.uuid),
            "prefix": Schema.string, "asn": Schema.integer, "next_hop": nullableString, "description": nullableString,
            "enabled": Schema.boolean, "created_at": Schema.dateTime, "updated_at": Schema.dateTime,
        ]),
        "PrefixPool": Schema.object([
            "id": Schema.uuid, "name": Schema.string, "node": Schema.string, "prefix": Schema.string,
            "description": nullableString, "status": nullableString, "total_addresses": Schema.integer,
            "allocated_addresses": Schema.integer, "allocation_length": Schema.integer, "usage_percent": Schema.number,
            "max_prefix_length": Schema.integer, "min_prefix_length": Schema.integer,
            "auto_announce_bgp": Schema.boolean, "created_at": Schema.dateTime, "updated_at": Schema.dateTime,
        ]),
        "WireGuardServer": Schema.object([
            "id": Schema.uuid, "name": Schema.string, "node": Schema.string, "description": nullableString,
            "interface": Schema.string, "listen_port": Schema.integer, "public_key": nullableString,
            "ipv4_address": nullableString, "ipv6_address": nullableString,
            "dns_servers": Schema.array(Schema.string), "mtu": Schema.integer, "config_file_path": nullableString,
            "is_active": Schema.boolean, "created_at": Schema.dateTime, "updated_at": Schema.dateTime,
        ]),
        "WireGuardClient": Schema.object([
            "id": Schema.uuid, "server_id": Schema.nullable(Schema.uuid), "server": Schema.string,
            "name": Schema.string, "description": nullableString, "public_key": nullableString,
            "ipv4_address": nullableString, "ipv6_address": nullableString,
            "allowed_ips": Schema.nullable(Schema.array(Schema.string)),
            "delegated_prefixes": Schema.array(Schema.string), "persistent_keepalive": Schema.nullable(Schema.integer),
            "dns_servers": Schema.nullable(Schema.array(Schema.string)), "mtu": Schema.nullable(Schema.integer),
            "is_active": Schema.boolean, "created_at": Schema.dateTime, "updated_at": Schema.dateTime,
        ]),
        "SessionActionResult": Schema.object([
            "success": Schema.boolean, "session_id": Schema.uuid, "protocol": Schema.string, "message": Schema.string,
        ]),
        "BatchActionResult": Schema.object(["results": Schema.array(Schema.object([
            "session_id": Schema.string, "success": Schema.boolean, "protocol": Schema.string,
            "message": Schema.string, "error_code": Schema.string,
        ], required: ["session_id", "success", "message"]))]),
        "AllocateRequest": Schema.object([
            "client_id": Schema.uuid, "auto_announce": Schema.nullable(Schema.boolean),
            "prefix_length": Schema.nullable(Schema.integer),
        ], required: ["client_id"]),
        "AllocateResult": Schema.object([
            "success": Schema.boolean, "allocation_id": Schema.uuid, "allocated_prefix": Schema.string,
            "message": Schema.string, "commit": Schema.string,
        ]),
        "ActionResult": Schema.object(["success": Schema.boolean, "message": Schema.string, "commit": Schema.string]),
        "WhitelistRequest": Schema.object(["prefix": Schema.string, "description": nullableString],
                                          required: ["prefix"]),
        "WhitelistEntry": Schema.object([
            "id": Schema.uuid, "pool_id": Schema.uuid, "prefix": Schema.string, "description": nullableString,
        ]),
        "RPKIRequest": Schema.object(["prefix": Schema.string]),
        "RPKIResult": Schema.object([
            "prefix": Schema.string, "valid": Schema.boolean, "reason": Schema.string, "origin_asn": Schema.integer,
            "asn": Schema.nullable(Schema.integer), "max_length": Schema.nullable(Schema.integer),
        ]),
    ]

    static let nullableString = Schema.nullable(Schema.string)
}
