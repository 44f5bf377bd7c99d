import Compiler
import Foundation
import Synchronization

/// A validated inventory as the API serves it: the commit it came from and a table of answers per kind, each
/// answer built and encoded when first asked for (a write makes a new snapshot; it builds no answer it is not
/// asked for).
public struct InventorySnapshot: Sendable {
    /// The commit, 40 hexadecimal digits.
    public let commit: String
    public let inventory: Inventory
    let sessions: ResourceTable<BGPSessionResponse>
    let announcements: ResourceTable<BGPAnnouncementResponse>
    let pools: ResourceTable<PoolResponse>
    let servers: ResourceTable<WireGuardServerResponse>
    let clients: ResourceTable<WireGuardClientResponse>

    init(commit: String, inventory: Inventory, times: ResourceTimes) {
        self.commit = commit
        self.inventory = inventory
        let context = ResponseContext(inventory: inventory, times: times)
        sessions = ResourceTable(inventory.sessions, id: \.id, explicitID: \.explicitID) {
            BGPSessionResponse($0, context)
        }
        announcements = ResourceTable(inventory.announcements, id: \.id, explicitID: \.explicitID) {
            BGPAnnouncementResponse($0, context)
        }
        pools = ResourceTable(inventory.pools, id: \.id, explicitID: \.explicitID) { PoolResponse($0, context) }
        servers = ResourceTable(inventory.servers, id: \.id, explicitID: \.explicitID) {
            WireGuardServerResponse($0, context)
        }
        clients = ResourceTable(inventory.clients, id: \.id, explicitID: \.explicitID) {
            WireGuardClientResponse($0, context)
        }
    }
}

/// What building an answer needs beyond the resource itself: times, and the ids and allocations of the
/// resources it refers to by name, each index made when an answer first needs it.
final class ResponseContext: Sendable {
    let inventory: Inventory
    let times: ResourceTimes
    private let indexes = Mutex<Indexes>(Indexes())

    private struct Indexes {
        var sessionIDs: [String: String]?
        var serverIDs: [String: String]?
        var delegations: [String: [Allocation]]?
    }

    init(inventory: Inventory, times: ResourceTimes) {
        self.inventory = inventory
        self.times = times
    }

    /// The id of the session named `name`.
    func sessionID(_ name: String) -> String? {
        indexes.withLock { indexes in
            if indexes.sessionIDs == nil { indexes.sessionIDs = Self.ids(inventory.sessions.map { ($0.name, $0.id) }) }
            return indexes.sessionIDs![name]
        }
    }

    /// The id of the WireGuard server named `name`.
    func serverID(_ name: String) -> String? {
        indexes.withLock { indexes in
            if indexes.serverIDs == nil { indexes.serverIDs = Self.ids(inventory.servers.map { ($0.name, $0.id) }) }
            return indexes.serverIDs![name]
        }
    }

    /// The allocations of the client named `name`, in inventory order.
    func delegations(of name: String) -> [Allocation] {
        indexes.withLock { indexes in
            if indexes.delegations == nil { indexes.delegations = Dictionary(grouping: inventory.allocations, by: \.client) }
            return indexes.delegations![name] ?? []
        }
    }

    private static func ids(_ pairs: [(String, String)]) -> [String: String] {
        Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }
}
