import Hummingbird

/// `/api/v1/bgp/sessions`: the BGP sessions of the compiled HEAD.
struct BGPSessionRoutes: APIRoutes {
    let head: InventoryHead
    /// Where a session's password is kept (never in git); nil: passwords are not taken.
    var secrets: SecretStore?
    var path: String { "bgp/sessions" }

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get { request, _ in try await head.current().sessions.list(request) }
        group.get("{id}") { _, context in
            try await head.current().sessions.answer(context.parameters.require("id"), kind: "BGP session")
        }
        WriteRoutes(head: head, writer: ResourceWriter(kind: .bgpSession), extraFields: secrets == nil ? [] : ["password"],
                    translate: { [secrets] body, base, id in
                        try secrets?.sessionFields(body, base: base, updating: id) ?? body.yamlFields()
                    }, respond: { snapshot, id in
                        try APIJSON.response(snapshot.sessions.item(id, kind: "BGP session"))
                    }).add(to: group)
    }
}
