import Compiler
import Foundation
import Hummingbird
import YAML

/// `/api/v1/ipv6/pools/{id}/allocate`, `/release/{allocation_id}`, `/whitelist` (each a validated commit, superusers
/// only) and `/validate-rpki` (a read against the repository's VRPs and the pool node's ASN, RFC 6811).
struct PoolActionRoutes: APIRoutes {
    let head: InventoryHead
    /// Told of every commit these routes land, for the WebSocket subscribers of the pool.
    var live: LiveUpdates?
    var path: String { "ipv6/pools" }

    func add(to group: RouterGroup<APIRequestContext>) {
        group.post("{id}/allocate", use: allocate)
        group.post("{id}/release/{allocation_id}", use: release)
        group.post("{id}/whitelist", use: whitelist)
        group.post("{id}/validate-rpki", use: validateRPKI)
    }

    @Sendable func allocate(_ request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.requireSuperuser()
        let poolID = try context.parameters.require("id")
        let body = try await request.decodeStrict(AllocateBody.self, context: context)
        let outcome = try await write(poolID, "allocate", by: user) { base in
            let pool = try ResourceWriter(kind: .prefixPool).find(poolID, in: base)
            let client = try ResourceBody.target(body.clientId, field: "client_id", kind: .wireGuardClient, in: base)
            let allocation = AllocationRequest(pool: pool.key, client: client, length: body.prefixLength,
                                               autoAnnounce: body.autoAnnounce ?? false)
            let result: AllocationRequest.Result
            do {
                result = try allocation.allocate(in: base.inventory)
            } catch let error as AllocationRequest.Failure {
                let status: HTTPResponse.Status = error.code == .poolExhausted ? .conflict : .unprocessableContent
                throw APIError(status, error.code == .poolExhausted ? "POOL_EXHAUSTED" : "VALIDATION_FAILED",
                               error.message)
            }
            var change = try ResourceWriter(kind: .allocation).create(
                ["pool": .string(pool.key), "prefix": .string(result.prefix.description), "client": .string(client),
                 "auto_announce": .bool(body.autoAnnounce ?? false)], in: base)
            change.message = "ipv6: allocate \(result.prefix) from pool \(pool.key) to client \(client)"
            return change
        }
        let id = outcome.resourceID ?? ""
        let prefix = outcome.snapshot.inventory.allocations.first { $0.id == id }?.prefix.description ?? ""
        return try APIJSON.response(AllocateAnswer(success: true, allocationId: id, allocatedPrefix: prefix,
                                                   message: "allocated \(prefix)", commit: outcome.commit),
                                    status: .created, commit: outcome.commit)
    }

    @Sendable func release(_ request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.requireSuperuser()
        let poolID = try context.parameters.require("id")
        let allocationID = try context.parameters.require("allocation_id")
        let outcome = try await write(poolID, "release", by: user) { base in
            let pool = try ResourceWriter(kind: .prefixPool).find(poolID, in: base)
            let allocation = try ResourceWriter(kind: .allocation).find(allocationID, in: base)
            guard base.inventory.allocations.contains(where: { $0.id == allocation.id && $0.pool == pool.key }) else {
                throw APIError.notFound("allocation '\(allocationID)' is not in pool '\(pool.key)'")
            }
            var change = try ResourceWriter(kind: .allocation).delete(id: allocationID, in: base)
            change.message = "ipv6: release \(allocation.key) from pool \(pool.key)"
            return change
        }
        return try APIJSON.response(ActionAnswer(success: true, message: "released", commit: outcome.commit),
                                    commit: outcome.commit)
    }

