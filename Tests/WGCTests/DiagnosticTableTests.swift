import Foundation
import Compiler
import Testing

/// One defect planted in the valid test inventory, and where its diagnostic must point.
struct Defect: Sendable, CustomTestStringConvertible {
    struct Edit: Sendable {
        var file: String
        var old: String
        var new: String?
    }

    var code: DiagnosticCode
    var edits: [Edit]
    var file: String
    /// The diagnostic points at the `occurrence`-th `needle` in `file`, `offset` characters in.
    var needle: String
    var occurrence = 1
    var offset = 0
    var replacesInventory = false

    var testDescription: String { code.rawValue }

    init(_ code: DiagnosticCode, _ file: String, replace old: String, with new: String?, at needle: String,
         occurrence: Int = 1, offset: Int = 0, also: [Edit] = []) {
        self.code = code
        self.edits = [Edit(file: file, old: old, new: new)] + also
        self.file = file
        self.needle = needle
        self.occurrence = occurrence
        self.offset = offset
    }

    init(_ code: DiagnosticCode, inventory: [String: String], file: String, at needle: String) {
        self.code = code
        self.edits = inventory.map { Edit(file: $0.key, old: "", new: $0.value) }
        self.file = file
        self.needle = needle
        self.replacesInventory = true
    }

    func files() -> [String: String] {
        var files = replacesInventory ? [:] : TestInventory.files
        for edit in edits {
            guard let new = edit.new else {
                files[edit.file] = nil
                continue
            }
            if edit.old.isEmpty {
                files[edit.file, default: ""] += new
            } else {
                let current = files[edit.file] ?? ""
                precondition(current.contains(edit.old), "\(edit.old) not in \(edit.file)")
                files[edit.file] = current.replacingFirst(edit.old, with: new)
            }
        }
        return files
    }

    func expectedLocation(in files: [String: String]) -> FileLocation? {
        guard let text = files[file] else { return nil }
        var searchStart = text.startIndex
        var found: Range<String.Index>?
        for _ in 0..<occurrence {
            guard let range = text.range(of: needle, range: searchStart..<text.endIndex) else { return nil }
            found = range
            searchStart = range.upperBound
        }
        guard let found else { return nil }
        let before = text[text.startIndex..<found.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
        return FileLocation(file: file, line: line, column: column + offset)
    }
}

extension String {
    func replacingFirst(_ old: String, with new: String) -> String {
        guard let range = range(of: old) else { return self }
        return replacingCharacters(in: range, with: new)
    }
}

private let secondServer = """
    ---
    kind: WireGuardServer
    name: server-2
    interface: wg1
    listen_port: 51820
    ipv6_address: fd00:9999::1/64
    public_key: 4p8LDwHVOfdsQIOpxsxg5TQNSAGFMpERfW3JEJDe2Vo=

    """

/// Anchors that each repeat the one before ten times: a file of a few hundred bytes that would expand to
/// 10^10 nodes. The first alias of `a5` passes the alias budget.
private let billionLaughs = "mtu: 1420\nl0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + (1...9).map { level in
    "l\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
}.joined()

/// Each anchor holds the one before, one level deeper: the 255th alias would be 257 levels deep.
private let aliasChain = "mtu: 1420\nc0: &c0 [x]\n" + (1...300).map { "c\($0): &c\($0) [*c\($0 - 1)]\n" }.joined()

