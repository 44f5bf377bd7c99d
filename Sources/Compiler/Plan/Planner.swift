/// Compares two compiled revisions of an inventory, node by node: the pure core of `wgc plan`, also what the
/// agent and the API use to say what a revision would change. No git, no clock, no I/O.
public enum Planner {
    /// What applying `head` changes relative to `base`, restricted to `node` when given. A `node` that neither
    /// revision names gives a plan without nodes; check it against `Plan.knownNodes`.
    public static func plan(base: CompiledRevision, head: CompiledRevision, node: String? = nil) -> Plan {
        let known = Set(base.checked.inventory.nodes.map(\.name) + head.checked.inventory.nodes.map(\.name)).sorted()
        var nodes: [NodePlan] = []
        var disruptions: [Disruption] = []
        if head.isValid {
            // Both sides are indexed, and then the nodes compared, in parallel; results merge in name order.
            let sides = [base.isValid ? base : nil, head].parallelMap { PlanSide($0) }
            let (before, after) = (sides[0], sides[1])
            let names = Set(before.nodes.keys).union(after.nodes.keys).filter { node == nil || $0 == node }.sorted()
            let compared = names.parallelMap { name in
                let comparison = NodeComparison(before: before.state(of: name), after: after.state(of: name))
                return (comparison.plan, comparison.disruptions)
            }
            for (plan, nodeDisruptions) in compared {
                nodes.append(plan)
                disruptions += nodeDisruptions
            }
        }
        return Plan(base: base.planRevision, head: head.planRevision,
                    comparedWithEmptyBase: !base.isValid && head.isValid, nodeFilter: node, knownNodes: known,
                    diagnostics: head.checked.diagnostics.sortedForDisplay(), disruptions: disruptions,
                    nodes: nodes)
    }
}
