import Hummingbird

/// `/api/v1/wireguard/clients`: the WireGuard clients of the compiled HEAD, with their delegated prefixes.
struct WireGuardClientRoutes: APIRoutes {
    let head: InventoryHead
    var path: String { "wireguard/clients" }

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get { request, _ in try await head.current().clients.list(request) }
        group.get("{id}") { _, context in
            try await head.current().clients.item(context.parameters.require("id"), kind: "WireGuard client")
        }
    }
}
