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
        // Each closure reads the array in place: one taking a resource would copy a whole struct per look.
        let sessions = inventory.sessions, announcements = inventory.announcements, pools = inventory.pools
        let servers = inventory.servers, clients = inventory.clients
        self.sessions = ResourceTable(count: sessions.count, id: { sessions[$0].id },
                                      explicitID: { sessions[$0].explicitID },
                                      build: { BGPSessionResponse(sessions[$0], context) })
        self.announcements = ResourceTable(count: announcements.count, id: { announcements[$0].id },
                                           explicitID: { announcements[$0].explicitID },
                                           build: { BGPAnnouncementResponse(announcements[$0], context) })
        self.pools = ResourceTable(count: pools.count, id: { pools[$0].id }, explicitID: { pools[$0].explicitID },
                                   build: { PoolResponse(pools[$0], context) })
        self.servers = ResourceTable(count: servers.count, id: { servers[$0].id },
                                     explicitID: { servers[$0].explicitID },
                                     build: { WireGuardServerResponse(servers[$0], context) })
        self.clients = ResourceTable(count: clients.count, id: { clients[$0].id },
                                     explicitID: { clients[$0].explicitID },
                                     build: { WireGuardClientResponse(clients[$0], context) })
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
