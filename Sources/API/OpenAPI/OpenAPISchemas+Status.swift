extension OpenAPISchemas {
    /// Probes, status, system and monitoring answers. Their top-level fields are listed and required; nested
    /// figures are described loosely, as they follow the host (`/proc`, BIRD).
    static let status: [String: OpenAPIValue] = [
        "Health": Schema.object(["status": Schema.enum(["healthy"]), "timestamp": Schema.dateTime,
                                 "version": Schema.string]),
        "Probe": Schema.object(["status": Schema.enum(["ready", "alive"]), "timestamp": Schema.dateTime]),
        "ComponentStatus": Schema.enum(["healthy", "not_configured", "degraded", "unhealthy"]),
        "ComponentHealth": Schema.object([
            "status": Schema.ref("ComponentStatus"), "response_time": Schema.nullable(Schema.number),
            "detail": Schema.string,
        ], required: ["status", "response_time", "detail"], strict: false),
        "HealthReport": Schema.object([
            "status": Schema.ref("ComponentStatus"), "timestamp": Schema.dateTime, "version": Schema.string,
            "components": Schema.object(Dictionary(uniqueKeysWithValues: [
                "repository", "user_store", "bird", "wireguard", "disk",
            ].map { ($0, Schema.ref("ComponentHealth")) })),
        ]),
        "StatusMetrics": Schema.object([
            "timestamp": Schema.dateTime, "performance": object, "requests": object, "writes": object,
            "system": object,
        ]),
        "Status": Schema.object([
            "system": object, "services": Schema.map(Schema.string), "resources": object, "repository": object,
            "process": Schema.nullable(object),
        ]),
        "SystemInfo": Schema.object([
            "system": object, "network": object, "services": Schema.map(Schema.string), "wgc": object,
        ]),
        "SystemActionRequest": Schema.object([
            "action": Schema.enum(SystemAction.allCases.map(\.rawValue)),
            "service": Schema.nullable(Schema.enum(Array(Set(SystemAction.allCases.map(\.service))).sorted())),
        ], required: ["action"]),
        "SystemActionResult": Schema.object([
            "action": Schema.enum(SystemAction.allCases.map(\.rawValue)), "success": Schema.boolean,
            "message": Schema.string, "commit": Schema.string, "valid": Schema.boolean,
            "diagnostics": Schema.array(Schema.ref("Diagnostic")),
            "result": Schema.enum(["up_to_date", "fast_forwarded", "ahead"]), "before": Schema.string,
            "remote": Schema.string, "served": Schema.string, "rejection": Schema.string, "bird_code": Schema.integer,
        ], required: ["action", "success", "message"]),
        "HostMetrics": Schema.object(["timestamp": Schema.dateTime, "metrics": object]),
        "BGPSessionLive": Schema.object([
            "session_id": Schema.uuid, "name": Schema.string, "node": Schema.string, "protocol": Schema.string,
            "status": Schema.string, "uptime": Schema.nullable(Schema.integer),
            "prefixes_received": Schema.nullable(Schema.integer), "prefixes_sent": Schema.nullable(Schema.integer),
            "last_update": Schema.dateTime, "bird_state": nullableString, "since": nullableString,
            "last_error": nullableString, "reason": nullableString,
        ]),
        "PoolStatus": Schema.object([
            "pool_id": Schema.uuid, "name": Schema.string, "prefix": Schema.string, "total_capacity": Schema.integer,
            "allocated": Schema.integer, "allocation_length": Schema.integer, "usage_percent": Schema.number,
            "status": Schema.string,
        ]),
    ]

    private static let object: OpenAPIValue = ["type": "object"]
}
