import Hummingbird

/// `/api/v1/ipv6/pools`: the prefix pools of the compiled HEAD, with their usage.
struct PoolRoutes: APIRoutes {
    let head: InventoryHead
    var path: String { "ipv6/pools" }

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get { request, _ in try await head.current().pools.list(request) }
        group.get("{id}") { _, context in
            try await head.current().pools.answer(context.parameters.require("id"), kind: "prefix pool")
        }
        WriteRoutes(head: head, writer: ResourceWriter(kind: .prefixPool)) { snapshot, id in
            try APIJSON.response(snapshot.pools.item(id, kind: "prefix pool"))
        }.add(to: group)
    }
}
