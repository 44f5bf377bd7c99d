import Compiler
import Foundation
import Testing

/// The write path re-parses only the files a change touches; these tests hold it to what a full check says.
@Suite("A change checked incrementally gives what a full check gives")
struct IncrementalCheckTests {
    static func sources(_ files: [String: String]) -> [SourceFile] {
        files.map { SourceFile(path: $0.key, bytes: Array($0.value.utf8)) }
    }

    /// The files of `after` that differ from `before`, and the paths `after` no longer has.
    static func change(from before: [String: String], to after: [String: String]) -> ([SourceFile], [String]) {
        let written = after.filter { before[$0.key] != $0.value }
        let deleted = before.keys.filter { after[$0] == nil }
        return (sources(written), Array(deleted))
    }

    /// Checks `before`, then the change to `after` from it (as the API's writes do), against a full check of
    /// `after`; answers whether the change was validated incrementally.
    @discardableResult
    static func expectAgreement(from before: [String: String], to after: [String: String]) -> Bool {
        let (written, deleted) = change(from: before, to: after)
        var base = LoadedInventory(files: sources(before))
        _ = base.check()
        var changed = base.changing(written: written, deleted: deleted)
        let unsaved = changed.checked()
        let incremental = changed.check()
        let full = InventoryCompiler.check(files: sources(after))
        let rendered = DiagnosticRenderer.render(incremental.diagnostics, as: .text)
        #expect(rendered == DiagnosticRenderer.render(full.diagnostics, as: .text))
        #expect(rendered == DiagnosticRenderer.render(unsaved.diagnostics, as: .text))
        #expect(incremental.inventory.digest == full.inventory.digest)
        #expect(incremental.inventory.clients.map(\.name) == full.inventory.clients.map(\.name))
        #expect(incremental.inventory.clients.map(\.ipv4Address) == full.inventory.clients.map(\.ipv4Address))
        #expect(incremental.inventory.clients.map(\.ipv6Address) == full.inventory.clients.map(\.ipv6Address))
        #expect(incremental.inventory.clients.map(\.origin) == full.inventory.clients.map(\.origin))
        #expect(incremental.inventory.clients.map { $0.origin.location("ipv6_address") }
                    == full.inventory.clients.map { $0.origin.location("ipv6_address") })
        #expect(incremental.inventory.allocations.map(\.prefix) == full.inventory.allocations.map(\.prefix))
        #expect(incremental.inventory.allocations.map(\.origin) == full.inventory.allocations.map(\.origin))
        #expect(incremental.inventory.nodes.flatMap { $0.lanInterfaces.map(\.prefix) }
                    == full.inventory.nodes.flatMap { $0.lanInterfaces.map(\.prefix) })
        #expect(incremental.inventory.servers.map(\.node) == full.inventory.servers.map(\.node))
        #expect(incremental.inventory.vrps.count == full.inventory.vrps.count)
        return changed.lastCheckWasIncremental
    }

    @Test("planting each defect of the diagnostic table", arguments: defects)
    func plantingDefect(_ defect: Defect) {
        Self.expectAgreement(from: TestInventory.files, to: defect.files())
    }

    @Test("repairing each defect of the diagnostic table", arguments: defects)
    func repairingDefect(_ defect: Defect) {
        Self.expectAgreement(from: defect.files(), to: TestInventory.files)
    }

    @Test("a new file sorted before others lands where a full load puts its resources (a duplicate key here)")
    func newFileInPathOrder() {
        var after = TestInventory.files
        after["clients-0.yaml"] = """
            kind: WireGuardClient
            name: early-client
            server: server-1
            public_key: Y7LwhPXnvDIwwKbsZlfU+uTNfcYnTDX7KnbB5XcLkgk=
            """
        Self.expectAgreement(from: TestInventory.files, to: after)
    }

    @Test("deleting a file and changing a VRP file")
    func deletesAndVRPs() {
        var after = TestInventory.files
        after["bgp.yaml"] = nil
        after["rpki/more.json"] = #"{"roas": [{"prefix": "2001:db8::/32", "maxLength": 48, "asn": "AS65009"}]}"#
        Self.expectAgreement(from: TestInventory.files, to: after)
    }

    @Test("a change to clients and allocations that validates is checked without the rest, as a full check says",
          arguments: clientChanges)
    func validWriteCase(_ change: WriteCase) {
        #expect(change.validates)
        #expect(Self.expectAgreement(from: WriteCase.base, to: change.files()))
    }

    @Test("a change to clients and allocations with an error is refused as a full check words it",
          arguments: clientDefects)
    func clientDefect(_ change: WriteCase) {
        Self.expectRefusal(change)
    }

    /// `change` agrees with a full check, which finds the error of its code.
    static func expectRefusal(_ change: WriteCase) {
        #expect(!change.validates)
        expectAgreement(from: WriteCase.base, to: change.files())
        let full = InventoryCompiler.check(files: sources(change.files()))
        #expect(full.diagnostics.contains { $0.code == change.code && $0.severity == .error },
                "\(DiagnosticRenderer.render(full.diagnostics, as: .text))")
    }

    @Test("changes in a row keep the kept state true: add, allocate, fill a pool, release, remove")
    func changesInARow() {
        var files = WriteCase.base
        var loaded = LoadedInventory(files: Self.sources(files))
        _ = loaded.check()
        for change in clientChanges {
            let next = change.files(from: files)
            let (written, deleted) = Self.change(from: files, to: next)
            loaded = loaded.changing(written: written, deleted: deleted)
            let checked = loaded.check()
            #expect(loaded.lastCheckWasIncremental, "\(change.testDescription)")
            let full = InventoryCompiler.check(files: Self.sources(next))
            #expect(DiagnosticRenderer.render(checked.diagnostics, as: .text)
                        == DiagnosticRenderer.render(full.diagnostics, as: .text), "\(change.testDescription)")
            files = next
        }
    }

    @Test("a change to sessions, announcements and whitelist entries that validates is checked without clients",
          arguments: routingChanges)
    func validRoutingChange(_ change: WriteCase) {
        #expect(Self.expectAgreement(from: WriteCase.base, to: change.files()))
    }

    @Test("a change to sessions, announcements and whitelist entries with an error is refused as a full check words it",
          arguments: routingDefects)
    func routingDefect(_ change: WriteCase) {
        Self.expectRefusal(change)
    }

    @Test("a change beyond one kind of write is checked in full")
    func otherChangesAreCheckedInFull() {
        var after = WriteCase.base
        after["server.yaml"] = after["server.yaml"]!.replacingFirst("mtu: 1420", with: "mtu: 1380")
        #expect(!Self.expectAgreement(from: WriteCase.base, to: after))
        after = WriteCase.base
        after["bgp.yaml"] = after["bgp.yaml"]!.replacingFirst("hold_time: 90", with: "hold_time: 60")
        after["clients/carol.yaml"] = WriteCase.client("carol", key: "carol", v4: "10.0.0.9", v6: "fd00:1234::9")
        #expect(!Self.expectAgreement(from: WriteCase.base, to: after), "clients and sessions at once")
        var lan = WriteCase.base
        lan["alloc-lan.yaml"] = "kind: Allocation\npool: pool-1\nprefix: 2001:db8:100:200::/56\nclient: bob\n"
        #expect(!Self.expectAgreement(from: WriteCase.base, to: lan), "pool-1 has a LAN interface")
    }
}

