@testable import Compiler
import Foundation
import Testing
import YAML

/// What the diagnostic table cannot show: files too large to build in memory, the limits' exact boundaries,
/// and that refusing a file never stops the others from being checked.
@Suite("Inventory limits")
struct LimitsTests {
    /// A file of `size` bytes that takes no space on disk.
    static func sparseFile(_ folder: TemporaryFolder, _ relative: String, size: Int) throws -> String {
        let path = try folder.write(relative, "")
        #expect(truncate(path, off_t(size)) == 0)
        return path
    }

    static func parse(_ text: String) -> YAMLError? {
        do {
            _ = try YAMLParser.parse(text, limits: InventoryLimits.yaml)
            return nil
        } catch {
            return error
        }
    }

    @Test("a file past 64 MiB is reported at 1:1 without being read, and the other files are still checked")
    func oversizedFileIsNotRead() throws {
        let folder = try TemporaryFolder()
        var files = TestInventory.files
        files["server.yaml"] = files["server.yaml"]!.replacingFirst("mtu: 1420", with: "mtu: big")
        for (name, text) in files { _ = try folder.write(name, text) }
        _ = try Self.sparseFile(folder, "zz/huge.yaml", size: InventoryLimits.maxFileBytes + 1)
        _ = try Self.sparseFile(folder, "rpki/huge.json", size: 300 << 20)

        let checked = try InventoryCompiler.check(FolderSource(path: folder.path))
        let found = checked.diagnostics.map {
            "\($0.code.rawValue) \($0.location.file):\($0.location.line):\($0.location.column)"
        }
        #expect(found == ["file-too-large rpki/huge.json:1:1", "wrong-type server.yaml:8:6",
                          "file-too-large zz/huge.yaml:1:1"])
        let vrpHint = checked.diagnostics.first { $0.location.file == "rpki/huge.json" }?.hint ?? ""
        #expect(vrpHint.contains("--vrps"), "a full export belongs on the command line: \(vrpHint)")
        #expect(checked.diagnostics.last?.message
                == "file is 64.1 MiB, larger than the limit of 64 MiB for an inventory file")
    }

    @Test("a source reads a file of exactly the limit and only hands over the size of a larger one")
    func sourceFileLimitBoundary() throws {
        var reads = 0
        let atLimit = InventoryLimits.file(path: "a.yaml", size: InventoryLimits.maxFileBytes) {
            reads += 1
            return Array("kind: Node\n".utf8)
        }
        #expect(atLimit.refusedSize == nil && !atLimit.bytes.isEmpty)
        let past = InventoryLimits.file(path: "b.yaml", size: InventoryLimits.maxFileBytes + 1) {
            reads += 1
            return []
        }
        #expect(past.refusedSize == InventoryLimits.maxFileBytes + 1)
        #expect(reads == 1, "the larger file is never read")
    }

    @Test("readFileBytes refuses a file past its limit before reading it, as --vrps does past 1 GiB")
    func readLimit() throws {
        let folder = try TemporaryFolder()
        let small = try folder.write("ten.json", "0123456789")
        #expect(try readFileBytes(small, limit: 10).count == 10)
        #expect(throws: SourceError.self) { try readFileBytes(small, limit: 9) }
        let export = try Self.sparseFile(folder, "export.json", size: InventoryLimits.maxVRPExportBytes + 1)
        let error = #expect(throws: SourceError.self) {
            try readFileBytes(export, limit: InventoryLimits.maxVRPExportBytes)
        }
        #expect(error?.message == "is 1.1 GiB, larger than the limit of 1 GiB")
    }

    @Test("collections nest up to 256 levels; the 257th is refused", arguments: ["[", "{a: ", "- "])
    func nestingBoundary(_ opener: String) {
        func document(levels: Int) -> String {
            switch opener {
            case "- ": return String(repeating: "- ", count: levels) + "x"
            case "[": return String(repeating: "[", count: levels) + String(repeating: "]", count: levels)
            default: return String(repeating: "{a: ", count: levels) + "x" + String(repeating: "}", count: levels)
            }
        }
        #expect(Self.parse(document(levels: 256)) == nil)
        let error = Self.parse(document(levels: 257))
        #expect(error?.code == .nestingTooDeep)
        #expect(error?.mark == Mark(line: 1, column: 1 + 256 * opener.count))
    }

    @Test("scalars of up to 1 MiB are read; a byte more is refused")
    func scalarBoundary() {
        #expect(Self.parse("v: " + String(repeating: "é", count: 1 << 19)) == nil)
        let error = Self.parse("v: \"" + String(repeating: "x", count: (1 << 20) + 1) + "\"")
        #expect(error?.code == .scalarTooLarge)
        #expect(error?.mark == Mark(line: 1, column: 4))
    }

    @Test("the alias budget counts text: a long scalar repeated 42 times passes 4 MiB")
    func aliasBudgetCountsText() throws {
        let aliases = Array(repeating: "*t", count: 50).joined(separator: ", ")
        let text = "t: &t " + String(repeating: "x", count: 100_000) + "\nr: [" + aliases + "]"
        let error = try #require(Self.parse(text))
        #expect(error.code == .aliasExpansionTooLarge)
        #expect(error.mark == Mark(line: 2, column: 5 + 41 * 4), "the 42nd alias")
    }

    @Test("many files nested to the limit are parsed and released on worker threads")
    func deepTreesAreReleased() {
        var files = TestInventory.files
        for index in 0..<8 {
            files["deep-\(index).yaml"] = "kind: Whitelist\nprefix: 2001:db8:200::/48\ndescription: &d "
                + String(repeating: "[", count: 255) + String(repeating: "]", count: 255) + "\nid: *d\n"
        }
        let checked = TestInventory.check(files)
        #expect(checked.diagnostics.count == 16)
        #expect(checked.diagnostics.allSatisfy { $0.code == .wrongType })
    }

    @Test("\"did you mean\" stops searching after a fixed number of comparisons; the hint then lists some names")
    func suggestionsAreBounded() {
        var hints = ReferenceHints(comparisons: 5_000)
        hints.learn(.wireGuardServer, names: (0..<1_000).map { "server-\($0)" })
        let given = (0..<7).map { hints.hint(for: "zerver-\($0)", kind: .wireGuardServer) }
        #expect(given == (0..<5).map { "did you mean 'server-\($0)'?" }
                + Array(repeating: "known: server-0, server-1, server-10, server-100, server-101, server-102, "
                            + "server-103, server-104, …", count: 2))
    }

    @Test("the ambiguous-node hint names at most eight nodes")
    func ambiguousNodeHintIsShort() {
        var files = TestInventory.files
        files["nodes.yaml"] = (2..<30).map { "kind: Node\nname: n\($0)\nrouter_id: 10.0.0.\($0)\nasn: 1\nendpoint: x\n" }
            .joined(separator: "---\n")
        let hints = TestInventory.check(files).diagnostics.filter { $0.code == .ambiguousNode }.compactMap(\.hint)
        #expect(!hints.isEmpty)
        #expect(hints.allSatisfy { $0 == "add `node:` with one of: edge-1, n10, n11, n12, n13, n14, n15, n16, …" })
    }

    @Test("folders linked into themselves are read once")
    func linkLoopsAreReadOnce() throws {
        let folder = try TemporaryFolder()
        for (name, text) in TestInventory.files { _ = try folder.write(name, text) }
        for name in ["a", "b", "c"] {
            try FileManager.default.createSymbolicLink(atPath: folder.path + "/" + name, withDestinationPath: ".")
        }
        let paths = try FolderSource(path: folder.path).files().map(\.path).sorted()
        #expect(paths == TestInventory.files.keys.sorted())
    }

    @Test("a link out of the inventory folder is refused, naming it; links inside it are followed")
    func linksOutOfTheInventoryAreRefused() throws {
        let outside = try TemporaryFolder()
        let secret = try outside.write("secret.yaml", "root:x:0:0\n")
        let folder = try TemporaryFolder()
        for (name, text) in TestInventory.files { _ = try folder.write(name, text) }
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/inside.yaml",
                                                   withDestinationPath: TestInventory.files.keys.sorted()[0])
        #expect(try FolderSource(path: folder.path).files().contains { $0.path == "inside.yaml" })
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/shadow.yaml", withDestinationPath: secret)
        let refused = #expect(throws: SourceError.self) { try FolderSource(path: folder.path).files() }
        #expect(refused?.path == "shadow.yaml")
        #expect(refused?.message.contains("outside the inventory folder") == true)
    }

    @Test("JSON nests up to 256 levels; deeper is refused at the place it passes the limit")
    func jsonNestingBoundary() {
        func export(depth: Int) -> SourceFile {
            // The object, `roas` and the ROA are three levels; the rest is the `ta` value.
            let value = String(repeating: "[", count: depth - 3) + String(repeating: "]", count: depth - 3)
            let text = "{\"roas\": [{\"prefix\": \"2001:db8::/32\", \"asn\": 1, \"ta\": \(value)}]}"
            return SourceFile(path: "v.json", bytes: Array(text.utf8))
        }
        #expect(VRPLoader.load(export(depth: 256)).diagnostics.isEmpty)
        let refused = VRPLoader.load(export(depth: 100_000)).diagnostics
        #expect(refused.map(\.code) == [.nestingTooDeep])
        #expect(refused.first?.location == FileLocation(file: "v.json", line: 1, column: 55 + 253))
    }
}
