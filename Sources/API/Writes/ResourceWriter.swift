import Compiler
import Foundation
import YAML

/// The write path of one kind of resource: a request's fields turned into a change of the inventory's files,
/// derived from the HEAD the write builds on. Names and files taken are 409; what the compiler would refuse is
/// left to it (422 with its diagnostics), so the API and `wgc validate` never disagree.
struct ResourceWriter: Sendable {
    let kind: ResourceKind

    /// A resource of the inventory: where it is, and what identifies it.
    struct Located {
        var id: String
        /// The name, or the prefix for allocations and whitelist entries.
        var key: String
        var origin: Origin
        var hasExplicitID: Bool

        init(_ id: String, _ key: String, _ origin: Origin, _ explicitID: String?) {
            self.id = id
            self.key = key
            self.origin = origin
            hasExplicitID = explicitID != nil
        }
    }

    /// A new resource in a file of its own; the answer's id is a new random UUID, written into the document.
    func create(_ fields: [String: YAMLValue], in base: WriteBase) throws -> InventoryChange {
        let keyField = kind.isKeyedByPrefix ? "prefix" : "name"
        guard case .string(let key)? = fields[keyField], !key.isEmpty else {
            throw APIError(.unprocessableContent, "VALIDATION_FAILED", "'\(keyField)' is required")
        }
        if let existing = first(in: base.inventory, .key(key)) {
            throw APIError(.conflict, "ALREADY_EXISTS", "a \(kind.displayName) '\(key)' already exists (id \(existing.id))")
        }
        let path = ResourceFile.path(kind, key: key)
        if base.loaded.contains(path: path) {
            throw APIError(.conflict, "ALREADY_EXISTS", "the inventory already has a file \(path)")
        }
        let id = UUID().uuidString.lowercased()
        return InventoryChange(edits: [.write(path: path, bytes: ResourceFile.document(kind, id: id, fields: fields))],
                               message: "\(kind.area): create \(kind.noun) \(key)", resource: (kind, id))
    }

    /// The resource's document with `fields` set (nil removes one). A renamed resource whose id was derived from
    /// its name keeps that id, written into the document.
    func update(id: String, _ fields: [(key: String, value: YAMLValue?)], in base: WriteBase) throws -> InventoryChange {
        let resource = try find(id, in: base)
        var fields = fields
        let keyField = kind.isKeyedByPrefix ? "prefix" : "name"
        if let newKey = fields.first(where: { $0.key == keyField })?.value {
            guard case .string(let key) = newKey, !key.isEmpty else {
                throw APIError(.unprocessableContent, "VALIDATION_FAILED", "'\(keyField)' cannot be removed")
            }
            if key != resource.key {
                if first(in: base.inventory, .key(key)) != nil {
                    throw APIError(.conflict, "ALREADY_EXISTS", "a \(kind.displayName) '\(key)' already exists")
                }
                if !resource.hasExplicitID { fields.insert((key: "id", value: .string(resource.id)), at: 0) }
            }
        }
        let edit = try ResourceFile.edited(resource.origin, in: base, setting: fields)
        let names = fields.map(\.key).filter { $0 != "id" }.joined(separator: ", ")
        return InventoryChange(edits: [edit], message: "\(kind.area): update \(kind.noun) \(resource.key) (\(names))",
                               resource: (kind, resource.id))
    }

    func delete(id: String, in base: WriteBase) throws -> InventoryChange {
        let resource = try find(id, in: base)
        return InventoryChange(edits: [try ResourceFile.removed(resource.origin, in: base)],
                               message: "\(kind.area): delete \(kind.noun) \(resource.key)", resource: nil)
    }

    /// The resource with `id`: 400 when it is not a UUID, 404 when no resource of this kind has it.
    func find(_ id: String, in base: WriteBase) throws -> Located {
        guard UUID(uuidString: id) != nil else { throw APIError(.badRequest, "INVALID_ID", "'\(id)' is not a UUID") }
        let wanted = id.lowercased()
        guard let found = first(in: base.inventory, .id(wanted)) else {
            throw APIError.notFound("no \(kind.displayName) has id '\(id)'")
        }
        return found
    }

    /// What a resource is looked for by: its (lowercased) id, or its key.
    enum Match {
        case id(String)
        case key(String)
    }

    /// The first resource of this kind with `match`; a scan that copies nothing but the one it finds.
    func first(in inventory: Inventory, _ match: Match) -> Located? {
        func scan<Resource>(_ list: [Resource], _ id: (Resource) -> String, _ key: (Resource) -> String,
                            _ origin: (Resource) -> Origin, _ explicitID: (Resource) -> String?) -> Located? {
            let found = switch match {
            case .id(let wanted): list.first { id($0) == wanted }
            case .key(let wanted): list.first { key($0) == wanted }
            }
            return found.map { Located(id($0), key($0), origin($0), explicitID($0)) }
        }
        return switch kind {
        case .node: scan(inventory.nodes, \.id, \.name, \.origin, \.explicitID)
        case .wireGuardServer: scan(inventory.servers, \.id, \.name, \.origin, \.explicitID)
        case .wireGuardClient: scan(inventory.clients, \.id, \.name, \.origin, \.explicitID)
        case .prefixPool: scan(inventory.pools, \.id, \.name, \.origin, \.explicitID)
        case .allocation: scan(inventory.allocations, \.id, \.prefix.description, \.origin, \.explicitID)
        case .whitelist: scan(inventory.whitelist, \.id, \.prefix.description, \.origin, \.explicitID)
        case .bgpSession: scan(inventory.sessions, \.id, \.name, \.origin, \.explicitID)
        case .bgpAnnouncement: scan(inventory.announcements, \.id, \.name, \.origin, \.explicitID)
        }
    }
}

extension ResourceKind {
    /// Allocations and whitelist entries are named by their prefix.
    var isKeyedByPrefix: Bool { self == .allocation || self == .whitelist }

    /// The commit message's area: `bgp: create session peer-2`.
    var area: String {
        switch self {
        case .node: "nodes"
        case .wireGuardServer, .wireGuardClient: "wireguard"
        case .prefixPool, .allocation, .whitelist: "ipv6"
        case .bgpSession, .bgpAnnouncement: "bgp"
        }
    }

    var noun: String {
        switch self {
        case .node: "node"
        case .wireGuardServer: "server"
        case .wireGuardClient: "client"
        case .prefixPool: "pool"
        case .allocation: "allocation"
        case .whitelist: "whitelist entry"
        case .bgpSession: "session"
        case .bgpAnnouncement: "announcement"
        }
    }
}
