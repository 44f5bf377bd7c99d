import BIRD
import Compiler
import Hummingbird

/// `/api/v1/bgp/sessions/{id}/reload`, `…/{id}/restart` and `…/batch/reload`: act on sessions of the compiled HEAD
/// in the node's running BIRD, by the protocol name the compiler gives them; superusers only. BIRD out of reach
/// is a 503, BIRD refusing a 409 (see `BIRDError.apiError`).
struct BGPSessionActionRoutes: APIRoutes {
    let head: InventoryHead
    let bird: LiveBIRD
    var path: String { "bgp/sessions" }

    /// The most ids one batch may name.
    static let maxBatch = 1000

    func add(to group: RouterGroup<APIRequestContext>) {
        group.add(middleware: SuperuserMiddleware())
        // A constant segment outranks `{id}` in Hummingbird's router, so `batch` is never read as an id.
        group.post("batch/reload", use: batchReload)
        group.post("{id}/reload") { _, context in try await act(.reload, on: context.parameters.require("id")) }
        group.post("{id}/restart") { _, context in try await act(.restart, on: context.parameters.require("id")) }
    }

    func act(_ action: SessionAction, on id: String) async throws -> SessionActionResponse {
        let session = try Self.session(id, in: try await head.current())
        let name = BIRDEmitter.protocolName(session)
        let message = try await bird.withConnection { connection throws(BIRDError) in
            try action.run(protocol: name, on: connection)
        }
        return SessionActionResponse(sessionId: session.id, protocol: name,
                                     message: try action.outcome(of: message, protocol: name).get())
    }

    /// Reloads every session the body's array names, on one connection; an id that is no session of the HEAD, or
    /// that BIRD refuses, fails alone. 503 when BIRD is out of reach for all of them.
    @Sendable func batchReload(_ request: Request, context: APIRequestContext) async throws -> BatchActionResponse {
        let ids = try await request.decode(as: [String].self, context: context)
        guard ids.count <= Self.maxBatch else {
            throw APIError(.unprocessableContent, "VALIDATION_FAILED", "a batch names at most \(Self.maxBatch) ids")
        }
        let snapshot = try await head.current()
        let sessions = ids.map { id in Self.lookUp(id, in: snapshot) }
        let names = sessions.compactMap { try? $0.get() }.map(BIRDEmitter.protocolName)
        var answers: [Result<String, BIRDError>] = []
        if !names.isEmpty {
            answers = try await bird.withConnection { connection in
                SessionAction.reload.run(protocols: names, on: connection)
            }
            if case .failure(let error)? = answers.first, error.isUnavailable { throw error.apiError }
        }
        var remaining = answers.makeIterator()
        let results = zip(ids, sessions).map { id, found -> BatchActionResult in
            guard case .success(let session) = found, let answer = remaining.next() else {
                return .failed(id, protocol: nil, found.failure ?? .internalFailure)
            }
            let name = BIRDEmitter.protocolName(session)
            switch answer.mapError(\.apiError).flatMap({ SessionAction.reload.outcome(of: $0, protocol: name) }) {
            case .success(let message): return .done(session.id, protocol: name, message)
            case .failure(let error): return .failed(session.id, protocol: name, error)
            }
        }
        return BatchActionResponse(results: results)
    }

    /// The session `id` names: 400 `INVALID_ID` when it is not a UUID, 404 when the HEAD has no such session.
    static func session(_ id: String, in snapshot: InventorySnapshot) throws -> BGPSession {
        let listed = try snapshot.sessions.item(id, kind: "BGP session")
        guard let session = snapshot.inventory.sessions.first(where: { $0.id == listed.id }) else {
            throw APIError.notFound("no BGP session has id '\(id)'")
        }
        return session
    }

    static func lookUp(_ id: String, in snapshot: InventorySnapshot) -> Result<BGPSession, APIError> {
        do {
            return .success(try session(id, in: snapshot))
        } catch {
            return .failure(error as? APIError ?? .internalFailure)
        }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

extension APIError {
    /// A 500 for what cannot happen, saying nothing of the internals.
    static let internalFailure = APIError(.internalServerError, "INTERNAL_ERROR", "the server failed; see its log")
}