/// A change to the clients and allocations of `WriteCase.base`.
struct WriteCase: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var code: DiagnosticCode?
    var edits: [String: String?]
    var validates: Bool { code == nil }

    init(_ description: String, _ edits: [String: String?]) {
        testDescription = description
        self.edits = edits
    }

    init(_ description: String, _ code: DiagnosticCode, _ edits: [String: String?]) {
        self.init(description, edits)
        self.code = code
    }

    /// The test inventory with a pool of no LAN interface (half of it covered by a ROA), a full-size pool and two
    /// more clients, one of them with an explicit id and an allocation.
    static let base: [String: String] = {
        var files = TestInventory.files
        files["pool-2.yaml"] = """
            kind: PrefixPool
            name: pool-2
            prefix: 2001:db8:300::/48
            max_prefix_length: 56
            min_prefix_length: 64
            ---
            kind: PrefixPool
            name: pool-3
            prefix: 2001:db8:400::/56
            max_prefix_length: 56
            min_prefix_length: 64

            """
        files["rpki/pool-2.json"] = #"{"roas": [{"asn": 65001, "prefix": "2001:db8:300::/49", "maxLength": 56}]}"#
        files["clients/dave.yaml"] = client("dave_x", key: "dave", v4: "10.0.0.4", v6: "fd00:1234::4",
                                            id: "1b4e28ba-2fa1-41d2-883f-0016d3cca427")
        files["clients/eve.yaml"] = client("eve", key: "eve", v4: "10.0.0.5", v6: "fd00:1234::5")
        files["allocations/dave.yaml"] = allocation("2001:db8:300:100::/56", client: "dave_x")
        return files
    }()

    static func client(_ name: String, key seed: String, v4: String?, v6: String?, id: String? = nil,
                       server: String = "server-1") -> String {
        var text = "kind: WireGuardClient\nname: \(name)\nserver: \(server)\npublic_key: \(publicKey(seed))\n"
        if let id { text += "id: \(id)\n" }
        if let v4 { text += "ipv4_address: \(v4)/32\n" }
        if let v6 { text += "ipv6_address: \(v6)/128\n" }
        return text
    }

    static func allocation(_ prefix: String, client: String, pool: String = "pool-2",
                           announce: Bool = false) -> String {
        "kind: Allocation\npool: \(pool)\nprefix: \(prefix)\nclient: \(client)\n"
            + (announce ? "auto_announce: true\n" : "")
    }

    /// A well-formed WireGuard public key of its own for each seed.
    static func publicKey(_ seed: String) -> String {
        var bytes = Array(seed.utf8.prefix(32))
        bytes += [UInt8](repeating: 0x41, count: 32 - bytes.count)
        return WireGuardKey.encode(bytes)
    }

    func files(from before: [String: String] = WriteCase.base) -> [String: String] {
        var files = before
        for (path, text) in edits { files[path] = text }
        return files
    }
}