    @Sendable func whitelist(_ request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.requireSuperuser()
        let poolID = try context.parameters.require("id")
        let body = try await request.decodeStrict(WhitelistBody.self, context: context)
        let outcome = try await write(poolID, "whitelist", by: user) { base in
            let pool = try ResourceWriter(kind: .prefixPool).find(poolID, in: base)
            var fields: [String: YAMLValue] = ["pool": .string(pool.key), "prefix": .string(body.prefix)]
            if let description = body.description { fields["description"] = .string(description) }
            return try ResourceWriter(kind: .whitelist).create(fields, in: base)
        }
        let id = outcome.resourceID ?? ""
        let entry = outcome.snapshot.inventory.whitelist.first { $0.id == id }
        return try APIJSON.response(WhitelistAnswer(id: id, poolId: poolID.lowercased(),
                                                    prefix: entry?.prefix.description ?? body.prefix,
                                                    description: entry?.description),
                                    status: .created, commit: outcome.commit)
    }

    /// Commits what `derive` makes of the HEAD, by `user`, and tells the WebSocket subscribers of the pool.
    private func write(_ poolID: String, _ action: String, by user: APIUser,
                       derive: @Sendable (WriteBase) throws -> InventoryChange) async throws -> WriteOutcome {
        guard let live else { return try await head.write(author: WriteRoutes.author(user), derive: derive) }
        return try await live.poolWrite(poolID: poolID, action: action) {
            try await head.write(author: WriteRoutes.author(user), derive: derive)
        }
    }

    @Sendable func validateRPKI(_ request: Request, context: APIRequestContext) async throws -> RPKIAnswer {
        let poolID = try context.parameters.require("id")
        let body = try await request.decodeStrict(RPKIBody.self, context: context)
        let snapshot = try await head.current()
        guard UUID(uuidString: poolID) != nil else { throw APIError(.badRequest, "INVALID_ID", "'\(poolID)' is not a UUID") }
        guard let pool = snapshot.inventory.pools.first(where: { $0.id == poolID.lowercased() }) else {
            throw APIError.notFound("no prefix pool has id '\(poolID)'")
        }
        guard case .success(let prefix) = IPPrefix.parse(body.prefix) else {
            throw APIError(.unprocessableContent, "VALIDATION_FAILED", "'\(body.prefix.prefix(64))' is not a prefix")
        }
        guard let node = snapshot.inventory.nodes.first(where: { $0.name == pool.node }) else {
            throw APIError(.conflict, "CONFLICT", "pool '\(pool.name)' has no node, so no origin ASN")
        }
        let result = snapshot.inventory.vrps.validate(prefix, origin: node.asn)
        let reason: String
        switch result.validity {
        case .valid: reason = "Valid"
        case .invalid: reason = "Invalid: " + result.reason
        case .notFound: reason = "NotFound"
        }
        return RPKIAnswer(prefix: prefix.description, valid: result.validity == .valid, reason: reason,
                          originAsn: node.asn, asn: result.decidingVRP?.asn, maxLength: result.decidingVRP?.maxLength)
    }
}

struct AllocateBody: StrictJSONBody {
    static let fields: Set<String> = ["client_id", "auto_announce", "prefix_length"]
    var clientId: String
    var autoAnnounce: Bool?
    var prefixLength: Int?
}

struct WhitelistBody: StrictJSONBody {
    static let fields: Set<String> = ["prefix", "description"]
    var prefix: String
    var description: String?
}

struct RPKIBody: StrictJSONBody {
    static let fields: Set<String> = ["prefix"]
    var prefix: String
}

struct AllocateAnswer: Encodable {
    var success: Bool
    var allocationId: String
    var allocatedPrefix: String
    var message: String
    var commit: String
}

struct ActionAnswer: Encodable {
    var success: Bool
    var message: String
    var commit: String
}

struct WhitelistAnswer: Encodable {
    var id: String
    var poolId: String
    var prefix: String
    @Nullable var description: String?
}

/// RFC 6811 for the prefix originated by the pool's node: the deciding VRP's `asn` and `max_length`, null when
/// no VRP covers it.
struct RPKIAnswer: ResponseEncodable {
    var prefix: String
    var valid: Bool
    var reason: String
    var originAsn: UInt32
    @Nullable var asn: UInt32?
    @Nullable var maxLength: Int?
}
