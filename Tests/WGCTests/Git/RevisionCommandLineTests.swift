import Foundation
import Testing

/// `--rev` on validate and compile, as a CI job runs them: the files of a commit, not of the work tree.
@Suite("wgc --rev")
struct RevisionCommandLineTests {
    static var built: Bool { CommandLineTests.built }

    @Test("validate --rev checks the commit, not the edited work tree; compile --rev writes the commit's configs",
          .enabled(if: built, "wgc binary not built"))
    func validatesAndCompilesRevision() throws {
        let workspace = try GitWorkspace()
        try workspace.copy(Repository.example, to: "inventory")
        try workspace.commitAll("example")
        let server = workspace.path + "/inventory/wireguard/server-1.yaml"
        let text = try String(contentsOfFile: server, encoding: .utf8)
        try text.replacingOccurrences(of: "listen_port: 51820", with: "listen_port: 518200")
            .write(toFile: server, atomically: true, encoding: .utf8)
        let inventory = workspace.path + "/inventory"

        let dirty = try CommandLineTests.run("validate", inventory)
        #expect(dirty.status == 1)
        #expect(dirty.stdout.contains("\(inventory)/wireguard/server-1.yaml:5:14: error[value-out-of-range]"))
        let committed = try CommandLineTests.run("validate", inventory, "--rev", "HEAD")
        #expect(committed.status == 0, "\(committed.combined)")

        try workspace.commitAll("break the port")
        let broken = try CommandLineTests.run("validate", inventory, "--rev", "main", "--format", "json")
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("\"value-out-of-range\""))
        #expect(try CommandLineTests.run("validate", inventory, "--rev", "HEAD~1").status == 0)

        let out = try TemporaryFolder()
        let fromRevision = try CommandLineTests.run("compile", inventory, "--rev", "HEAD~1", "--out", out.path + "/rev")
        #expect(fromRevision.status == 0, "\(fromRevision.combined)")
        try workspace.git("checkout", "-q", "HEAD~1")
        let fromCheckout = try CommandLineTests.run("compile", inventory, "--out", out.path + "/checkout")
        #expect(fromCheckout.status == 0)
        let diff = try Programs.run(["diff", "-r", out.path + "/rev", out.path + "/checkout"])
        #expect(diff.status == 0, "\(diff.combined)")

        try workspace.git("checkout", "-q", "main")
        try FileManager.default.removeItem(atPath: inventory + "/wireguard")
        let gone = try CommandLineTests.run("validate", inventory + "/wireguard", "--rev", "HEAD~1")
        #expect(gone.status == 1, "a folder only the revision has is read from it: \(gone.combined)")
        #expect(gone.stdout.contains("unknown"), "\(gone.stdout)")
    }

    @Test("an unknown revision and a folder outside any repository exit 2 with a message saying so",
          .enabled(if: built, "wgc binary not built"))
    func gitErrorsExitTwo() throws {
        let workspace = try GitWorkspace()
        try workspace.copy(Repository.example, to: "inventory")
        try workspace.commitAll("example")
        let unknown = try CommandLineTests.run("validate", workspace.path + "/inventory", "--rev", "no-such-rev")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown revision 'no-such-rev'"))
        let outside = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: Repository.example, toPath: outside.path + "/inventory")
        let notRepository = try CommandLineTests.run("compile", outside.path + "/inventory", "--rev", "HEAD",
                                                     "--out", outside.path + "/out")
        #expect(notRepository.status == 2)
        #expect(notRepository.stderr.contains("not a git repository"))
        #expect(!FileManager.default.fileExists(atPath: outside.path + "/out"))
    }
}