let clientChanges: [WriteCase] = [
    WriteCase("a client in a new file",
              ["clients/carol.yaml": WriteCase.client("carol", key: "carol", v4: "10.0.0.9", v6: "fd00:1234::9")]),
    WriteCase("a client changed in a file of two", [
        "clients.yaml": TestInventory.files["clients.yaml"]!
            .replacingFirst("persistent_keepalive: 25", with: "persistent_keepalive: 15"),
    ]),
    WriteCase("an allocation", ["allocations/eve.yaml": WriteCase.allocation("2001:db8:300:200::/56", client: "eve")]),
    WriteCase("an announced allocation no ROA covers",
                 ["allocations/eve-2.yaml": WriteCase.allocation("2001:db8:300:8000::/56", client: "eve",
                                                                 announce: true)]),
    WriteCase("the last block of a pool",
              ["allocations/carol.yaml": WriteCase.allocation("2001:db8:400::/56", client: "bob", pool: "pool-3")]),
    WriteCase("a client renamed", ["clients/eve.yaml": WriteCase.client("eve-2", key: "eve", v4: "10.0.0.5",
                                                                        v6: "fd00:1234::5"),
                                      "allocations/eve.yaml": nil, "allocations/eve-2.yaml": nil]),
    WriteCase("a pool's last block released", ["allocations/carol.yaml": nil]),
    WriteCase("a client and its allocation removed", ["clients/dave.yaml": nil, "allocations/dave.yaml": nil]),
    WriteCase("a line above the other client of the file moves it, while this one changes", [
        "clients.yaml": "# moved down a line\n" + TestInventory.files["clients.yaml"]!
            .replacingFirst("persistent_keepalive: 25", with: "persistent_keepalive: 15"),
    ]),
    WriteCase("a comment between the other client's fields moves only its later fields", [
        "clients.yaml": TestInventory.files["clients.yaml"]!
            .replacingFirst("ipv4_address: 10.0.0.2/32\n", with: "ipv4_address: 10.0.0.2/32\n# v6 below\n")
            .replacingFirst("persistent_keepalive: 25", with: "persistent_keepalive: 15"),
    ]),
    WriteCase("a client removed from a file of two", [
        "clients.yaml": TestInventory.files["clients.yaml"]!.components(separatedBy: "---\n")[0],
    ]),
]

