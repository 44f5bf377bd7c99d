@testable import Compiler
import Foundation
import PropertyBased
import Testing

@Suite("Unified diff")
struct UnifiedDiffTests {
    static func diff(_ old: String, _ new: String) -> String {
        UnifiedDiff.render(old: old, new: new, oldLabel: "a/f", newLabel: "b/f")
    }

    /// What GNU `diff -u` prints for the same two texts, with the same labels.
    static func gnuDiff(_ old: String, _ new: String) throws -> String {
        let folder = try TemporaryFolder()
        let oldPath = try folder.write("old", old)
        let newPath = try folder.write("new", new)
        return try Programs.run(["diff", "-u", "--label", "a/f", "--label", "b/f", oldPath, newPath]).stdout
    }

    /// Applies a unified diff to `old` the way `patch` does, strictly: every context and removed line must match.
    static func apply(_ diff: String, to old: String) -> String? {
        let oldLines = LineTable(old)
        var result: [String] = (0..<oldLines.count).map { oldLines.key($0) }
        var lines = diff.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard lines.count >= 2 || lines.isEmpty else { return nil }
        var output: [String] = []
        var cursor = 0
        var index = 2
        while index < lines.count {
            let header = lines[index]
            guard header.hasPrefix("@@ -") else { return nil }
            let start = Int(header.dropFirst(4).prefix { $0.isNumber }) ?? 0
            let oldCount = header.split(separator: " ")[1].contains(",")
                ? Int(header.split(separator: " ")[1].split(separator: ",")[1])! : 1
            let first = oldCount == 0 ? start : start - 1
            guard first >= cursor else { return nil }
            output += result[cursor..<first]
            cursor = first
            index += 1
            while index < lines.count, !lines[index].hasPrefix("@@") {
                let line = lines[index]
                let noNewline = index + 1 < lines.count && lines[index + 1] == "\\ No newline at end of file"
                let text = String(line.dropFirst()) + (noNewline ? "" : "\n")
                switch line.first {
                case " ":
                    guard cursor < result.count, result[cursor] == text else { return nil }
                    output.append(text)
                    cursor += 1
                case "-":
                    guard cursor < result.count, result[cursor] == text else { return nil }
                    cursor += 1
                case "+": output.append(text)
                default: return nil
                }
                index += noNewline ? 2 : 1
            }
        }
        output += result[cursor...]
        result = output
        return result.joined()
    }

    @Test("equal texts have no diff, empty ones included")
    func equalTexts() {
        #expect(Self.diff("", "") == "")
        #expect(Self.diff("a\nb\n", "a\nb\n") == "")
        #expect(Self.diff("no newline", "no newline") == "")
    }

    @Test("an added file diffs from /dev/null, a removed one to it, as git shows them")
    func addedAndRemovedFiles() {
        let added = UnifiedDiff.render(old: "", new: "one\ntwo\n", oldLabel: "/dev/null", newLabel: "b/x.conf")
        #expect(added == "--- /dev/null\n+++ b/x.conf\n@@ -0,0 +1,2 @@\n+one\n+two\n")
        let removed = UnifiedDiff.render(old: "one\n", new: "", oldLabel: "a/x.conf", newLabel: "/dev/null")
        #expect(removed == "--- a/x.conf\n+++ /dev/null\n@@ -1 +0,0 @@\n-one\n")
    }

    @Test("a missing final line break is marked as diff marks it", arguments: [
        ("a\nb", "a\nb\n"), ("a\nb\n", "a\nb"), ("a\nb", "a\nc"), ("x\na\nb", "y\na\nb"), ("", "a"), ("a", ""),
        ("a\n", "a"), ("1\n2\n3\n4\n5\n6\n7\n8\nend", "1\n2\n3\n4\n5\n6\n7\n8\nEND"),
    ])
    func missingFinalLineBreak(_ old: String, _ new: String) throws {
        #expect(Self.diff(old, new) == (try Self.gnuDiff(old, new)))
    }

    @Test("hunks: three lines of context, joined when at most six unchanged lines separate two changes",
          arguments: [6, 7, 8])
    func hunkJoining(gap: Int) throws {
        let old = (1...30).map { "line \($0)\n" }
        var new = old
        new[4] = "changed 5\n"
        new[4 + gap + 1] = "changed \(6 + gap)\n"
        let diff = Self.diff(old.joined(), new.joined())
        #expect(diff == (try Self.gnuDiff(old.joined(), new.joined())))
        #expect(diff.components(separatedBy: "\n@@").count == (gap <= 6 ? 2 : 3))
    }

