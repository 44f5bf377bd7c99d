@testable import Compiler
import Testing

@Suite("Loading YAML")
struct LoaderTests {
    static func load(_ text: String) -> CheckedInventory {
        var files = TestInventory.files
        files["extra.yaml"] = text
        return TestInventory.check(files)
    }

    @Test("scalars are read as the field expects: `name: no` stays text, `yes` is true only where a flag is")
    func scalarsFollowTheField() throws {
        let checked = Self.load("""
            kind: WireGuardClient
            name: no
            description: 123
            server: server-1
            public_key: 4p8LDwHVOfdsQIOpxsxg5TQNSAGFMpERfW3JEJDe2Vo=
            ipv6_address: fd00:1234::9/128
            ipv4_address: 10.0.0.9/32
            is_active: yes

            """)
        #expect(checked.diagnostics.isEmpty, "\(checked.diagnostics)")
        let client = try #require(checked.inventory.clients.first { $0.name == "no" })
        #expect(client.description == "123")
        #expect(client.isActive)
    }

    @Test("anchors and aliases, several documents, comments and an empty document")
    func yamlFeatures() throws {
        let checked = Self.load("""
            # two clients sharing their allowed IPs through an anchor
            kind: WireGuardClient
            name: c1
            server: server-1
            public_key: 4p8LDwHVOfdsQIOpxsxg5TQNSAGFMpERfW3JEJDe2Vo=
            ipv4_address: 10.0.0.10/32
            ipv6_address: fd00:1234::10/128
            allowed_ips: &routes ["10.0.0.0/24", "fd00:1234::/64"]
            ---
            ---
            kind: WireGuardClient
            name: c2
            server: server-1
            public_key: CVOB2rp3R9Y8ALzQapaAIyTIpGtnErJB5eRKQCSEwHX=
            ipv4_address: 10.0.0.11/32
            ipv6_address: fd00:1234::11/128
            allowed_ips: *routes
            ...

            """)
        #expect(checked.diagnostics.map(\.code) == [.invalidKey], "only c2's key is bad: \(checked.diagnostics)")
        let c1 = try #require(checked.inventory.clients.first { $0.name == "c1" })
        #expect(c1.allowedIPs?.map(\.description) == ["10.0.0.0/24", "fd00:1234::/64"])
    }

    @Test("a file of 300 documents (read in parts at once) gives its resources and diagnostics in file order")
    func manyDocuments() {
        let documents = (0..<300).map { number in
            number % 37 == 5
                ? "kind: WireGuardClient\nname: c\(number)\nserver: server-1\ncolour: blue\n"  // an unknown field
                    + "public_key: Y7LwhPXnvDIwwKbsZlfU+uTNfcYnTDX7KnbB5XcLkgk=\n"
                : "kind: Allocation\npool: pool-1\nprefix: 2001:db8:100:\(String(number + 256, radix: 16))::/64\n"
                    + "client: alice\n"
        }
        let text = documents.joined(separator: "---\n")
        var inventory = Inventory()
        var diagnostics: [Diagnostic] = []
        InventoryLoader.load(SourceFile(path: "many.yaml", bytes: Array(text.utf8)), into: &inventory,
                             diagnostics: &diagnostics)
        let unknown = (0..<300).filter { $0 % 37 == 5 }
        #expect(inventory.allocations.map(\.prefix.description)
                    == (0..<300).filter { $0 % 37 != 5 }.map { "2001:db8:100:\(String($0 + 256, radix: 16))::/64" })
        #expect(inventory.clients.map(\.name) == unknown.map { "c\($0)" })
        var colourLines: [Int] = []
        var start = 1
        for (number, document) in documents.enumerated() {
            if number % 37 == 5 { colourLines.append(start + 3) }
            start += document.split(separator: "\n").count + 1  // and the `---` line
        }
        #expect(diagnostics.map(\.location.line) == colourLines)
        #expect(diagnostics.allSatisfy { $0.code == .unknownField })
    }

    @Test("a quoted number is text, and the hint says so")
    func quotedNumber() throws {
        var files = TestInventory.files
        files["server.yaml"] = files["server.yaml"]!.replacingFirst("listen_port: 51820", with: "listen_port: \"51820\"")
        let diagnostic = try #require(TestInventory.check(files).diagnostics.first)
        #expect(diagnostic.code == .wrongType)
        #expect(diagnostic.hint == "remove the quotes: a quoted number is text")
    }

    @Test("unknown fields and kinds suggest the nearest name")
    func didYouMean() {
        var files = TestInventory.files
        files["server.yaml"] = files["server.yaml"]!.replacingFirst("listen_port", with: "listen_prot")
        let hints = TestInventory.check(files).diagnostics.compactMap(\.hint)
        #expect(hints.contains("did you mean 'listen_port'?"), "\(hints)")
    }

    @Test("a resource with 50,000 repeated fields is checked in linear time", .timeLimit(.minutes(1)))
    func manyDuplicateFields() {
        let checked = Self.load("kind: Whitelist\nprefix: 2001:db8:200::/48\n"
                                    + String(repeating: "description: x\n", count: 50_000))
        let duplicates = checked.diagnostics.filter { $0.code == .duplicateKey }
        #expect(duplicates.count == 49_999)
        #expect(duplicates.last?.hint == "'description' is already set on line 3; keep one of them")
    }

    @Test("a megabyte-long unknown field is reported without comparing it letter by letter with each field name",
          .timeLimit(.minutes(1)))
    func longUnknownField() throws {
        let key = String(repeating: "k", count: 1 << 20)
        // A plain key may be at most 1,024 characters long; an explicit `? key` may be of any length.
        let checked = Self.load("kind: Whitelist\nprefix: 2001:db8:200::/48\n? " + key + "\n: x\n")
        let diagnostic = try #require(checked.diagnostics.first)
        #expect(checked.diagnostics.count == 1)
        #expect(diagnostic.code == .unknownField)
        #expect(diagnostic.hint?.hasPrefix("Whitelist fields are: ") == true)
    }

    @Test("pool usage is counted in default-length blocks, honestly")
    func poolUsage() throws {
        let checked = TestInventory.check()
        let pool = try #require(checked.inventory.pools.first)
        let taken = checked.inventory.allocations.map(\.prefix) + checked.inventory.nodes.flatMap(\.lanInterfaces).compactMap(\.prefix)
        // A /48 in /56 blocks: 256. The LAN /64 touches block 0, alice's /56 is block 1.
        let usage = PoolAllocator.usage(of: pool, taken: taken)
        #expect(usage.capacity == 256)
        #expect(usage.used == 2)
    }
}
