@testable import Compiler
import Foundation
import Testing

@Suite("Rendering plans")
struct PlanRendererTests {
    @Test("Markdown stays under GitHub's comment limit; cut diffs say how to see them whole")
    func markdownLimit() throws {
        let plan = PlanFixture.plan(try PlanFixture.baseFiles(), try PlanFixture.withClients(1500))
        #expect(plan.headIsValid, "\(DiagnosticRenderer.render(plan.diagnostics, as: .text))")
        let diffs = plan.nodes.flatMap(\.files).map(\.diff.utf8.count).reduce(0, +)
        #expect(diffs > 200_000, "the diffs alone are far over the limit")
        let markdown = PlanRenderer.markdown(plan)
        #expect(markdown.utf8.count < 65_536)
        #expect(markdown.contains("`wgc plan --diff`"))
        #expect(markdown.contains("… and 1400 more: run `wgc plan` to see them all."),
                "1,500 peers are not all listed")
        #expect(markdown.components(separatedBy: "<details>").count == 2, "one node section, still there")
        #expect(markdown.contains("+++ b/edge-1/wireguard/wg0.conf"), "changed files' diffs come before added files'")
    }

    @Test("the diff budget keeps small diffs whole and shares the rest equally")
    func diffShares() {
        #expect(PlanMarkdownRenderer.shares([100, 5000, 200, 9000], budget: 3000) == [100, 1350, 200, 1350])
        #expect(PlanMarkdownRenderer.shares([10, 20], budget: 3000) == [10, 20])
        #expect(PlanMarkdownRenderer.shares([10, 20], budget: -5) == [0, 0])
    }

    @Test("Markdown escapes what would break it: | in table cells, backticks in code")
    func markdownEscaping() {
        var node = NodePlan(name: "a|b", change: .changed)
        node.fields = [FieldChange(field: "description", before: "uses `wg`", after: "plain")]
        let revision = PlanRevision(revision: "main", commit: nil, isValid: true, errors: 0, warnings: 0)
        let plan = Plan(base: revision, head: revision, comparedWithEmptyBase: false, nodeFilter: nil,
                        knownNodes: ["a|b"], diagnostics: [], disruptions: [], nodes: [node])
        let markdown = PlanRenderer.markdown(plan)
        #expect(markdown.contains("| a\\|b |"))
        #expect(markdown.contains("``uses `wg` ``") || markdown.contains("`` uses `wg` ``"))
    }

    @Test("text shows diffs only when asked, and colors only when asked")
    func textOptions() throws {
        let head = try PlannerTests.edit(try PlanFixture.baseFiles(), "bgp/sessions/peer-1.yaml", "hold_time: 180",
                                         "hold_time: 240")
        let plan = PlanFixture.plan(try PlanFixture.baseFiles(), head)
        let plain = PlanRenderer.text(plan, diff: false)
        #expect(!plain.contains("@@") && plain.contains("~ edge-1/bird.conf"))
        #expect(!plain.contains("\u{1B}["))
        let colored = PlanRenderer.text(plan, diff: true, color: true)
        #expect(colored.contains("\u{1B}[32m+    hold time 240;\u{1B}[0m"))
    }
}
