extension OpenAPIPaths {
    /// The inventory's resources: each read from the compiled HEAD, each write a validated commit.
    static let inventory: [OpenAPIOperation] =
        resource("/api/v1/bgp/sessions", "BGP session", tag: "bgp", schema: "BGPSession")
        + resource("/api/v1/bgp/announcements", "BGP announcement", tag: "bgp", schema: "BGPAnnouncement",
                   wrappedIn: "announcements")
        + resource("/api/v1/ipv6/pools", "prefix pool", tag: "ipv6", schema: "PrefixPool")
        + resource("/api/v1/wireguard/servers", "WireGuard server", tag: "wireguard", schema: "WireGuardServer")
        + resource("/api/v1/wireguard/clients", "WireGuard client", tag: "wireguard", schema: "WireGuardClient")
        + actions

    /// An inventory read can find the compiled HEAD unavailable (503); a write can also lose a race or find the
    /// repository busy (409), be refused by the compiler (422, a delete too: what it would leave dangling), or fail
    /// to push (503).
    static let readErrors = [503]
    static let writeErrors = [409, 422, 503]

    /// List, read, create, update and delete one kind of resource at `path`.
    static func resource(_ path: String, _ name: String, tag: String, schema: String, wrappedIn key: String? = nil)
        -> [OpenAPIOperation] {
        let item = Schema.ref(schema)
        let list = key.map { Schema.object([$0: Schema.array(item)]) } ?? Schema.array(item)
        let body = Schema.ref(schema + "Write")
        return [
            OpenAPIOperation(method: "get", path: path, summary: "List \(name)s", tag: tag, access: .token,
                             query: OpenAPIOperation.paging,
                             answers: [200: .json("A page of \(name)s", list, counted: true)],
                             errors: readErrors),
            OpenAPIOperation(method: "post", path: path, summary: "Create a \(name) (a commit)", tag: tag,
                             access: .superuser, body: body,
                             answers: [201: .json("The new \(name)", item)], errors: writeErrors),
            OpenAPIOperation(method: "get", path: path + "/{id}", summary: "A \(name)", tag: tag, access: .token,
                             answers: [200: .json("The \(name)", item)], errors: readErrors),
            OpenAPIOperation(method: "patch", path: path + "/{id}",
                             summary: "Change a \(name) (a commit; null removes a field)", tag: tag,
                             access: .superuser, body: body,
                             answers: [200: .json("The \(name) as changed", item)],
                             errors: writeErrors),
            OpenAPIOperation(method: "delete", path: path + "/{id}", summary: "Delete a \(name) (a commit)", tag: tag,
                             access: .superuser, answers: [204: .init(description: "Deleted")], errors: writeErrors),
        ]
    }

    /// BGP session actions in BIRD, pool allocations and checks, and a client's config.
    static let actions: [OpenAPIOperation] = [
        OpenAPIOperation(method: "post", path: "/api/v1/bgp/sessions/batch/reload",
                         summary: "Reload the sessions the body's ids name in BIRD", tag: "bgp", access: .superuser,
                         body: Schema.array(Schema.string),
                         answers: [200: .json("One result per id", Schema.ref("BatchActionResult"))],
                         errors: [502, 503]),
        OpenAPIOperation(method: "post", path: "/api/v1/bgp/sessions/{id}/reload", summary: "Reload a session in BIRD",
                         tag: "bgp", access: .superuser,
                         answers: [200: .json("BIRD's answer", Schema.ref("SessionActionResult"))],
                         errors: [409, 502, 503]),
        OpenAPIOperation(method: "post", path: "/api/v1/bgp/sessions/{id}/restart",
                         summary: "Restart a session in BIRD", tag: "bgp", access: .superuser,
                         answers: [200: .json("BIRD's answer", Schema.ref("SessionActionResult"))],
                         errors: [409, 502, 503]),
        OpenAPIOperation(method: "post", path: "/api/v1/ipv6/pools/{id}/allocate",
                         summary: "Allocate a prefix of the pool to a client (a commit)", tag: "ipv6",
                         access: .superuser, body: Schema.ref("AllocateRequest"),
                         answers: [201: .json("The allocation", Schema.ref("AllocateResult"))],
                         errors: writeErrors),
        OpenAPIOperation(method: "post", path: "/api/v1/ipv6/pools/{id}/release/{allocation_id}",
                         summary: "Release an allocation of the pool (a commit)", tag: "ipv6", access: .superuser,
                         answers: [200: .json("Released", Schema.ref("ActionResult"))],
                         errors: writeErrors),
        OpenAPIOperation(method: "post", path: "/api/v1/ipv6/pools/{id}/whitelist",
                         summary: "Whitelist a prefix in the pool (a commit)", tag: "ipv6", access: .superuser,
                         body: Schema.ref("WhitelistRequest"),
                         answers: [201: .json("The whitelist entry", Schema.ref("WhitelistEntry"))],
                         errors: writeErrors),
        OpenAPIOperation(method: "post", path: "/api/v1/ipv6/pools/{id}/validate-rpki",
                         summary: "Validate a prefix against the repository's VRPs and the pool node's ASN",
                         tag: "ipv6", access: .token, body: Schema.ref("RPKIRequest"),
                         answers: [200: .json("The RPKI validity", Schema.ref("RPKIResult"))],
                         errors: [409, 503]),
        OpenAPIOperation(method: "get", path: "/api/v1/wireguard/clients/{id}/config",
                         summary: "The client's wg-quick config", tag: "wireguard", access: .token,
                         answers: [200: .json("The config", Schema.object(["config": Schema.string]))],
                         errors: readErrors),
        OpenAPIOperation(method: "get", path: "/api/v1/wireguard/clients/{id}/qrcode",
                         summary: "The client's wg-quick config as a PNG QR code (a data URI)", tag: "wireguard",
                         access: .token,
                         answers: [200: .json("The QR code", Schema.object(["qrcode": Schema.string]))],
                         errors: readErrors + [422]),
    ]
}
