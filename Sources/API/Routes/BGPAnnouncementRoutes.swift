import Hummingbird

/// `/api/v1/bgp/announcements`: the prefixes the nodes originate, from the compiled HEAD. The reference wraps
/// the list in `{"announcements": [...]}`.
struct BGPAnnouncementRoutes: APIRoutes {
    let head: InventoryHead
    var path: String { "bgp/announcements" }

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get { request, _ in try await head.current().announcements.list(request, wrappedIn: "announcements") }
        group.get("{id}") { _, context in
            try await head.current().announcements.answer(context.parameters.require("id"), kind: "BGP announcement")
        }
        WriteRoutes(head: head, writer: ResourceWriter(kind: .bgpAnnouncement), extraFields: ["session_id"],
                    translate: { body, base, _ in
                        try body.referencing("session_id", as: "session", kind: .bgpSession, in: base)
                    }, respond: { snapshot, id in
                        try APIJSON.response(snapshot.announcements.item(id, kind: "BGP announcement"))
                    }).add(to: group)
    }
}
