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
        text(of: report(node: node, inventory: inventory))
    }

    static func report(node: Node, inventory: Inventory) -> Document {
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
        return Document(node: node.name, pools: reports)
    }

    /// The document as JSONEncoder writes it with sorted keys, pretty printed and without escaping slashes (the
    /// reports are Encodable so that tests hold this to it), plus a final line break; keys in sorted order here.
    static func text(of document: Document) -> String {
        let allocations = document.pools.reduce(0) { $0 + $1.allocations.count }
        return PrettyJSON.document(capacity: 512 + allocations * 160) { json in
            json.field("node", document.node)
            json.field("pools", array: document.pools) { json, pool in
                json.object { json in
                    json.field("allocations", array: pool.allocations) { json, allocation in
                        json.object { json in
                            json.field("auto_announce", allocation.auto_announce)
                            json.field("client", allocation.client)
                            json.field("id", allocation.id)
                            json.field("prefix", allocation.prefix)
                        }
                    }
                    json.field("auto_announce_bgp", pool.auto_announce_bgp)
                    json.field("capacity", pool.capacity)
                    json.field("default_length", pool.default_length)
                    json.field("id", pool.id)
                    json.field("lan_prefixes", array: pool.lan_prefixes) { json, lan in
                        json.object { json in
                            json.field("interface", lan.interface)
                            json.field("prefix", lan.prefix)
                        }
                    }
                    json.field("max_prefix_length", pool.max_prefix_length)
                    json.field("min_prefix_length", pool.min_prefix_length)
                    json.field("name", pool.name)
                    json.field("prefix", pool.prefix)
                    json.field("usage_percent", pool.usage_percent)
                    json.field("used", pool.used)
                }
            }
        }
    }
}
