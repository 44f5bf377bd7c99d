import Foundation
import Testing

/// The CI examples under `examples/ci` run as written: every command line in them that calls `wgc` (or `git`) is
/// run, unchanged, in a clone of a repository with a pull-request branch, with the variables the CI service sets.
@Suite("examples/ci")
struct CIExampleTests {
    static let cases: [(file: String, environment: [String: String])] = [
        ("github-actions.yml", ["GITHUB_BASE_REF": "main"]),
        ("gitlab-ci.yml", ["CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"]),
    ]

    /// The shell commands of `file` that call wgc or git: GitHub's `run:` lines and GitLab's `script:` items.
    static func commands(in file: String) throws -> [String] {
        let text = try String(contentsOfFile: Repository.root.appendingPathComponent("examples/ci/" + file).path,
                              encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            var command = line.trimmingCharacters(in: .whitespaces)
            for marker in ["run: ", "- "] where command.hasPrefix(marker) {
                command.removeFirst(marker.count)
            }
            return command.hasPrefix("wgc ") || command.hasPrefix("git ") ? command : nil
        }
    }

    @Test("the example jobs validate the head and write a markdown plan of the pull request",
          .enabled(if: CommandLineTests.built, "wgc binary not built"), arguments: cases.map(\.file))
    func jobRunsAsWritten(_ file: String) throws {
        let environment = try #require(Self.cases.first { $0.file == file }).environment
        let commands = try Self.commands(in: file)
        #expect(commands.contains { $0.hasPrefix("wgc validate") })
        #expect(commands.contains { $0.hasPrefix("wgc plan") && $0.contains("--format markdown") })

        let remote = try GitWorkspace(bare: true)
        let author = try GitWorkspace()
        try author.copy(Repository.example, to: "inventory")
        try author.commitAll("the network")
        try author.git("push", "-q", remote.path, "main")
        try author.git("checkout", "-q", "-b", "add-dave")
        try author.write("inventory/wireguard/clients/dave.yaml", """
            kind: WireGuardClient
            name: dave
            server: server-1
            public_key: "ZGF2ZWRhdmVkYXZlZGF2ZWRhdmVkYXZlZGF2ZWRhdmU="
            ipv4_address: 10.0.0.40/32
            ipv6_address: fd00:1234::40/128

            """)
        try author.commitAll("Add dave")
        try author.git("push", "-q", remote.path, "add-dave")
        let runner = try GitWorkspace(cloning: remote.path)
        try runner.git("checkout", "-q", "add-dave")

        let wgcFolder = URL(fileURLWithPath: CommandLineTests.wgc).deletingLastPathComponent().path
        var variables = environment.merging(GitWorkspace.environment) { $1 }
        variables["PATH"] = wgcFolder + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        for command in commands {
            let output = try Programs.run(["bash", "-euo", "pipefail", "-c", "cd \"$0\" && " + command, runner.path],
                                          environment: variables)
            #expect(output.status == 0, "\(command): \(output.combined)")
        }
        let plan = try String(contentsOfFile: runner.path + "/plan.md", encoding: .utf8)
        #expect(plan.contains("dave"))
        #expect(plan.contains("edge-1"))
    }
}
