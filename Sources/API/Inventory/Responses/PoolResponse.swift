import Compiler
import Foundation
import Hummingbird

/// A prefix pool as the reference lists it. Capacity and usage are counted in allocations of the pool's default
/// length (`allocation_length`, its `max_prefix_length`), not in addresses: `total_addresses` is how many such
/// blocks the pool holds, `allocated_addresses` how many an allocation or a LAN prefix touches.
struct PoolResponse: ResponseEncodable, Sendable {
    var id: String
    var name: String
    var node: String
    var prefix: String
    @Nullable var description: String?
    /// The inventory has no pool status: null.
    @Nullable var status: String?
    var totalAddresses: UInt64
    var allocatedAddresses: UInt64
    var allocationLength: Int
    var usagePercent: Double
    var maxPrefixLength: Int
    var minPrefixLength: Int
    var autoAnnounceBgp: Bool
    var createdAt: Date
    var updatedAt: Date

    init(_ pool: PrefixPool, _ context: ResponseContext) {
        let usage = PoolUsage(pool: pool, inventory: context.inventory)
        id = pool.id
        name = pool.name
        node = pool.node
        prefix = pool.prefix.description
        description = pool.description
        status = nil
        totalAddresses = usage.capacity
        allocatedAddresses = usage.used
        allocationLength = pool.maxPrefixLength
        usagePercent = usage.percent
        maxPrefixLength = pool.maxPrefixLength
        minPrefixLength = pool.minPrefixLength
        autoAnnounceBgp = pool.autoAnnounceBGP
        createdAt = context.times.created(pool.origin)
        updatedAt = context.times.updated(pool.origin)
    }
}
