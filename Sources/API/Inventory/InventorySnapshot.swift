import Compiler
import Foundation

/// A validated inventory as the API serves it: the commit it came from and every resource's answer, built once
/// when the commit was compiled so that a read only slices and encodes.
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
        sessions = ResourceTable(inventory.sessions.map { BGPSessionResponse($0, context) }, id: \.id)
        announcements = ResourceTable(inventory.announcements.map { BGPAnnouncementResponse($0, context) }, id: \.id)
        pools = ResourceTable(inventory.pools.map { PoolResponse($0, context) }, id: \.id)
        servers = ResourceTable(inventory.servers.map { WireGuardServerResponse($0, context) }, id: \.id)
        clients = ResourceTable(inventory.clients.map { WireGuardClientResponse($0, context) }, id: \.id)
    }
}

/// What building an answer needs beyond the resource itself: times, and the ids and allocations of the
/// resources it refers to by name.
struct ResponseContext {
    let inventory: Inventory
    let times: ResourceTimes
    let sessionIDs: [String: String]
    let serverIDs: [String: String]
    /// Each client's allocations, by client name, in inventory order.
    let delegations: [String: [Allocation]]

    init(inventory: Inventory, times: ResourceTimes) {
        self.inventory = inventory
        self.times = times
        sessionIDs = Dictionary(inventory.sessions.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        serverIDs = Dictionary(inventory.servers.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        delegations = Dictionary(grouping: inventory.allocations, by: \.client)
    }
}