let clientDefects: [WriteCase] = {
    func newClient(_ name: String = "carol", key: String = "carol", v4: String? = "10.0.0.9",
                   v6: String? = "fd00:1234::9", id: String? = nil, server: String = "server-1") -> [String: String?] {
        ["clients/carol.yaml": WriteCase.client(name, key: key, v4: v4, v6: v6, id: id, server: server)]
    }
    func newAllocation(_ prefix: String, client: String = "eve", pool: String = "pool-2",
                       announce: Bool = false) -> [String: String?] {
        ["allocations/new.yaml": WriteCase.allocation(prefix, client: client, pool: pool, announce: announce)]
    }
    let aliceKey = "Y7LwhPXnvDIwwKbsZlfU+uTNfcYnTDX7KnbB5XcLkgk="
    let serverKey = "CVOB2rp3R9Y8ALzQapaAIyTIpGtnErJB5eRKQCSEwHQ="
    var keyTaken = newClient()
    keyTaken["clients/carol.yaml"] = WriteCase.client("carol", key: "carol", v4: "10.0.0.9", v6: "fd00:1234::9")
        .replacingFirst(WriteCase.publicKey("carol"), with: aliceKey)
    var serverKeyTaken = newClient()
    serverKeyTaken["clients/carol.yaml"] = WriteCase.client("carol", key: "carol", v4: "10.0.0.9", v6: "fd00:1234::9")
        .replacingFirst(WriteCase.publicKey("carol"), with: serverKey)
    let clients = TestInventory.files["clients.yaml"]!
    let bobKey = "HvZa87jzCTlwV37KL4gmhoqJ5/MDJq4EWcHZGF7BZCY="
    return [
        // The client the change leaves as it was shares the file: it is still the one holding the name, key or
        // address the changed one takes.
        WriteCase("a key taken by the other client of the same file", .duplicatePublicKey,
                  ["clients.yaml": clients.replacingFirst(bobKey, with: aliceKey)]),
        WriteCase("a name taken by the other client of the same file", .duplicateName,
                  ["clients.yaml": clients.replacingFirst("name: bob", with: "name: alice")]),
        WriteCase("an address taken by the other client of the same file", .duplicateAddress,
                  ["clients.yaml": clients.replacingFirst("10.0.0.3/32", with: "10.0.0.2/32")]),
        WriteCase("a name taken", .duplicateName, newClient("alice")),
        WriteCase("a name taken in BIRD's spelling", .duplicateName, newClient("dave-x")),
        WriteCase("an id taken", .duplicateID, newClient(id: "1b4e28ba-2fa1-41d2-883f-0016d3cca427")),
        WriteCase("a client's key taken", .duplicatePublicKey, keyTaken),
        WriteCase("the server's key taken", .duplicatePublicKey, serverKeyTaken),
        WriteCase("a client's address taken", .duplicateAddress, newClient(v6: "fd00:1234::3")),
        WriteCase("the server's address taken", .duplicateAddress, newClient(v4: "10.0.0.1")),
        WriteCase("an address outside the subnet", .addressOutsideSubnet, newClient(v4: "10.0.1.9")),
        WriteCase("a broadcast address", .invalidAddress, newClient(v4: "10.0.0.255")),
        WriteCase("an unknown server", .unknownReference, newClient(server: "server-2")),
        WriteCase("a removed client's allocation left behind", .unknownReference, ["clients/dave.yaml": nil]),
        WriteCase("an allocation for an unknown client", .unknownReference,
                  newAllocation("2001:db8:300:200::/56", client: "zed")),
        WriteCase("an allocation from an unknown pool", .unknownReference,
                  newAllocation("2001:db8:300:200::/56", pool: "pool-9")),
        WriteCase("an allocation outside its pool", .allocationOutsidePool, newAllocation("2001:db8:500::/56")),
        WriteCase("an allocation too wide", .prefixLengthOutOfRange, newAllocation("2001:db8:300:1000::/52")),
        WriteCase("an allocation inside another", .overlappingAllocations, newAllocation("2001:db8:300:140::/58")),
        WriteCase("an allocation equal to another", .overlappingAllocations, newAllocation("2001:db8:300:100::/56")),
        WriteCase("an allocation the ROA's maxLength refuses", .rpkiInvalid,
                     newAllocation("2001:db8:300:200::/60", announce: true)),
    ]
}()

/// An announcement of `prefix` from AS65001 over transit-1.
func announcement(_ prefix: String) -> String {
    "kind: BGPAnnouncement\nname: own\nprefix: \(prefix)\nasn: 65001\nsession: transit-1\n"
}

