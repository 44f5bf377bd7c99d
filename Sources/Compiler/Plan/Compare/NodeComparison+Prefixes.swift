/// Address space: the node's pools and their usage, the allocations in them, and its LAN interfaces.
extension NodeComparison {
    mutating func comparePrefixes() {
        let pools = sides(\.pools)
        let (old, new) = (before, after)
        plan.pools = ObjectDifference.compare(pools.before, pools.after, key: \.name, fields: Self.fields)
            .compactMap { difference in
                let usageBefore = difference.before.map { old!.usage(of: $0) }
                let usageAfter = difference.after.map { new!.usage(of: $0) }
                let usageChanged = usageBefore != usageAfter
                guard difference.change != .unchanged || usageChanged else { return nil }
                let pool = (difference.after ?? difference.before)!
                return PoolChange(name: difference.key, prefix: pool.prefix.description,
                                  defaultLength: pool.maxPrefixLength,
                                  change: difference.change == .unchanged ? .changed : difference.change,
                                  fields: difference.fields, usageBefore: usageBefore, usageAfter: usageAfter)
            }
        plan.allocations = compareAllocations()
        let lans = sides(\.node.lanInterfaces)
        plan.lanInterfaces = ObjectDifference.compare(lans.before, lans.after, key: \.name, fields: Self.fields)
            .filter { $0.change != .unchanged }
            .map { LANChange(interface: $0.key, change: $0.change, fields: $0.fields) }
    }

    /// Allocations by prefix; a client that loses one prefix of a pool and gains another has it moved.
    private func compareAllocations() -> [AllocationChange] {
        let allocations = sides(\.allocations)
        let differences = ObjectDifference.compare(allocations.before, allocations.after, key: \.prefix.description,
                                                   fields: Self.fields)
        var released = differences.compactMap { $0.after == nil ? $0.before : nil }
        var result: [(IPPrefix, AllocationChange)] = []
        func add(_ allocation: Allocation, _ change: AllocationChange.Kind, _ fields: [FieldChange]) {
            result.append((allocation.prefix, AllocationChange(
                prefix: allocation.prefix.description, client: allocation.client, pool: allocation.pool,
                change: change, fields: fields)))
        }
        for allocation in differences.compactMap({ $0.before == nil ? $0.after : nil }) {
            let same = released.firstIndex { $0.client == allocation.client && $0.pool == allocation.pool }
            guard let same else {
                add(allocation, .added, FieldList.changes(nil, Self.fields(allocation)))
                continue
            }
            let previous = released.remove(at: same)
            add(allocation, .moved, FieldList.changes(Self.fields(previous), Self.fields(allocation)))
        }
        for allocation in released { add(allocation, .released, FieldList.changes(Self.fields(allocation), nil)) }
        for difference in differences where difference.change == .changed {
            add(difference.after!, .changed, difference.fields)
        }
        return result.sorted { $0.0 < $1.0 }.map(\.1)
    }

    static func fields(_ pool: PrefixPool) -> FieldList {
        var list = FieldList()
        list.add("prefix", pool.prefix)
        list.add("max_prefix_length", pool.maxPrefixLength)
        list.add("min_prefix_length", pool.minPrefixLength)
        list.add("auto_announce_bgp", pool.autoAnnounceBGP, usual: false)
        list.add("description", pool.description)
        return list
    }

    static func fields(_ allocation: Allocation) -> FieldList {
        var list = FieldList()
        list.add("prefix", allocation.prefix)
        list.add("client", allocation.client)
        list.add("pool", allocation.pool)
        list.add("auto_announce", allocation.autoAnnounce, usual: false)
        return list
    }

    static func fields(_ lan: LANInterface) -> FieldList {
        var list = FieldList()
        list.add("pool", lan.pool)
        list.add("prefix", lan.prefix)
        list.add("rdnss", addresses: lan.rdnss)
        return list
    }
}
