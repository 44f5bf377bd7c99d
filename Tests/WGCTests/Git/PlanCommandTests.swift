import Foundation
import Testing

/// `wgc plan` run as a user runs it, on a real repository: the golden plan cases as commits, and its exit
/// statuses and errors.
@Suite("wgc plan")
struct PlanCommandTests {
    static var built: Bool { CommandLineTests.built }

    /// A repository whose branch `base` holds the plan fixture at its root and whose branch `head` holds `edits`
    /// applied on top, as one commit each.
    static func repository(applying edits: [FileEdit]) throws -> (GitWorkspace, base: String, head: String) {
        let workspace = try GitWorkspace()
        for file in try PlanFixture.baseFiles() {
            try workspace.write(file.key, file.value)
        }
        let base = try workspace.commitAll("base")
        try workspace.git("branch", "base")
        try workspace.git("checkout", "-q", "-b", "head")
        for edit in edits {
            switch edit {
            case .write(let path, let contents): try workspace.write(path, contents)
            case .delete(let path): try FileManager.default.removeItem(atPath: workspace.path + "/" + path)
            }
        }
        let head = try workspace.commitAll("head")
        return (workspace, base, head)
    }

    static let formats: [(flag: String, suffix: String)] = [("text", "txt"), ("markdown", "md"), ("json", "json")]