let routingChanges: [WriteCase] = {
    let session = "kind: BGPSession\nname: peer-2\nneighbor: 2001:db8:fffe::1\nremote_as: 65200\n"
    let bgp = TestInventory.files["bgp.yaml"]!
    return [
        WriteCase("a session in a new file", ["bgp/peer-2.yaml": session]),
        WriteCase("a session's hold time", ["bgp.yaml": bgp.replacingFirst("hold_time: 90", with: "hold_time: 60")]),
        WriteCase("an announcement removed", ["bgp.yaml": bgp.components(separatedBy: "---\n")[0]]),
        WriteCase("a session and its announcement removed", ["bgp.yaml": nil]),
        WriteCase("a whitelist entry and an announcement no ROA covers", [
            "whitelist/own.yaml": "kind: Whitelist\nprefix: 2001:db8:500::/48\n",
            "bgp/own.yaml": announcement("2001:db8:500::/48"),
        ]),
        WriteCase("an iBGP session", ["bgp/peer-2.yaml": session.replacingFirst("65200", with: "65001")]),
    ]
}()

let routingDefects: [WriteCase] = {
    let session = "kind: BGPSession\nname: peer-2\nneighbor: 2001:db8:fffe::1\nremote_as: 65200\n"
    let bgp = TestInventory.files["bgp.yaml"]!
    return [
        WriteCase("a session removed from under its announcement", .unknownReference,
                  ["bgp.yaml": bgp.replacingFirst("name: transit-1", with: "name: transit-2")]),
        WriteCase("a session name taken", .duplicateName,
                  ["bgp/peer-2.yaml": session.replacingFirst("peer-2", with: "transit-1")]),
        WriteCase("a neighbor taken", .duplicateAddress,
                  ["bgp/peer-2.yaml": session.replacingFirst("fffe", with: "ffff")]),
        WriteCase("an announcement nothing covers", .announcementNotCovered, [
            "bgp/own.yaml": announcement("2001:db8:500::/48"),
        ]),
        WriteCase("an announcement from the wrong AS", .rpkiInvalid, [
            "bgp/own.yaml": announcement("2001:db8:200::/48"),
        ]),
        WriteCase("a whitelist entry for an unknown pool", .unknownReference,
                  ["whitelist/own.yaml": "kind: Whitelist\nprefix: 2001:db8:500::/48\npool: pool-9\n"]),
    ]
}()

@Suite("A change checked from the kept check: unpinned clients, moves and renames")
struct IncrementalCheckMoveTests {
    /// `WriteCase.base` plus a client with no addresses: validation gives it 10.0.0.6 and fd00:1234::6 (with two
    /// unpinned-address warnings), so the kept state has `hasUnpinnedClients`.
    static let unpinnedBase: [String: String] = {
        var files = WriteCase.base
        files["clients/frank.yaml"] = WriteCase.client("frank", key: "frank", v4: nil, v6: nil)
        return files
    }()

    static let eveAllocation: [String: String?] = [
        "allocations/eve.yaml": WriteCase.allocation("2001:db8:300:200::/56", client: "eve"),
    ]

