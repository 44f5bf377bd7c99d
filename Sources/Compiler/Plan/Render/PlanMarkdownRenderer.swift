/// A plan as a pull-request comment: heading, validity, a summary table, disruptions, then one folded
/// `<details>` section per changed node with its changes and diffs. Kept under GitHub's 65,536-character limit:
/// long lists are cut, and when the diffs would pass `characterBudget` each is cut to a fair share of it.
struct PlanMarkdownRenderer {
    /// GitHub's limit on a comment's length.
    static let characterLimit = 65_536
    /// Characters the comment should take, leaving room below the limit.
    static let characterBudget = 60_000
    /// Items listed per section, and disruptions listed, before the rest is summed up in a line.
    static let itemLimit = 100
    /// A diff given fewer characters than this is left out rather than cut to a few lines.
    static let smallestDiffShare = 1000

    let plan: Plan

    func render() -> String {
        let (base, head) = (escape(PlanWording.revision(plan.base)), escape(PlanWording.revision(plan.head)))
        var top = "### wgc plan: \(code(PlanWording.revision(plan.base))) → \(code(PlanWording.revision(plan.head)))"
            + "\n\n"
        guard plan.head.isValid else {
            let strict = plan.head.errors == 0 ? ", warnings count as errors" : ""
            let diagnostics = DiagnosticRenderer.render(plan.diagnostics, as: .text)
            return top + "❌ **\(head) does not validate** (\(PlanWording.problems(plan.head))\(strict)): "
                + "nothing can be applied until it does.\n\n" + fenced(diagnostics, language: "text")
        }
        let warnings = plan.head.warnings > 0 ? " with \(PlanWording.counted(plan.head.warnings, "warning"))" : ""
        top += "✅ **\(head) validates**\(warnings). **\(PlanWording.conclusion(plan))**\n\n"
        if plan.comparedWithEmptyBase {
            top += "⚠️ **\(base) does not validate** (\(PlanWording.problems(plan.base))): compared with an empty "
                + "network, everything in \(head) is shown as added.\n\n"
        }
        top += table() + disruptions()
        var tail = ""
        if !plan.diagnostics.isEmpty {
            tail += "<details><summary>Warnings (\(plan.diagnostics.count))</summary>\n\n"
                + fenced(DiagnosticRenderer.render(plan.diagnostics, as: .text), language: "text") + "\n</details>\n"
        }
        var sections = nodeSections(room: Self.characterBudget - (top + tail).utf8.count)
        // Only a plan of very many nodes gets here: their sections go, the table still names every node.
        var left = 0
        while !sections.isEmpty, (top + sections.joined() + tail).utf8.count > Self.characterLimit - 200 {
            sections.removeLast()
            left += 1
        }
        if left > 0 {
            tail += "_\(PlanWording.counted(left, "more node")) left out to keep this comment under GitHub's size "
                + "limit: run `wgc plan` to see them._\n"
        }
        return top + sections.joined() + tail
    }

    /// One folded section per changed node; the diffs share the `room` its list of changes leaves.
    private func nodeSections(room: Int) -> [String] {
        let changed = plan.nodes.filter { $0.change != .unchanged }
        let outlines = changed.map(outline)
        let diffs = changed.map { $0.files.filter { !$0.diff.isEmpty } }
        // Each diff shown costs a fence and maybe a note; each node its <details> and a line for diffs left out.
        let available = room - outlines.joined().utf8.count - changed.count * 300
        // Changed files first: an added or removed file is mostly said by the objects listed above it.
        let all = Array(diffs.joined())
        let shown = min(all.count, max(0, available / (Self.smallestDiffShare + 200)))
        func rank(_ index: Int) -> (Int, Int) { (all[index].change == .changed ? 0 : 1, index) }
        let chosen = all.indices.sorted { rank($0) < rank($1) }.prefix(shown)
        let chosenShares = Self.shares(chosen.map { all[$0].diff.utf8.count }, budget: available - shown * 200)
        let shares = Dictionary(uniqueKeysWithValues: zip(chosen, chosenShares))
        var sections: [String] = []
        var next = 0
        for (index, node) in changed.enumerated() {
            var section = "<details><summary><b>\(html(PlanWording.nodeTitle(node)))</b>: "
                + "\(html(PlanWording.headline(node)))</summary>\n\n" + outlines[index]
            var leftOut = 0
            for file in diffs[index] {
                if let share = shares[next] { section += diff(file, share: share) } else { leftOut += 1 }
                next += 1
            }
            if leftOut > 0 {
                section += "_The diffs of \(PlanWording.counted(leftOut, "more file")) are left out to keep this "
                    + "comment under GitHub's size limit: see them with `wgc plan --diff`._\n\n"
            }
            sections.append(section + "</details>\n\n")
        }
        return sections
    }

    // MARK: Parts

