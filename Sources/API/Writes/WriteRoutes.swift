import Compiler
import Foundation
import Git
import Hummingbird
import YAML

/// `POST`, `PATCH /{id}` and `DELETE /{id}` of one kind of resource: superusers only, each a validated commit by
/// the caller. `prepare` runs once per create before anything else (it makes keys); `translate` turns the
/// reference's fields (`server_id`, `session_id`, `password`) into the inventory's (`server`, `session`,
/// `password_secret`) against the HEAD the write builds on, with the id of the resource a `PATCH` updates;
/// `respond` renders the written resource.
struct WriteRoutes: Sendable {
    let head: InventoryHead
    let writer: ResourceWriter
    /// Fields a body may carry besides the kind's own.
    var extraFields: Set<String> = []
    var prepare: @Sendable (ResourceBody) throws -> ResourceBody = { $0 }
    var translate: @Sendable (ResourceBody, WriteBase, String?) throws -> [(key: String, value: YAMLValue?)] = {
        body, _, _ in try body.yamlFields()
    }
    let respond: @Sendable (InventorySnapshot, String) throws -> Response

    func add(to group: RouterGroup<APIRequestContext>) {
        group.post { request, context in
            let user = try context.requireSuperuser()
            let body = try prepare(try await ResourceBody.read(request, context: context, allowed: allowed))
            let outcome = try await head.write(author: Self.author(user)) { base in
                var fields: [String: YAMLValue] = [:]
                for (key, value) in try translate(body, base, nil) where value != nil { fields[key] = value }
                return try writer.create(fields, in: base)
            }
            var response = try respond(outcome.snapshot, outcome.resourceID ?? "")
            response.status = .created
            response.headers[AuditMiddleware.commitHeader] = outcome.commit
            return response
        }
        group.patch("{id}") { request, context in
            let user = try context.requireSuperuser()
            let id = try context.parameters.require("id")
            let body = try await ResourceBody.read(request, context: context, allowed: allowed)
            let outcome = try await head.write(author: Self.author(user)) { base in
                try writer.update(id: id, try translate(body, base, id), in: base)
            }
            var response = try respond(outcome.snapshot, outcome.resourceID ?? id)
            response.headers[AuditMiddleware.commitHeader] = outcome.commit
            return response
        }
        group.delete("{id}") { _, context in
            let user = try context.requireSuperuser()
            let id = try context.parameters.require("id")
            let outcome = try await head.write(author: Self.author(user)) { base in try writer.delete(id: id, in: base) }
            return Response(status: .noContent, headers: [AuditMiddleware.commitHeader: outcome.commit])
        }
    }

    private var allowed: Set<String> { writer.kind.writableFields.union(extraFields) }

    /// The commit's author: the API user (an address under `.invalid`, which no one can own).
    static func author(_ user: APIUser) -> Signature {
        Signature(name: user.username, email: "\(user.username)@wgc-api.invalid")
    }
}
