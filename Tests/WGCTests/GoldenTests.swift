import Compiler
import Foundation
import Testing

/// Inventory in, expected files out. The expected files under Tests/Fixtures/golden are reviewed like code;
/// regenerate them with `WGC_UPDATE_GOLDEN=1 swift test --filter Golden` and read the diff.
@Suite("Golden files")
struct GoldenTests {
    static let cases: [(name: String, inventory: String)] = [
        ("example", "examples/inventory"),
        ("e2e", "Tests/Fixtures/e2e/inventory"),
        ("multi-node", "Tests/Fixtures/multi-node/inventory"),
    ]

    @Test("compiling an inventory gives exactly the reviewed files", arguments: cases.map(\.name))
    func compiledFilesMatchGolden(_ name: String) throws {
        let inventory = try #require(Self.cases.first { $0.name == name }).inventory
        let checked = try InventoryCompiler.check(FolderSource(path: Repository.root.appendingPathComponent(inventory).path))
        #expect(!checked.hasErrors, "\(DiagnosticRenderer.render(checked.diagnostics, as: .text))")
        let files = InventoryCompiler.emit(checked.inventory)
        let golden = Repository.fixtures.appendingPathComponent("golden/\(name)")
        if ProcessInfo.processInfo.environment["WGC_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: golden)
            for file in files {
                let url = golden.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
            }
        }
        let expectedPaths = try Self.files(under: golden)
        #expect(files.map(\.path).sorted() == expectedPaths, "the set of generated files changed")
        for file in files {
            let expected = try? String(contentsOf: golden.appendingPathComponent(file.path), encoding: .utf8)
            #expect(file.contents == expected, "\(file.path) differs from its golden file")
        }
    }

    static func files(under root: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var result: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory),
               !isDirectory.boolValue {
                result.append(path)
            }
        }
        return result.sorted()
    }
}
