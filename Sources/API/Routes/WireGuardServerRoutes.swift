import Hummingbird

/// `/api/v1/wireguard/servers`: the WireGuard interfaces of the compiled HEAD.
struct WireGuardServerRoutes: APIRoutes {
    let head: InventoryHead
    /// Where keys the server makes are sealed; nil: a server must come with its public key.
    var secrets: SecretStore?
    var path: String { "wireguard/servers" }

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get { request, _ in try await head.current().servers.list(request) }
        group.get("{id}") { _, context in
            try await head.current().servers.answer(context.parameters.require("id"), kind: "WireGuard server")
        }
        WriteRoutes(head: head, writer: ResourceWriter(kind: .wireGuardServer),
                    prepare: { [secrets] body in try secrets?.generatingKey(body) ?? body },
                    respond: { snapshot, id in
                        try APIJSON.response(snapshot.servers.item(id, kind: "WireGuard server"))
                    }).add(to: group)
    }
}
