extension PoolUsage {
    /// How full `pool` is in `inventory`: its allocations and its node's LAN prefixes, in default-length blocks,
    /// counted as allocations.json counts them.
    public init(pool: PrefixPool, inventory: Inventory) {
        if let node = inventory.nodes.first(where: { $0.name == pool.node }) {
            self = PoolOccupancy(pool: pool, node: node, inventory: inventory).usage
            return
        }
        let taken = inventory.allocations.filter { $0.pool == pool.name && pool.prefix.contains($0.prefix) }
        let counted = PoolAllocator.usage(of: pool, taken: taken.map(\.prefix))
        self.init(capacity: counted.capacity, used: counted.used)
    }
}
