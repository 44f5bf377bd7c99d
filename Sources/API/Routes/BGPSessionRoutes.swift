import Hummingbird

/// `/api/v1/bgp/sessions`: the BGP sessions of the compiled HEAD.
struct BGPSessionRoutes: APIRoutes {
    let head: InventoryHead
    var path: String { "bgp/sessions" }

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get { request, _ in try await head.current().sessions.list(request) }
        group.get("{id}") { _, context in
            try await head.current().sessions.item(context.parameters.require("id"), kind: "BGP session")
        }
        WriteRoutes(head: head, writer: ResourceWriter(kind: .bgpSession)) { snapshot, id in
            try APIJSON.response(snapshot.sessions.item(id, kind: "BGP session"))
        }.add(to: group)
    }
}