    @Test("generated configs with a peer added, removed or changed give exactly diff -u's output")
    func realConfigs() throws {
        let golden = Repository.fixtures.appendingPathComponent("golden/example/edge-1")
        let server = try String(contentsOf: golden.appendingPathComponent("wireguard/wg0.conf"), encoding: .utf8)
        let bird = try String(contentsOf: golden.appendingPathComponent("bird.conf"), encoding: .utf8)
        let allocations = try String(contentsOf: golden.appendingPathComponent("allocations.json"), encoding: .utf8)
        let peer = "\n# dave\n[Peer]\nPublicKey = 9Q8sJ5Q2Jt0Vx7hZ2Zr6cTtq3PL4Sx0fY0UyYQmrtW8=\n"
            + "AllowedIPs = 10.0.0.9/32\n"
        let cases: [(String, String)] = [
            (server, server.replacingOccurrences(of: "\n# carol", with: peer + "\n# carol")),
            (server, server + peer),
            (server, server.replacingOccurrences(of: "HvZa87jzCTlwV37KL4gmhoqJ5/MDJq4EWcHZGF7BZCY=",
                                                 with: "9Q8sJ5Q2Jt0Vx7hZ2Zr6cTtq3PL4Sx0fY0UyYQmrtW8=")),
            (bird, bird.replacingOccurrences(of: "hold time 90;", with: "hold time 60;")),
            (bird, bird.replacingOccurrences(of: "    # 2001:db8:100:200::/64: allocation for carol\n", with: "")),
            (allocations, allocations.replacingOccurrences(of: "\"used\" : 3", with: "\"used\" : 2")),
        ]
        for (old, new) in cases {
            #expect(old != new, "the edit applies")
            #expect(Self.diff(old, new) == (try Self.gnuDiff(old, new)))
        }
    }

    @Test("any two texts: applying the diff to the old text gives the new one")
    func roundTrip() async {
        let text = Gen.int(in: 0...5).array(of: 0...25)
        await propertyCheck(count: 2000, input: text, text, Gen.bool, Gen.bool) { old, new, oldBreak, newBreak in
            let oldText = Self.text(old, finalBreak: oldBreak)
            let newText = Self.text(new, finalBreak: newBreak)
            let diff = Self.diff(oldText, newText)
            #expect((diff.isEmpty) == (oldText == newText))
            #expect(Self.apply(diff, to: oldText) == newText,
                    "\(oldText.debugDescription) → \(newText.debugDescription):\n\(diff)")
        }
    }

    @Test("patch(1) agrees: it applies every diff cleanly and gives the new text")
    func patchAgrees() async throws {
        let text = Gen.int(in: 0...5).array(of: 0...40)
        await propertyCheck(count: 60, input: text, text, Gen.bool) { old, new, finalBreak in
            let oldText = Self.text(old, finalBreak: true)
            let newText = Self.text(new, finalBreak: finalBreak)
            let diff = Self.diff(oldText, newText)
            guard !diff.isEmpty else { return }
            let folder = try TemporaryFolder()
            let file = try folder.write("f", oldText)
            let patch = try folder.write("p", diff)
            let result = try Programs.run(["patch", "--quiet", "--force", file, patch])
            #expect(result.status == 0, "\(result.combined)")
            #expect(try String(contentsOfFile: file, encoding: .utf8) == newText)
        }
    }

    @Test("a 10,000-peer wg0.conf with one peer changed diffs in a few milliseconds")
    func largeFile() throws {
        var peers: [String] = []
        for index in 0..<10_000 {
            peers.append("\n# client-\(index)\n[Peer]\nPublicKey = key-\(index)\n"
                             + "AllowedIPs = 10.\(index / 256).\(index % 256).1/32\n")
        }
        let old = "[Interface]\nListenPort = 51820\n" + peers.joined()
        peers[5_000] = peers[5_000].replacingOccurrences(of: "key-5000", with: "new-key")
        let new = "[Interface]\nListenPort = 51820\n" + peers.joined()
        let clock = ContinuousClock()
        var diff = ""
        let elapsed = clock.measure { diff = Self.diff(old, new) }
        #expect(diff == (try Self.gnuDiff(old, new)))
        #expect(elapsed < .seconds(1), "took \(elapsed)")
    }

    @Test("texts too different to align cheaply still give a correct diff, quickly")
    func expensiveRegion() {
        // Few distinct lines and no unique ones: no anchors, and Myers would need thousands of edits.
        let old = (0..<3000).map { "line \($0 % 7 == 0 ? 1 : 0)\n" }.joined()
        let new = (0..<3000).map { "line \($0 % 5 == 0 ? 1 : 0)\n" }.joined()
        let clock = ContinuousClock()
        var diff = ""
        let elapsed = clock.measure { diff = Self.diff(old, new) }
        #expect(Self.apply(diff, to: old) == new)
        #expect(elapsed < .seconds(2), "took \(elapsed)")
    }

    static func text(_ lines: [Int], finalBreak: Bool) -> String {
        let text = lines.map { "line \($0)" }.joined(separator: "\n")
        return text.isEmpty || !finalBreak ? text : text + "\n"
    }
}
