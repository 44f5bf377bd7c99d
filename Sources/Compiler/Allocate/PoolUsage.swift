/// How full a pool is, counted in blocks of its default length (`max_prefix_length`): the figures
/// allocations.json reports and `wgc plan` compares.
public struct PoolUsage: Sendable, Hashable, Codable {
    /// Default-length blocks in the pool.
    public var capacity: UInt64
    /// Blocks that an allocation or a LAN prefix touches.
    public var used: UInt64
    /// `used / capacity` in percent, rounded to two decimals.
    public var percent: Double

    public init(capacity: UInt64, used: UInt64) {
        self.capacity = capacity
        self.used = used
        percent = capacity == 0 ? 0 : (Double(used) / Double(capacity) * 10000).rounded() / 100
    }

    enum CodingKeys: String, CodingKey {
        case capacity, used
        case percent = "usage_percent"
    }
}

/// What occupies a pool on its node: its allocations (by prefix) and the node's LAN prefixes inside it.
struct PoolOccupancy {
    var allocations: [Allocation]
    var lans: [LANInterface]
    var usage: PoolUsage

    init(pool: PrefixPool, node: Node, inventory: Inventory) {
        allocations = inventory.allocations.filter { $0.pool == pool.name && pool.prefix.contains($0.prefix) }
            .sorted { $0.prefix < $1.prefix }
        lans = node.lanInterfaces.filter { $0.pool == pool.name && $0.prefix != nil }
        let counted = PoolAllocator.usage(of: pool, taken: allocations.map(\.prefix) + lans.compactMap(\.prefix))
        usage = PoolUsage(capacity: counted.capacity, used: counted.used)
    }
}
