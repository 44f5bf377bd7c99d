/// What applying revision `head` would change relative to `base`, node by node, disruptions first. Built by
/// `Planner`, shown by `PlanRenderer`; its JSON (`docs/plan-json.md`) is stable and versioned by `formatVersion`.
public struct Plan: Sendable, Codable, Equatable {
    public static let currentFormatVersion = 1

    public var formatVersion = Plan.currentFormatVersion
    public var base: PlanRevision
    public var head: PlanRevision
    /// Base does not validate, so head is compared with an empty network: everything in it is added.
    public var comparedWithEmptyBase: Bool
    /// The node the plan is restricted to, if any.
    public var nodeFilter: String?
    /// Every node named by either revision (even one that does not validate), to check a node filter against.
    public var knownNodes: [String]
    /// Head's diagnostics, errors and warnings, in display order. When head has errors the plan lists no changes.
    public var diagnostics: [Diagnostic]
    /// Disruptive changes of every node in the plan, by node.
    public var disruptions: [Disruption]
    /// The nodes of either revision (or the filtered one), by name; unchanged ones too.
    public var nodes: [NodePlan]
    public var summary: PlanSummary

    public init(base: PlanRevision, head: PlanRevision, comparedWithEmptyBase: Bool, nodeFilter: String?,
                knownNodes: [String], diagnostics: [Diagnostic], disruptions: [Disruption], nodes: [NodePlan]) {
        self.base = base
        self.head = head
        self.comparedWithEmptyBase = comparedWithEmptyBase
        self.nodeFilter = nodeFilter
        self.knownNodes = knownNodes
        self.diagnostics = diagnostics
        self.disruptions = disruptions
        self.nodes = nodes
        summary = PlanSummary(head: head, nodes: nodes, disruptions: disruptions)
    }

    public var hasChanges: Bool { summary.hasChanges }
    public var hasDisruptions: Bool { summary.hasDisruptions }
    public var headIsValid: Bool { head.isValid }

    enum CodingKeys: String, CodingKey {
        case base, head, diagnostics, disruptions, nodes, summary
        case formatVersion = "format_version"
        case comparedWithEmptyBase = "compared_with_empty_base"
        case nodeFilter = "node_filter"
        case knownNodes = "known_nodes"
    }

    /// `node_filter` is `null` rather than absent when the plan covers every node.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encode(base, forKey: .base)
        try container.encode(head, forKey: .head)
        try container.encode(comparedWithEmptyBase, forKey: .comparedWithEmptyBase)
        try container.encode(nodeFilter, forKey: .nodeFilter)
        try container.encode(knownNodes, forKey: .knownNodes)
        try container.encode(diagnostics, forKey: .diagnostics)
        try container.encode(disruptions, forKey: .disruptions)
        try container.encode(nodes, forKey: .nodes)
        try container.encode(summary, forKey: .summary)
    }
}

/// One side of a plan as the user named it, and whether it validates.
public struct PlanRevision: Sendable, Codable, Equatable {
    /// What the user named: `main`, `HEAD~1`, a folder.
    public var revision: String
    /// The resolved commit, when the revision comes from git.
    public var commit: String?
    /// Whether it validates (with `--strict`, warnings count as errors).
    public var isValid: Bool
    public var errors: Int
    public var warnings: Int

    public init(revision: String, commit: String?, isValid: Bool, errors: Int, warnings: Int) {
        self.revision = revision
        self.commit = commit
        self.isValid = isValid
        self.errors = errors
        self.warnings = warnings
    }

    enum CodingKeys: String, CodingKey {
        case revision, commit, errors, warnings
        case isValid = "valid"
    }

    /// `commit` is `null` rather than absent outside git.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(revision, forKey: .revision)
        try container.encode(commit, forKey: .commit)
        try container.encode(isValid, forKey: .isValid)
        try container.encode(errors, forKey: .errors)
        try container.encode(warnings, forKey: .warnings)
    }
}

/// The plan in numbers: whether anything changes, whether anything disrupts, and the counts of every node.
public struct PlanSummary: Sendable, Codable, Equatable {
    public var hasChanges: Bool
    public var hasDisruptions: Bool
    public var headIsValid: Bool
    /// Nodes added, removed or changed.
    public var nodesChanged: Int
    /// Every node's counts added up.
    public var totals: NodeSummary

    public init(head: PlanRevision, nodes: [NodePlan], disruptions: [Disruption]) {
        nodesChanged = nodes.filter { $0.change != .unchanged }.count
        hasChanges = nodesChanged > 0
        hasDisruptions = !disruptions.isEmpty
        headIsValid = head.isValid
        totals = nodes.map(\.summary).reduce(NodeSummary(), +)
    }

    enum CodingKeys: String, CodingKey {
        case totals
        case hasChanges = "has_changes"
        case hasDisruptions = "has_disruptions"
        case headIsValid = "head_is_valid"
        case nodesChanged = "nodes_changed"
    }
}