    @Test("each golden case, committed to a repository, plans exactly as the golden files say",
          .enabled(if: built, "wgc binary not built"), arguments: PlanCases.all.map(\.name))
    func goldenPlanFromRepository(_ name: String) throws {
        let planCase = try #require(PlanCases.all.first { $0.name == name })
        let (workspace, base, head) = try Self.repository(applying: planCase.edits)
        for (format, suffix) in Self.formats {
            var arguments = ["plan", workspace.path, "--base", "base", "--head", "head", "--format", format]
            if format == "text" { arguments.append("--diff") }
            let output = try Programs.run([CommandLineTests.wgc] + arguments)
            #expect(output.status == (name == "invalid-head" ? 1 : 0), "\(format): \(output.stderr)")
            let golden = Repository.fixtures.appendingPathComponent("golden/plan/\(name).\(suffix)")
            let expected = try String(contentsOf: golden, encoding: .utf8)
            #expect(Self.withoutCommits(output.stdout, base: base, head: head) == expected,
                    "\(name).\(suffix) differs from the plan of the repository")
            #expect(output.stdout.contains(String(head.prefix(12))))
        }
    }

    /// The golden files name no commits; the repository's plan names both, in labels and in JSON.
    static func withoutCommits(_ text: String, base: String, head: String) -> String {
        var text = text
        for sha in [base, head] {
            text = text.replacingOccurrences(of: "\"\(sha)\"", with: "null")
            text = text.replacingOccurrences(of: " (\(sha.prefix(12)))", with: "")
            text = text.replacingOccurrences(of: " (`\(sha.prefix(12))`)", with: "")
        }
        return text
    }

    @Test("plan reads the inventory folder the path names, and --inventory names it from the repository root",
          .enabled(if: built, "wgc binary not built"))
    func inventoryFolder() throws {
        let workspace = try GitWorkspace()
        try workspace.copy(Repository.example, to: "net/inventory")
        try workspace.write("net/README.md", "# the network\n")
        try workspace.commitAll("the network")
        try workspace.write("net/inventory/wireguard/clients/bob.yaml", """
            kind: WireGuardClient
            name: bob
            server: server-1
            public_key: "ZGF2ZWRhdmVkYXZlZGF2ZWRhdmVkYXZlZGF2ZWRhdmU="
            ipv4_address: 10.0.0.3/32
            ipv6_address: fd00:1234::3/128

            """)
        try workspace.commitAll("bob's new key")
        let byPath = try Programs.run([CommandLineTests.wgc, "plan", workspace.path + "/net/inventory", "--base", "HEAD~1"])
        let byOption = try Programs.run([CommandLineTests.wgc, "plan", workspace.path, "--base", "HEAD~1",
                                         "--inventory", "net/inventory"])
        #expect(byPath.status == 0, "\(byPath.combined)")
        #expect(byPath.stdout == byOption.stdout)
        #expect(byPath.stdout.contains("bob"))
        #expect(byPath.stdout.contains("peer-key-changed"))
        let node = try Programs.run([CommandLineTests.wgc, "plan", workspace.path + "/net/inventory", "--base", "HEAD~1",
                                     "--node", "edge-9"])
        #expect(node.status == 2)
        #expect(node.stderr.contains("edge-9"))
    }

    @Test("an invalid head prints its diagnostics at their place in the repository and exits 1",
          .enabled(if: built, "wgc binary not built"))
    func invalidHead() throws {
        let workspace = try GitWorkspace()
        try workspace.copy(Repository.example, to: "inventory")
        try workspace.commitAll("the network")
        let server = workspace.path + "/inventory/wireguard/server-1.yaml"
        try String(contentsOfFile: server, encoding: .utf8).replacingOccurrences(of: "listen_port: 51820",
                                                                                 with: "listen_port: 518200")
            .write(toFile: server, atomically: true, encoding: .utf8)
        try workspace.commitAll("a typo")
        let output = try Programs.run([CommandLineTests.wgc, "plan", workspace.path, "--base", "HEAD~1",
                                       "--inventory", "inventory"])
        #expect(output.status == 1)
        #expect(output.stdout.contains("inventory/wireguard/server-1.yaml:5:14: error[value-out-of-range]"))
    }

    @Test("unknown revisions, a missing inventory and a folder outside any repository exit 2",
          .enabled(if: built, "wgc binary not built"))
    func usageAndGitErrors() throws {
        let workspace = try GitWorkspace()
        try workspace.copy(Repository.example, to: "inventory")
        try workspace.commitAll("the network")
        let unknown = try Programs.run([CommandLineTests.wgc, "plan", workspace.path, "--base", "nope"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown revision 'nope'"))
        let missing = try Programs.run([CommandLineTests.wgc, "plan", workspace.path, "--base", "HEAD",
                                        "--inventory", "elsewhere"])
        #expect(missing.status == 2, "\(missing.combined)")
        #expect(missing.stderr.contains("elsewhere"))
        let outside = try TemporaryFolder()
        let notRepository = try Programs.run([CommandLineTests.wgc, "plan", outside.path, "--base", "HEAD"])
        #expect(notRepository.status == 2)
        #expect(notRepository.stderr.contains("not a git repository"))
        let noBase = try Programs.run([CommandLineTests.wgc, "plan", workspace.path])
        #expect(noBase.status == 2)
    }

    @Test("a base whose inventory cannot be read (a symbolic link) is an error, not an empty network",
          .enabled(if: built, "wgc binary not built"))
    func unreadableBase() throws {
        let workspace = try GitWorkspace()
        try workspace.copy(Repository.example, to: "inventory")
        let pool = workspace.path + "/inventory/pools/pool-1.yaml"
        try FileManager.default.moveItem(atPath: pool, toPath: workspace.path + "/pool-1.yaml")
        try FileManager.default.createSymbolicLink(atPath: pool, withDestinationPath: "../../pool-1.yaml")
        try workspace.commitAll("a link")
        try FileManager.default.removeItem(atPath: pool)
        try FileManager.default.moveItem(atPath: workspace.path + "/pool-1.yaml", toPath: pool)
        try workspace.commitAll("the file itself")
        let output = try Programs.run([CommandLineTests.wgc, "plan", workspace.path, "--base", "HEAD~1",
                                       "--inventory", "inventory"])
        #expect(output.status == 2, "\(output.combined)")
        #expect(output.stderr.contains("symbolic link"))
    }

    @Test("--strict judges head only: a base with warnings is still compared, not replaced by an empty network",
          .enabled(if: built, "wgc binary not built"))
    func strictJudgesHeadOnly() throws {
        let workspace = try GitWorkspace()
        try workspace.copy(Repository.example, to: "inventory")
        let bob = workspace.path + "/inventory/wireguard/clients/bob.yaml"
        let pinned = try String(contentsOfFile: bob, encoding: .utf8)
        try pinned.replacingOccurrences(of: "ipv4_address: 10.0.0.3/32\n", with: "")
            .write(toFile: bob, atomically: true, encoding: .utf8)
        try workspace.commitAll("bob unpinned: a warning")
        try pinned.write(toFile: bob, atomically: true, encoding: .utf8)
        try workspace.commitAll("bob pinned")
        let output = try Programs.run([CommandLineTests.wgc, "plan", workspace.path, "--base", "HEAD~1",
                                       "--inventory", "inventory", "--strict"])
        #expect(output.status == 0, "\(output.combined)")
        #expect(!output.stdout.contains("new node"), "\(output.stdout)")
        #expect(output.stdout.contains("edge-1: no changes"), "\(output.stdout)")
    }

    @Test("a base without the inventory (the pull request that adds it) plans everything as added",
          .enabled(if: built, "wgc binary not built"))
    func baseWithoutInventory() throws {
        let workspace = try GitWorkspace()
        try workspace.write("README.md", "# the network, soon\n")
        try workspace.commitAll("empty")
        try workspace.copy(Repository.example, to: "inventory")
        try workspace.commitAll("the network")
        let output = try Programs.run([CommandLineTests.wgc, "plan", workspace.path, "--base", "HEAD~1",
                                       "--inventory", "inventory"])
        #expect(output.status == 0, "\(output.combined)")
        #expect(output.stdout.contains("edge-1 (new node): 1 interface added, 3 peers added, 2 sessions added"))
    }
}
