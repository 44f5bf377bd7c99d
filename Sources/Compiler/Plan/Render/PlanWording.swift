/// The sentences and lines the text and Markdown renderings of a plan share, so they say the same thing.
enum PlanWording {
    /// `main (1a2b3c4d5e6f)`, or just the revision when it has no commit.
    static func revision(_ revision: PlanRevision) -> String {
        guard let commit = revision.commit else { return revision.revision }
        return "\(revision.revision) (\(commit.prefix(12)))"
    }

    /// `1 peer`, `2 peers`.
    static func counted(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// `1 error, 2 warnings`, as DiagnosticRenderer counts them.
    static func problems(_ revision: PlanRevision) -> String {
        "\(counted(revision.errors, "error")), \(counted(revision.warnings, "warning"))"
    }

    static func value(_ value: String?) -> String { value ?? "(none)" }

    /// What happens to a node, in a few words: `1 peer changed, 1 file changed`, or `no changes`.
    static func headline(_ node: NodePlan) -> String {
        var parts: [String] = []
        func add(_ noun: String, _ changes: [ChangeKind]) {
            for kind in [ChangeKind.added, .removed, .changed] {
                let number = changes.filter { $0 == kind }.count
                if number > 0 { parts.append("\(counted(number, noun)) \(kind.rawValue)") }
            }
        }
        if !node.fields.isEmpty, node.change == .changed { parts.append("node settings changed") }
        add("interface", node.interfaces.map(\.change))
        add("peer", node.peers.map(\.change))
        add("session", node.sessions.map(\.change))
        add("announcement", node.announcements.map(\.change))
        add("pool", node.pools.filter { !$0.fields.isEmpty }.map(\.change))
        for kind in [AllocationChange.Kind.added, .released, .moved, .changed] {
            let number = node.allocations.filter { $0.change == kind }.count
            if number > 0 { parts.append("\(counted(number, "allocation")) \(kind.rawValue)") }
        }
        add("LAN interface", node.lanInterfaces.map(\.change))
        add("file", node.files.map(\.change))
        if parts.isEmpty { return "no changes" }
        return parts.joined(separator: ", ")
    }

    /// `edge-1 (new node)`, `edge-2 (removed)`, `edge-3`.
    static func nodeTitle(_ node: NodePlan) -> String {
        switch node.change {
        case .added: "\(node.name) (new node)"
        case .removed: "\(node.name) (removed)"
        case .changed, .unchanged: node.name
        }
    }

    /// `hold_time: 90 → 60` for a change, `hold_time: 90` for an object listed whole.
    static func field(_ field: FieldChange, change: ChangeKind, code: (String) -> String = { $0 }) -> String {
        switch change {
        case .added: "\(field.field): \(code(value(field.after)))"
        case .removed: "\(field.field): \(code(value(field.before)))"
        case .changed, .unchanged: "\(field.field): \(code(value(field.before))) → \(code(value(field.after)))"
        }
    }

    /// The union of a session's exports before and after, in prefix order, each marked `+` (new), `-` (withdrawn)
    /// or ` ` (kept).
    static func exportLines(_ exports: SessionChange.Exports) -> [(marker: Character, prefix: String)] {
        let before = Set(exports.before)
        let after = Set(exports.after)
        return before.union(after).sorted(by: prefixOrder).map { prefix in
            (after.contains(prefix) ? (before.contains(prefix) ? " " : "+") : "-", prefix)
        }
    }

    /// Prefixes in address order, as the plan lists them.
    static func prefixOrder(_ lhs: String, _ rhs: String) -> Bool {
        guard case .success(let left) = IPPrefix.parse(lhs), case .success(let right) = IPPrefix.parse(rhs) else {
            return lhs < rhs
        }
        return left < right
    }

    /// `used: 3 → 2 of 256 /56 blocks (1.17% → 0.78%)`.
    static func usage(_ pool: PoolChange) -> String? {
        let blocks = "/\(pool.defaultLength) blocks"
        switch (pool.usageBefore, pool.usageAfter) {
        case (let before?, let after?) where before != after:
            let capacity = before.capacity == after.capacity
                ? "\(after.capacity)" : "\(before.capacity) → \(after.capacity)"
            return "used: \(before.used) → \(after.used) of \(capacity) \(blocks) "
                + "(\(percent(before)) → \(percent(after)))"
        case (nil, let usage?), (let usage?, nil):
            return "used: \(usage.used) of \(usage.capacity) \(blocks) (\(percent(usage)))"
        default:
            return nil
        }
    }

    static func percent(_ usage: PoolUsage) -> String {
        let text = String(usage.percent)
        return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + "%"
    }

    /// An allocation in one line: `+ 2001:db8::/56 to bob (pool pool-1)`, `- … from carol (pool pool-1): released`.
    static func allocation(_ allocation: AllocationChange, code: (String) -> String = { $0 }) -> String {
        let pool = "(pool \(code(allocation.pool)))"
        switch allocation.change {
        case .added:
            let announced = allocation.fields.contains { $0.field == "auto_announce" && $0.after == "true" }
            return "\(code(allocation.prefix)) to \(code(allocation.client)) \(pool)"
                + (announced ? ", announced in BGP" : "")
        case .released:
            return "\(code(allocation.prefix)) from \(code(allocation.client)) \(pool): released"
        case .moved:
            let previous = allocation.fields.first { $0.field == "prefix" }?.before ?? ""
            return "\(code(allocation.prefix)) for \(code(allocation.client)) \(pool): moved from \(code(previous))"
        case .changed:
            return "\(code(allocation.prefix)) \(pool)"
        }
    }

    /// The totals line that ends a plan.
    static func conclusion(_ plan: Plan) -> String {
        guard plan.head.isValid else { return "Plan: head does not validate; nothing to apply." }
        guard plan.hasChanges else { return "Plan: no changes." }
        let disruptions = plan.hasDisruptions ? counted(plan.disruptions.count, "disruption") : "no disruptions"
        return "Plan: changes on \(plan.summary.nodesChanged) of \(counted(plan.nodes.count, "node")), \(disruptions)."
    }

    /// The marker of a change in lists: `+`, `-`, `~`.
    static func marker(_ change: ChangeKind) -> String {
        switch change {
        case .added: "+"
        case .removed: "-"
        case .changed, .unchanged: "~"
        }
    }

    static func marker(_ change: AllocationChange.Kind) -> String {
        switch change {
        case .added: "+"
        case .released: "-"
        case .moved, .changed: "~"
        }
    }
}