    private func table() -> String {
        func cell(_ counts: ChangeCounts) -> String {
            let parts = [("+", counts.added), ("−", counts.removed), ("~", counts.changed)]
                .filter { $0.1 > 0 }.map { "\($0.0)\($0.1)" }
            return parts.isEmpty ? "—" : parts.joined(separator: " ")
        }
        var out = "| node | peers | sessions | allocations | files | disruptions |\n|---|---|---|---|---|---|\n"
        for node in plan.nodes {
            let summary = node.summary
            let name = node.change == .unchanged ? "\(node.name) (no changes)" : PlanWording.nodeTitle(node)
            out += "| \(escapeCell(name)) | \(cell(summary.peers)) | \(cell(summary.sessions)) | "
                + "\(cell(summary.allocations)) | \(cell(summary.files)) | "
                + "\(summary.disruptions == 0 ? "—" : "⚠️ \(summary.disruptions)") |\n"
        }
        return out + "\n"
    }

    private func disruptions() -> String {
        guard plan.hasDisruptions else { return "" }
        var out = "#### ⚠️ \(PlanWording.counted(plan.disruptions.count, "disruption"))\n\n"
        for disruption in plan.disruptions.prefix(Self.itemLimit) {
            out += "- **\(escape(disruption.node))** · \(disruption.object.kind.displayName) "
                + "\(code(disruption.object.name)) · \(code(disruption.code.rawValue)): "
                + "\(escape(disruption.message))\n"
        }
        if plan.disruptions.count > Self.itemLimit {
            out += "- … and \(plan.disruptions.count - Self.itemLimit) more: run `wgc plan` to see them all.\n"
        }
        return out + "\n"
    }

    private func outline(_ node: NodePlan) -> String {
        let style = NodeOutline.Style(code: code, name: { "**\(escape($0))**" })
        var out = ""
        for section in NodeOutline(node, style: style).sections {
            out += "**\(section.title)**\n\n"
            for item in section.items.prefix(Self.itemLimit) {
                out += "- `\(item.marker)` \(item.title)\n"
                for detail in item.details {
                    out += "  - \(detail.text)\n"
                    guard !detail.lines.isEmpty else { continue }
                    // A diff block, indented into the list item, so GitHub colours what comes and goes.
                    let block = detail.lines.map { "\($0.marker) \($0.text)\n" }.joined()
                    for line in fenced(block, language: "diff").split(separator: "\n") { out += "    \(line)\n" }
                }
            }
            if section.items.count > Self.itemLimit {
                out += "- … and \(section.items.count - Self.itemLimit) more: run `wgc plan` to see them all.\n"
            }
            out += "\n"
        }
        return out
    }

    /// The file's diff in a fence, cut to `share` characters (at a line end) with a note on how to see the rest.
    private func diff(_ file: FileChange, share: Int) -> String {
        let size = file.diff.utf8.count
        if size <= share { return fenced(file.diff, language: "diff") + "\n" }
        let lines = file.diff.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard share >= Self.smallestDiffShare else {
            return "_The diff of \(code(file.path)) (\(PlanWording.counted(lines.count, "line"))) is left out to keep "
                + "this comment under GitHub's size limit: see it with `wgc plan --diff`._\n\n"
        }
        var kept = 0
        var used = 0
        for line in lines {
            guard used + line.utf8.count + 1 <= share else { break }
            used += line.utf8.count + 1
            kept += 1
        }
        let text = lines.prefix(kept).joined(separator: "\n") + "\n"
        return fenced(text, language: "diff") + "_… \(PlanWording.counted(lines.count - kept, "more line")) of "
            + "\(code(file.path)) not shown here: see the whole diff with `wgc plan --diff`._\n\n"
    }

    /// Splits `budget` characters among diffs of these sizes: small ones whole, the large ones an equal share of
    /// what is left.
    static func shares(_ sizes: [Int], budget: Int) -> [Int] {
        var shares = [Int](repeating: 0, count: sizes.count)
        var left = max(budget, 0)
        var remaining = sizes.count
        for index in sizes.indices.sorted(by: { sizes[$0] < sizes[$1] }) {
            let share = min(sizes[index], left / remaining)
            shares[index] = share
            left -= share
            remaining -= 1
        }
        return shares
    }

    // MARK: Escaping

    /// Text in a fence longer than any run of backticks inside it.
    private func fenced(_ text: String, language: String) -> String {
        let fence = String(repeating: "`", count: max(3, Self.longestBacktickRun(text) + 1))
        return "\(fence)\(language)\n\(text)\(text.hasSuffix("\n") ? "" : "\n")\(fence)\n"
    }

    /// A code span that holds any text: delimited by more backticks than it contains in a row.
    private func code(_ text: String) -> String {
        let run = Self.longestBacktickRun(text)
        guard run > 0 else { return "`\(text)`" }
        let fence = String(repeating: "`", count: run + 1)
        return "\(fence) \(text) \(fence)"
    }

    static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0
        var current = 0
        for character in text.utf8 {
            current = character == UInt8(ascii: "`") ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    /// Markdown's punctuation escaped, for names and messages in running text.
    private func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>|".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    private func escapeCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }

    private func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