    /// The change touches no client, so it is checked from the kept state although validation gave frank his
    /// addresses: the validated clients must stay, not the loaded ones (the API serves them and builds client
    /// configs from them).
    @Test("an allocation written beside an unpinned client keeps the address validation gave that client")
    func unpinnedClientKeepsItsAddress() {
        var after = Self.unpinnedBase
        for (path, text) in Self.eveAllocation { after[path] = text }
        IncrementalCheckTests.expectAgreement(from: Self.unpinnedBase, to: after)

        var loaded = LoadedInventory(files: IncrementalCheckTests.sources(Self.unpinnedBase))
        _ = loaded.check()
        let (written, deleted) = IncrementalCheckTests.change(from: Self.unpinnedBase, to: after)
        loaded = loaded.changing(written: written, deleted: deleted)
        let checked = loaded.check()
        let full = InventoryCompiler.check(files: IncrementalCheckTests.sources(after))
        let frank = checked.inventory.clients.first { $0.name == "frank" }
        #expect(frank?.ipv4Address?.description == "10.0.0.6/32")
        #expect(frank?.ipv6Address?.description == "fd00:1234::6/128")
        #expect(InventoryCompiler.clientConfig(named: "frank", in: checked.inventory)
                    == InventoryCompiler.clientConfig(named: "frank", in: full.inventory))
    }

    /// After the allocation, a session's write is checked from the kept inventory: frank keeps his addresses.
    @Test("the kept inventory stays validated through an allocation and then a session")
    func unpinnedClientThroughChangesInARow() {
        let steps: [[String: String?]] = [
            Self.eveAllocation,
            ["bgp/peer-2.yaml": "kind: BGPSession\nname: peer-2\nneighbor: 2001:db8:fffe::1\nremote_as: 65200\n"],
        ]
        var files = Self.unpinnedBase
        var loaded = LoadedInventory(files: IncrementalCheckTests.sources(files))
        _ = loaded.check()
        for edits in steps {
            var next = files
            for (path, text) in edits { next[path] = text }
            let (written, deleted) = IncrementalCheckTests.change(from: files, to: next)
            loaded = loaded.changing(written: written, deleted: deleted)
            let checked = loaded.check()
            let full = InventoryCompiler.check(files: IncrementalCheckTests.sources(next))
            #expect(checked.inventory.clients.map(\.ipv4Address) == full.inventory.clients.map(\.ipv4Address))
            #expect(checked.inventory.clients.map(\.ipv6Address) == full.inventory.clients.map(\.ipv6Address))
            #expect(DiagnosticRenderer.render(checked.diagnostics, as: .text)
                        == DiagnosticRenderer.render(full.diagnostics, as: .text))
            files = next
        }
    }

    /// Resources moving between files, a rename in place to a name of another BIRD spelling, an identical prefix
    /// moving to another file, a removed client's addresses taken in the same change, an announced allocation a ROA
    /// covers: each agrees with a full check and is checked from the kept state.
    static let movingChanges: [WriteCase] = [
        WriteCase("a client moved to another file",
                  ["clients/eve.yaml": nil, "clients/zz-eve.yaml": WriteCase.base["clients/eve.yaml"]!]),
        WriteCase("dave_x renamed dave-x in place, with its allocation", [
            "clients/dave.yaml": WriteCase.client("dave-x", key: "dave", v4: "10.0.0.4", v6: "fd00:1234::4",
                                                  id: "1b4e28ba-2fa1-41d2-883f-0016d3cca427"),
            "allocations/dave.yaml": WriteCase.allocation("2001:db8:300:100::/56", client: "dave-x"),
        ]),
        WriteCase("an allocation moved to another file, same prefix",
                  ["allocations/dave.yaml": nil, "allocations/zz.yaml": WriteCase.base["allocations/dave.yaml"]!]),
        WriteCase("a client removed and its addresses taken by a new one", [
            "clients/eve.yaml": nil,
            "clients/carol.yaml": WriteCase.client("carol", key: "carol", v4: "10.0.0.5", v6: "fd00:1234::5"),
        ]),
        WriteCase("an announced allocation the ROA covers", [
            "allocations/new.yaml": WriteCase.allocation("2001:db8:300:200::/56", client: "eve", announce: true),
        ]),
    ]

    @Test("moves and renames agree and are checked incrementally", arguments: movingChanges)
    func moves(_ change: WriteCase) {
        #expect(IncrementalCheckTests.expectAgreement(from: WriteCase.base, to: change.files()))
    }

    /// Errors only the index finds after a copy or a rename: each is worded by the full check.
    static let movingDefects: [WriteCase] = [
        WriteCase("a client copied to another file", .duplicateName,
                  ["clients/zz-eve.yaml": WriteCase.base["clients/eve.yaml"]!]),
        WriteCase("an allocation copied to another file", .overlappingAllocations,
                  ["allocations/zz.yaml": WriteCase.base["allocations/dave.yaml"]!]),
        WriteCase("a client renamed while another file's allocation names it", .unknownReference, [
            "clients/dave.yaml": WriteCase.client("dave-y", key: "dave", v4: "10.0.0.4", v6: "fd00:1234::4"),
        ]),
    ]

    @Test("copies and renames that break something are refused as a full check words it", arguments: movingDefects)
    func movingDefect(_ change: WriteCase) {
        #expect(!IncrementalCheckTests.expectAgreement(from: WriteCase.base, to: change.files()))
    }
}
