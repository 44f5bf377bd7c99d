/// Renders a plan for a terminal, for a pull-request comment, or as JSON for programs
/// (`docs/plan-json.md` describes the JSON field by field).
public enum PlanRenderer {
    /// Terminal text: disruptions first, marked `!`; each node's changes; the unified diffs when `diff`;
    /// ANSI colors when `color`.
    public static func text(_ plan: Plan, diff: Bool, color: Bool = false) -> String {
        var renderer = PlanTextRenderer(plan: plan, showDiffs: diff, color: color)
        return renderer.render()
    }

    /// Markdown for a pull-request comment, diffs folded in `<details>`, under GitHub's 65,536-character limit.
    public static func markdown(_ plan: Plan) -> String {
        PlanMarkdownRenderer(plan: plan).render()
    }

    /// Stable JSON: sorted keys, pretty-printed, unescaped slashes, trailing newline.
    public static func json(_ plan: Plan) -> String {
        JSONText.encode(plan)
    }
}
