import BIRD
import Hummingbird

/// `GET /api/v1/system/info` (signed-in users) and `POST /api/v1/system/action` (superusers): the host and wgc
/// as they are, and the few actions of `SystemAction`.
struct SystemRoutes: APIRoutes {
    let status: ServerStatus
    var path: String { "system" }

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("info") { _, _ in await SystemInfoAnswer.read(status) }
        group.post("action", use: act)
    }

    @Sendable func act(_ request: Request, context: APIRequestContext) async throws -> SystemActionAnswer {
        _ = try context.requireSuperuser()
        let action = try await request.decodeStrict(SystemActionBody.self, context: context).allowed()
        switch action {
        case .validate:
            return .validated(try await status.head.validateNewest(), folder: status.head.folder)
        case .sync:
            return .synced(try await status.head.syncWithRemote())
        case .reload:
            let reply = try await status.birdActions.withConnection { connection throws(BIRDError) in
                try connection.send("configure")
            }
            return try .reloaded(reply, socketPath: status.birdSocket ?? "")
        }
    }
}
