import Hummingbird

/// `/api/v1/wireguard/clients`: the WireGuard clients of the compiled HEAD, with their delegated prefixes.
struct WireGuardClientRoutes: APIRoutes {
    let head: InventoryHead
    /// Where keys the server makes are sealed; nil: a client must come with its public key.
    var secrets: SecretStore?
    var path: String { "wireguard/clients" }

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get { request, _ in try await head.current().clients.list(request) }
        group.get("{id}") { _, context in
            try await head.current().clients.answer(context.parameters.require("id"), kind: "WireGuard client")
        }
        WriteRoutes(head: head, writer: ResourceWriter(kind: .wireGuardClient), extraFields: ["server_id"],
                    prepare: { [secrets] body in try secrets?.generatingKey(body) ?? body },
                    translate: { body, base, _ in
                        try body.referencing("server_id", as: "server", kind: .wireGuardServer, in: base)
                    }, respond: { snapshot, id in
                        try APIJSON.response(snapshot.clients.item(id, kind: "WireGuard client"))
                    }).add(to: group)
    }
}
