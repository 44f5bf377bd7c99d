@testable import Compiler
import Testing
import YAML

/// What the diagnostic table cannot show: the limits' exact boundaries, and trees as deep as allowed.
@Suite("Inventory limits")
struct LimitsTests {
    static func parse(_ text: String) -> YAMLError? {
        do {
            _ = try YAMLParser.parse(text, limits: InventoryLimits.yaml)
            return nil
        } catch {
            return error
        }
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

}