let defects: [Defect] = [
    Defect(.yamlSyntax, "server.yaml", replace: "mtu: 1420", with: "mtu: [1420", at: "public_key", offset: 10),
    // The document's mapping is level 1, so the 256th nested collection is the 257th level.
    Defect(.nestingTooDeep, "server.yaml", replace: "mtu: 1420",
           with: "mtu:\n" + String(repeating: "- ", count: 100_000) + "x", at: "- ", offset: 255 * 2),
    Defect(.nestingTooDeep, "server.yaml", replace: "mtu: 1420",
           with: "mtu: " + String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000),
           at: "[[", offset: 255),
    Defect(.nestingTooDeep, "server.yaml", replace: "mtu: 1420",
           with: "mtu: " + String(repeating: "{a: ", count: 200_000) + "x" + String(repeating: "}", count: 200_000),
           at: "{a: ", offset: 255 * 4),
    Defect(.nestingTooDeep, "server.yaml", replace: "mtu: 1420", with: aliasChain, at: "*c254"),
    Defect(.nestingTooDeep, "rpki/vrps.json", replace: "\"ta\": \"test\"",
           with: "\"ta\": " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300), at: "[[",
           offset: 253),
    Defect(.scalarTooLarge, "server.yaml", replace: "mtu: 1420",
           with: "mtu: " + String(repeating: "x", count: (1 << 20) + 1), at: "mtu: ", offset: 5),
    Defect(.fileTooLarge, "big.yaml", replace: "", with: "[" + String(repeating: "0,", count: 1_000_000) + "0]",
           at: "[", offset: 2 * 999_999 + 1),
    Defect(.aliasExpansionTooLarge, "server.yaml", replace: "mtu: 1420", with: billionLaughs, at: "*a5"),
    Defect(.duplicateKey, "server.yaml", replace: "mtu: 1420", with: "mtu: 1420\nmtu: 1500", at: "mtu", occurrence: 2),
    Defect(.unknownField, "server.yaml", replace: "mtu: 1420", with: "mut: 1420", at: "mut"),
    Defect(.unknownKind, "pool.yaml", replace: "kind: PrefixPool", with: "kind: PrefixPoll", at: "PrefixPoll"),
    Defect(.missingField, "node.yaml", replace: "endpoint: edge-1.example.net\n", with: "", at: "kind: Node"),
    Defect(.wrongType, "server.yaml", replace: "mtu: 1420", with: "mtu: big", at: "big"),
    Defect(.invalidAddress, "server.yaml", replace: "[9.9.9.9]", with: "[9.9.9.999]", at: "9.9.9.999"),
    Defect(.invalidPrefix, "alloc.yaml", replace: "100::/56", with: "100::/129", at: "2001:db8:100:100::/129"),
    Defect(.hostBitsSet, "pool.yaml", replace: "2001:db8:200::/48", with: "2001:db8:200::1/48", at: "2001:db8:200::1/48"),
    Defect(.prefixLengthOutOfRange, "alloc.yaml", replace: "2001:db8:100:100::/56", with: "2001:db8:100:1000::/52",
           at: "2001:db8:100:1000::/52"),
    Defect(.overlappingPools, "pool.yaml", replace: "", with: "---\nkind: PrefixPool\nname: pool-2\nprefix: 2001:db8:100:8000::/49\n",
           at: "2001:db8:100:8000::/49"),
    Defect(.overlappingSubnets, "server.yaml", replace: "", with: secondServer.replacingFirst("fd00:9999::1/64",
           with: "fd00:1234::8001/65").replacingFirst("51820", with: "51821"), at: "fd00:1234::8001/65"),
    Defect(.invalidAddress, "node.yaml", replace: "rdnss: [\"2001:db8:100::53\"]", with: "rdnss: [\"9.9.9.9\"]",
           at: "[\"9.9.9.9\"]"),
    Defect(.allocationOutsidePool, "alloc.yaml", replace: "2001:db8:100:100::/56", with: "2001:db8:300::/56",
           at: "2001:db8:300::/56"),
    Defect(.overlappingAllocations, "alloc.yaml", replace: "",
           with: "---\nkind: Allocation\npool: pool-1\nprefix: 2001:db8:100:1ff::/64\nclient: bob\n",
           at: "2001:db8:100:1ff::/64"),
    Defect(.poolExhausted, "pool.yaml", replace: "",
           with: "---\nkind: PrefixPool\nname: pool-2\nprefix: 2001:db8:300::/64\nmax_prefix_length: 64\n",
           at: "2001:db8:300::/64",
           also: [.init(file: "alloc.yaml", old: "",
                        new: "---\nkind: Allocation\npool: pool-2\nprefix: 2001:db8:300::/64\nclient: bob\n")]),
    Defect(.subnetExhausted, "clients.yaml", replace: "ipv4_address: 10.0.0.3/32\n", with: "", at: "kind", occurrence: 2,
           also: [.init(file: "server.yaml", old: "10.0.0.1/24", new: "10.0.0.1/30")]),
    Defect(.addressOutsideSubnet, "clients.yaml", replace: "10.0.0.2/32", with: "10.0.1.2/32", at: "10.0.1.2/32"),
    Defect(.duplicateAddress, "clients.yaml", replace: "fd00:1234::3/128", with: "fd00:1234::2/128",
           at: "fd00:1234::2/128", occurrence: 2),
    Defect(.unpinnedAddress, "clients.yaml", replace: "ipv6_address: fd00:1234::3/128\n", with: "", at: "kind",
           occurrence: 2),
    Defect(.duplicateName, "clients.yaml", replace: "name: bob", with: "name: alice", at: "alice", occurrence: 2),
    Defect(.duplicateID, "clients.yaml", replace: "name: bob",
           with: "name: bob\nid: 0b5c6f1e-0000-4000-8000-000000000001", at: "0b5c6f1e", occurrence: 2,
           also: [.init(file: "clients.yaml", old: "name: alice",
                        new: "name: alice\nid: 0b5c6f1e-0000-4000-8000-000000000001")]),
    // An explicit id equal to the id another resource derives from its name (the validator computes derived ids
    // only when some explicit id could be one).
    Defect(.duplicateID, "clients.yaml", replace: "name: bob",
           with: "name: bob\nid: " + ResourceID.derive(kind: ResourceKind.wireGuardClient.rawValue, key: "alice"),
           at: String(ResourceID.derive(kind: ResourceKind.wireGuardClient.rawValue, key: "alice").prefix(8))),
    Defect(.duplicatePublicKey, "clients.yaml", replace: "HvZa87jzCTlwV37KL4gmhoqJ5/MDJq4EWcHZGF7BZCY=",
           with: "Y7LwhPXnvDIwwKbsZlfU+uTNfcYnTDX7KnbB5XcLkgk=", at: "Y7Lw", occurrence: 2),
    Defect(.invalidKey, "clients.yaml", replace: "Y7LwhPXnvDIwwKbsZlfU+uTNfcYnTDX7KnbB5XcLkgk=", with: "notakey",
           at: "notakey"),
    Defect(.duplicateListenPort, "server.yaml", replace: "", with: secondServer, at: "51820", occurrence: 2),
    Defect(.duplicateInterface, "server.yaml", replace: "",
           with: secondServer.replacingFirst("wg1", with: "wg0").replacingFirst("51820", with: "51821"),
           at: "wg0", occurrence: 2),
    Defect(.valueOutOfRange, "bgp.yaml", replace: "hold_time: 90", with: "hold_time: 2", at: "hold_time: 2", offset: 11),
    Defect(.invalidASN, "node.yaml", replace: "asn: 65001", with: "asn: 4294967296", at: "4294967296"),
    Defect(.reservedASN, "bgp.yaml", replace: "remote_as: 65100", with: "remote_as: 64500", at: "64500"),
    Defect(.unknownReference, "clients.yaml", replace: "server: server-1", with: "server: server-2", at: "server-2"),
    Defect(.ambiguousNode, inventory: [
        "nodes.yaml": """
            kind: Node
            name: edge-1
            router_id: 192.0.2.1
            asn: 65001
            endpoint: edge-1.example.net
            ---
            kind: Node
            name: edge-2
            router_id: 192.0.2.2
            asn: 65001
            endpoint: edge-2.example.net

            """,
        "session.yaml": "kind: BGPSession\nname: up\nneighbor: 2001:db8:ffff::1\nremote_as: 65100\n",
    ], file: "session.yaml", at: "kind"),
    Defect(.announcementNotCovered, "bgp.yaml", replace: "prefix: 2001:db8:100::/48", with: "prefix: 2001:db8:900::/48",
           at: "2001:db8:900::/48", also: [.init(file: "rpki/vrps.json", old: "", new: nil)]),
    Defect(.rpkiInvalid, "bgp.yaml", replace: "asn: 65001", with: "asn: 65003", at: "2001:db8:100::/48"),
    Defect(.rpkiNotFound, "bgp.yaml", replace: "",
           with: "---\nkind: BGPAnnouncement\nname: other\nprefix: 2001:db8:500::/48\nasn: 65001\n",
           at: "2001:db8:500::/48",
           also: [.init(file: "pool.yaml", old: "2001:db8:200::/48", new: "2001:db8:500::/48")]),
    Defect(.invalidRouterID, "node.yaml", replace: "router_id: 192.0.2.1", with: "router_id: 2001:db8::1",
           at: "2001:db8::1"),
    Defect(.nextHopFamilyMismatch, "bgp.yaml", replace: "asn: 65001", with: "asn: 65001\nnext_hop: 192.0.2.1",
           at: "192.0.2.1"),
    Defect(.secretInClear, "bgp.yaml", replace: "hold_time: 90", with: "hold_time: 90\npassword: hunter2", at: "hunter2"),
    Defect(.invalidValue, "bgp.yaml", replace: "hold_time: 90", with: "hold_time: 90\nmax_prefix_action: explode",
           at: "explode"),
    Defect(.invalidValue, "node.yaml", replace: "endpoint: edge-1.example.net", with: "endpoint: edge-1.example.net:51820",
           at: "edge-1.example.net:51820"),
    Defect(.invalidValue, "clients.yaml", replace: "persistent_keepalive: 25",
           with: "persistent_keepalive: 25\npreshared_key_file: \"/etc/psk; rm -rf /\"", at: "\"/etc/psk"),
    Defect(.invalidVRP, "rpki/vrps.json", replace: "\"maxLength\": 64", with: "\"maxLength\": 200", at: "{\"asn\""),
]

@Suite("Each kind of defect is one diagnostic at its place")
struct DiagnosticTableTests {
    @Test("the test inventory itself is clean")
    func baseInventoryIsClean() {
        let checked = TestInventory.check()
        #expect(checked.diagnostics.isEmpty, "\(checked.diagnostics)")
    }

    @Test("one defect gives exactly its code at its line and column", arguments: defects)
    func defectIsReportedAtItsPlace(_ defect: Defect) throws {
        let files = defect.files()
        let checked = TestInventory.check(files)
        let expected = try #require(defect.expectedLocation(in: files))
        #expect(checked.diagnostics.count == 1, "\(DiagnosticRenderer.render(checked.diagnostics, as: .text))")
        let diagnostic = try #require(checked.diagnostics.first)
        #expect(diagnostic.code == defect.code)
        #expect(diagnostic.location == expected)
        #expect(!diagnostic.message.isEmpty)
    }

    @Test("every diagnostic code is covered by the table")
    func everyCodeHasACase() {
        let covered = Set(defects.map(\.code))
        let missing = DiagnosticCode.allCases.filter { !covered.contains($0) }
        #expect(missing.isEmpty, "no table case for: \(missing.map(\.rawValue))")
    }
}
