@testable import Compiler
import Foundation
import Testing

/// Each case of `PlanCases` applied to the base fixture, planned against it, and rendered three ways: the
/// results are the reviewed files under Tests/Fixtures/golden/plan. Regenerate them with
/// `WGC_UPDATE_GOLDEN=1 swift test --filter Golden` and read the diff like code.
@Suite("Golden plans")
struct PlanGoldenTests {
    static let golden = Repository.fixtures.appendingPathComponent("golden/plan")

    static func plan(_ name: String) throws -> Plan {
        let edits = try #require(PlanCases.all.first { $0.name == name }).edits
        let base = try PlanFixture.baseFiles()
        return PlanFixture.plan(base, PlanFixture.applying(edits, to: base))
    }

    @Test("the base fixture validates without a warning, so every case starts from a clean network")
    func baseIsClean() throws {
        let base = PlanFixture.compile("base", try PlanFixture.baseFiles())
        #expect(base.checked.diagnostics.isEmpty, "\(DiagnosticRenderer.render(base.checked.diagnostics, as: .text))")
        #expect(Set(base.checked.inventory.nodes.map(\.name)) == ["edge-1", "edge-2"])
    }

    @Test("a case's plan is exactly the reviewed text, Markdown and JSON", arguments: PlanCases.all.map(\.name))
    func matchesGolden(_ name: String) throws {
        let plan = try Self.plan(name)
        let outputs = [
            "txt": PlanRenderer.text(plan, diff: true),
            "md": PlanRenderer.markdown(plan),
            "json": PlanRenderer.json(plan),
        ]
        if ProcessInfo.processInfo.environment["WGC_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
            for (suffix, text) in outputs {
                try Data(text.utf8).write(to: Self.golden.appendingPathComponent("\(name).\(suffix)"))
            }
        }
        for (suffix, text) in outputs.sorted(by: { $0.key < $1.key }) {
            let file = Self.golden.appendingPathComponent("\(name).\(suffix)")
            let expected = try? String(contentsOf: file, encoding: .utf8)
            #expect(text == expected, "\(name).\(suffix) differs from its golden file")
        }
    }

    @Test("every file diff of every case is what diff -u prints", arguments: PlanCases.all.map(\.name))
    func diffsMatchGNUDiff(_ name: String) throws {
        let edits = try #require(PlanCases.all.first { $0.name == name }).edits
        let base = PlanFixture.compile("base", try PlanFixture.baseFiles())
        let head = PlanFixture.compile("head", PlanFixture.applying(edits, to: try PlanFixture.baseFiles()))
        let old = Dictionary(uniqueKeysWithValues: base.files.map { ($0.path, $0.contents) })
        let new = Dictionary(uniqueKeysWithValues: head.files.map { ($0.path, $0.contents) })
        let folder = try TemporaryFolder()
        for file in Planner.plan(base: base, head: head).nodes.flatMap(\.files) {
            let oldPath = try folder.write("a/" + file.path, old[file.path] ?? "")
            let newPath = try folder.write("b/" + file.path, new[file.path] ?? "")
            let labels = [old[file.path] == nil ? "/dev/null" : "a/" + file.path,
                          new[file.path] == nil ? "/dev/null" : "b/" + file.path]
            let gnu = try Programs.run(["diff", "-u", "--label", labels[0], "--label", labels[1], oldPath, newPath])
            #expect(file.diff == gnu.stdout, "\(file.path)")
        }
    }

    @Test("JSON decodes to the same plan: the model round-trips", arguments: PlanCases.all.map(\.name))
    func jsonRoundTrips(_ name: String) throws {
        let plan = try Self.plan(name)
        let decoded = try JSONDecoder().decode(Plan.self, from: Data(PlanRenderer.json(plan).utf8))
        #expect(decoded == plan)
    }
}
