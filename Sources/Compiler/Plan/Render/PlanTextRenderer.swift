/// A plan for the terminal: validity, disruptions first (each line marked `!`), then each node's changes, the
/// unified diffs when asked for, and a closing line.
struct PlanTextRenderer {
    let plan: Plan
    let showDiffs: Bool
    let palette: Palette
    private var out = ""

    init(plan: Plan, showDiffs: Bool, color: Bool) {
        self.plan = plan
        self.showDiffs = showDiffs
        palette = color ? .ansi : .none
    }

    /// ANSI colors, or none.
    struct Palette {
        var bold = "", red = "", green = "", yellow = "", cyan = "", reset = ""

        static let none = Palette()
        static let ansi = Palette(bold: "\u{1B}[1m", red: "\u{1B}[31m", green: "\u{1B}[32m", yellow: "\u{1B}[33m",
                                  cyan: "\u{1B}[36m", reset: "\u{1B}[0m")

        func marker(_ marker: String) -> String {
            switch marker {
            case "+": green + marker + reset
            case "-": red + marker + reset
            case "~": yellow + marker + reset
            default: marker
            }
        }
    }

    mutating func render() -> String {
        let paint = palette
        let (base, head) = (PlanWording.revision(plan.base), PlanWording.revision(plan.head))
        line("\(paint.bold)wgc plan: \(base) → \(head)\(paint.reset)")
        line("")
        guard plan.head.isValid else {
            let strict = plan.head.errors == 0 ? ", warnings count as errors" : ""
            line("\(paint.red)\(head) does not validate (\(PlanWording.problems(plan.head))\(strict)): nothing can be "
                    + "applied until it does.\(paint.reset)")
            line("")
            out += DiagnosticRenderer.render(plan.diagnostics, as: .text)
            line("")
            line(PlanWording.conclusion(plan))
            return out
        }
        if plan.comparedWithEmptyBase {
            line("\(paint.red)! \(base) does not validate (\(PlanWording.problems(plan.base))): compared with an "
                    + "empty network, everything in \(head) is shown as added.\(paint.reset)")
            line("")
        }
        renderDisruptions()
        for node in plan.nodes { renderNode(node) }
        if !plan.diagnostics.isEmpty {
            line("\(head) validates with warnings:")
            out += DiagnosticRenderer.render(plan.diagnostics, as: .text)
            line("")
        }
        line(PlanWording.conclusion(plan))
        return out
    }

    private mutating func renderDisruptions() {
        guard plan.hasDisruptions else { return }
        let paint = palette
        line("\(paint.red)\(paint.bold)! \(PlanWording.counted(plan.disruptions.count, "disruption"))\(paint.reset)")
        for disruption in plan.disruptions {
            line("\(paint.red)! \(disruption.node): \(disruption.object.displayName) [\(disruption.code.rawValue)]"
                    + paint.reset)
            line("\(paint.red)!     \(disruption.message)\(paint.reset)")
        }
        line("")
    }

    private mutating func renderNode(_ node: NodePlan) {
        let paint = palette
        let title = "\(paint.bold)\(PlanWording.nodeTitle(node))\(paint.reset)"
        guard node.change != .unchanged else {
            line("\(title): no changes")
            line("")
            return
        }
        line("\(title): \(PlanWording.headline(node))")
        for section in NodeOutline(node, style: .plain).sections {
            line("  \(section.title)")
            for item in section.items {
                line("    \(paint.marker(item.marker)) \(item.title)")
                for detail in item.details {
                    line("        \(detail.text)")
                    for sub in detail.lines { line("          \(paint.marker(String(sub.marker))) \(sub.text)") }
                }
            }
        }
        line("")
        guard showDiffs else { return }
        for file in node.files where !file.diff.isEmpty {
            renderDiff(file.diff)
            line("")
        }
    }

    private mutating func renderDiff(_ diff: String) {
        let paint = palette
        guard !paint.reset.isEmpty else {
            out += diff
            return
        }
        for (index, text) in diff.split(separator: "\n", omittingEmptySubsequences: false).dropLast().enumerated() {
            switch text.first {
            case _ where index < 2: line(paint.bold + text + paint.reset)
            case "@": line(paint.cyan + text + paint.reset)
            case "+": line(paint.green + text + paint.reset)
            case "-": line(paint.red + text + paint.reset)
            default: line(String(text))
            }
        }
    }

    private mutating func line(_ text: String) {
        out += text
        out += "\n"
    }
}
