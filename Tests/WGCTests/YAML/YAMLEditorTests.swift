import Testing
import YAML

@Suite("YAML editing in place")
struct YAMLEditorTests {
    let limits = YAMLLimits(maxDepth: 64, maxScalarBytes: 1 << 16, maxNodes: 1 << 16, maxAliasExpansion: 1 << 16)

    func edit(_ text: String, at mark: Mark = Mark(line: 1, column: 1),
              _ fields: [(key: String, value: YAMLValue?)]) throws -> String {
        var editor = YAMLEditor(Array(text.utf8))
        try editor.edit(documentAt: mark, setting: fields)
        return String(decoding: editor.bytes, as: UTF8.self)
    }

    @Test("replacing a value keeps the comments and the other fields byte for byte")
    func replacesInPlace() throws {
        let text = "# header é\nkind: BGPSession   # the kind\nname: peer-1\nhold_time: 90  # seconds\nenabled: true\n"
        let edited = try edit(text, at: Mark(line: 2, column: 1), [("hold_time", .int(180)), ("enabled", .bool(false))])
        #expect(edited == "# header é\nkind: BGPSession   # the kind\nname: peer-1\nhold_time: 180  # seconds\n"
                    + "enabled: false\n")
    }

    @Test("a new field goes after the last one, at the document's indentation, before trailing comments")
    func addsAfterLastField() throws {
        let text = "kind: BGPSession\nname: peer-1\nallowed:\n  - a\n  - b\n# trailing comment\n"
        let edited = try edit(text, [("description", .string("main peer"))])
        #expect(edited == "kind: BGPSession\nname: peer-1\nallowed:\n  - a\n  - b\ndescription: main peer\n"
                    + "# trailing comment\n")
    }

    @Test("a block list is replaced by a flow list and the comment after it survives")
    func replacesBlockList() throws {
        let text = "name: c\nallowed_ips:\n  - 0.0.0.0/0\n  - ::/0\n\n# keep me\nmtu: 1420\n"
        let edited = try edit(text, [("allowed_ips", .list([.string("::/0")]))])
        #expect(edited == "name: c\nallowed_ips: [\"::/0\"]\n\n# keep me\nmtu: 1420\n")
    }

    @Test("removing a field removes its lines only")
    func removesField() throws {
        let text = "name: c\ndescription: old   # why\nmtu: 1420\n"
        #expect(try edit(text, [("description", nil)]) == "name: c\nmtu: 1420\n")
    }

    @Test("an empty value is replaced without eating the next line")
    func replacesEmptyValue() throws {
        let text = "name: c\ndescription:\nmtu: 1420\n"
        #expect(try edit(text, [("description", .string("x"))]) == "name: c\ndescription: x\nmtu: 1420\n")
        #expect(try edit(text, [("description", nil)]) == "name: c\nmtu: 1420\n")
    }

    @Test("edits reach the document at the mark and no other")
    func editsSecondDocument() throws {
        let text = "kind: A\nname: a\n---\n# b's comment\nkind: A\nname: b\n"
        let edited = try edit(text, at: Mark(line: 5, column: 1), [("name", .string("c"))])
        #expect(edited == "kind: A\nname: a\n---\n# b's comment\nkind: A\nname: c\n")
    }

    @Test("removing documents", arguments: [
        ("kind: A\nname: a\n---\nkind: A\nname: b\n", 1, "kind: A\nname: b\n"),
        ("# head\nkind: A\nname: a\n---\nkind: A\nname: b\n", 2, "# head\nkind: A\nname: b\n"),
        ("kind: A\nname: a\n---\nkind: A\nname: b\n---\nkind: A\nname: c\n", 4,
         "kind: A\nname: a\n---\nkind: A\nname: c\n"),
        ("---\nkind: A\nname: a\n---\nkind: A\nname: b\n", 5, "---\nkind: A\nname: a\n"),
    ])
    func removesDocuments(text: String, line: Int, expected: String) throws {
        var editor = YAMLEditor(Array(text.utf8))
        try editor.removeDocument(at: Mark(line: line, column: 1))
        #expect(String(decoding: editor.bytes, as: UTF8.self) == expected)
    }

    @Test("an unknown document is refused")
    func refusesUnknownDocument() {
        var editor = YAMLEditor(Array("name: a\n".utf8))
        #expect(throws: YAMLEditor.Refusal.self) { try editor.removeDocument(at: Mark(line: 3, column: 1)) }
    }

    @Test("rendered text reads back as the same string", arguments: [
        "peer-1", "192.0.2.1", "2001:db8::1/64", "::/0", "0.0.0.0/0", "yes", "No", "null", "~", "1e3", "65001",
        "a: b", "a #b", "x,y", "[x]", "\"quoted\"", "back\\slash", "tab\there", "new\nline", "é", "", " lead",
        "trail ", "main peer", "-dash", "abc:", "0x1F", "1.5",
    ])
    func roundTrips(text: String) throws {
        let document = try YAMLParser.parse("v: " + YAMLValue.string(text).rendered + "\n", limits: limits)
        guard case .mapping(let pairs) = document[0].root.content, case .scalar(let back, let plain) = pairs[0].value.content
        else {
            Issue.record("not a mapping of a scalar")
            return
        }
        #expect(back == text)
        // Plain only when no YAML reader could take it for another type.
        if plain { #expect(Int(text) == nil && Double(text) == nil && !["yes", "no", "null", "~"].contains(text.lowercased())) }
    }
}
