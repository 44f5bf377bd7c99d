import Foundation

/// `allocations.json`: each pool of a node with its allocations, LAN prefixes and honest usage
/// (counted in allocations of the pool's default length).
enum AllocationsEmitter {
    struct PoolReport: Encodable {
        var id: String
        var name: String
        var prefix: String
        var default_length: Int
        var max_prefix_length: Int
        var min_prefix_length: Int
        var auto_announce_bgp: Bool
        var capacity: UInt64
        var used: UInt64
        var usage_percent: Double
        var allocations: [AllocationReport]
        var lan_prefixes: [LANReport]
    }

    struct AllocationReport: Encodable {
        var id: String
        var prefix: String
        var client: String
        var auto_announce: Bool
    }

    struct Document: Encodable {
        var node: String
        var pools: [PoolReport]
    }

    struct LANReport: Encodable {
        var interface: String
        var prefix: String
    }

    static func render(node: Node, inventory: Inventory) -> String {
        let pools = inventory.pools.filter { $0.node == node.name }.sorted { $0.name < $1.name }
        let reports = pools.map { pool -> PoolReport in
            let occupancy = PoolOccupancy(pool: pool, node: node, inventory: inventory)
            return PoolReport(
                id: pool.id, name: pool.name, prefix: pool.prefix.description, default_length: pool.maxPrefixLength,
                max_prefix_length: pool.maxPrefixLength, min_prefix_length: pool.minPrefixLength,
                auto_announce_bgp: pool.autoAnnounceBGP, capacity: occupancy.usage.capacity,
                used: occupancy.usage.used, usage_percent: occupancy.usage.percent,
                allocations: occupancy.allocations.map {
                    AllocationReport(id: $0.id, prefix: $0.prefix.description, client: $0.client,
                                     auto_announce: $0.autoAnnounce)
                },
                lan_prefixes: occupancy.lans.map { LANReport(interface: $0.name, prefix: $0.prefix!.description) })
        }
        return JSONText.encode(Document(node: node.name, pools: reports))
    }
}

/// Deterministic JSON: sorted keys, two-space pretty printing, trailing newline.
enum JSONText {
    static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

}
