/// Compares one node across the two revisions: builds its `NodePlan` and finds what in it is disruptive.
struct NodeComparison {
    let before: NodeState?
    let after: NodeState?
    var plan: NodePlan
    var disruptions: [Disruption] = []

    /// At least one side has the node.
    init(before: NodeState?, after: NodeState?) {
        self.before = before
        self.after = after
        let name = (after ?? before)!.node.name
        plan = NodePlan(name: name, change: before == nil ? .added : after == nil ? .removed : .unchanged)
        plan.fields = FieldList.changes(before.map { Self.fields($0.node) }, after.map { Self.fields($0.node) })
        compareWireGuard()
        compareBGP()
        comparePrefixes()
        compareFiles()
        if plan.change == .unchanged, plan.hasListedChanges { plan.change = .changed }
        disruptions = findDisruptions()
        plan.summary = summary()
    }

    static func fields(_ node: Node) -> FieldList {
        var list = FieldList()
        list.add("router_id", node.routerID)
        list.add("asn", Int(node.asn))
        list.add("endpoint", node.endpoint)
        let servers = node.rtrServers.map { "\($0.host):\($0.port)" }
        list.add("rtr_servers", servers.isEmpty ? nil : servers.joined(separator: ", "))
        list.add("description", node.description)
        return list
    }

    private func summary() -> NodeSummary {
        var summary = NodeSummary()
        for peer in plan.peers { summary.peers.count(peer.change) }
        for session in plan.sessions { summary.sessions.count(session.change) }
        for allocation in plan.allocations {
            switch allocation.change {
            case .added: summary.allocations.added += 1
            case .released: summary.allocations.removed += 1
            case .moved, .changed: summary.allocations.changed += 1
            }
        }
        for file in plan.files { summary.files.count(file.change) }
        summary.disruptions = disruptions.count
        return summary
    }

    /// The items of both sides, or of the side that has the node.
    func sides<Item>(_ items: (NodeState) -> [Item]) -> (before: [Item], after: [Item]) {
        (before.map(items) ?? [], after.map(items) ?? [])
    }
}
