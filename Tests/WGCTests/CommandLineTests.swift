import Foundation
import Testing

/// The `wgc` binary as a user runs it: exit statuses, output formats, what it writes and refuses to write.
@Suite("wgc command line")
struct CommandLineTests {
    /// The wgc binary built next to this test bundle.
    static let wgc: String = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("wgc").path
    static var built: Bool { FileManager.default.isExecutableFile(atPath: wgc) }

    static func run(_ arguments: String..., input: String? = nil) throws -> Programs.Output {
        try Programs.run([wgc] + arguments, input: input)
    }

    /// A copy of the example inventory with `old` replaced by `new` in the file at `relative`.
    static func exampleCopy(in folder: TemporaryFolder, editing relative: String, replace old: String,
                            with new: String) throws -> String {
        let inventory = try exampleCopy(in: folder)
        let path = inventory + "/" + relative
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(old), "\(relative) no longer holds \(old)")
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
        return inventory
    }

    /// A copy of the example inventory the test may change.
    static func exampleCopy(in folder: TemporaryFolder) throws -> String {
        let target = folder.url.appendingPathComponent("inventory")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Repository.example), to: target)
        return target.path
    }

    @Test("validate: 0 for the example, 1 with the error at its place, 2 for a missing path",
          .enabled(if: built, "wgc binary not built (swift build --build-tests builds it)"))
    func validateExitStatuses() throws {
        let valid = try Self.run("validate", Repository.example)
        #expect(valid.status == 0, "\(valid.combined)")
        #expect(valid.stdout.contains("valid: 1 nodes"))

        let folder = try TemporaryFolder()
        let inventory = try Self.exampleCopy(in: folder, editing: "wireguard/server-1.yaml",
                                             replace: "listen_port: 51820", with: "listen_port: 518200")
        let invalid = try Self.run("validate", inventory)
        #expect(invalid.status == 1)
        #expect(invalid.stdout.contains(inventory + "/wireguard/server-1.yaml:5:14: error[value-out-of-range]: "
                                        + "'listen_port' is 518200, outside 1…65535"), "\(invalid.stdout)")

        let github = try Self.run("validate", inventory, "--format", "github")
        #expect(github.status == 1)
        #expect(github.stdout.hasPrefix("::error file=\(inventory)/wireguard/server-1.yaml,line=5,col=14,"))

        let json = try Self.run("validate", inventory, "--format", "json")
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(report?["valid"] as? Bool == false)
        #expect((report?["diagnostics"] as? [[String: Any]])?.first?["code"] as? String == "value-out-of-range")

        #expect(try Self.run("validate", folder.path + "/nowhere").status == 2)
        let emptyFolder = try TemporaryFolder()
        let empty = try Self.run("validate", emptyFolder.path)
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("holds no inventory files"), "\(empty.stderr)")
        #expect(try Self.run("validate", "--no-such-flag", Repository.example).status == 2)
    }

    @Test("validate reports a 100,000-deep file as invalid (exit 1), and a --vrps export past 1 GiB as an I/O error",
          .enabled(if: built, "wgc binary not built"))
    func hostileFilesAreDiagnosed() throws {
        let folder = try TemporaryFolder()
        let deep = try folder.write("deep.yaml", "description:\n" + String(repeating: "- ", count: 100_000) + "x\n")
        let refused = try Self.run("validate", deep)
        #expect(refused.status == 1, "a status over 128 is a signal: \(refused.status) \(refused.stderr)")
        #expect(refused.stdout.hasPrefix(deep + ":2:511: error[nesting-too-deep]: "), "\(refused.stdout)")

        let export = try folder.write("export.json", "")
        #expect(truncate(export, off_t(1 << 30) + 1) == 0)
        let tooLarge = try Self.run("validate", Repository.example, "--vrps", export)
        #expect(tooLarge.status == 2)
        #expect(tooLarge.stderr.contains("export.json: is 1.1 GiB, larger than the limit of 1 GiB"), "\(tooLarge.stderr)")
    }

    @Test("--strict fails on warnings", .enabled(if: built, "wgc binary not built"))
    func strictFailsOnWarnings() throws {
        let folder = try TemporaryFolder()
        let inventory = try Self.exampleCopy(in: folder, editing: "wireguard/clients/bob.yaml",
                                             replace: "ipv4_address: 10.0.0.3/32\n", with: "")
        let lenient = try Self.run("validate", inventory)
        #expect(lenient.status == 0)
        #expect(lenient.stdout.contains("warning[unpinned-address]"))
        #expect(try Self.run("validate", inventory, "--strict").status == 1)
    }

    @Test("compile writes every node's files, byte-identical twice, and refuses a foreign folder",
          .enabled(if: built, "wgc binary not built"))
    func compileWritesAndRefuses() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/out"
        #expect(try Self.run("compile", Repository.example, "--out", out).status == 0)
        let bird = try String(contentsOfFile: out + "/edge-1/bird.conf", encoding: .utf8)
        #expect(bird.contains("protocol bgp bgp_transit_1"))
        #expect(try Self.run("compile", Repository.example, "--out", out).status == 0, "recompiling into its own output")
        #expect(try String(contentsOfFile: out + "/edge-1/bird.conf", encoding: .utf8) == bird)

        let foreign = try folder.write("foreign/notes.txt", "mine")
        let refused = try Self.run("compile", Repository.example, "--out", folder.path + "/foreign")
        #expect(refused.status == 2)
        #expect(FileManager.default.fileExists(atPath: foreign), "a folder wgc did not write is left alone")

        let inventory = try Self.exampleCopy(in: folder)
        try "kind: Node\nname: [\n".write(toFile: inventory + "/broken.yaml", atomically: true, encoding: .utf8)
        let invalidOut = folder.path + "/never"
        #expect(try Self.run("compile", inventory, "--out", invalidOut).status == 1)
        #expect(!FileManager.default.fileExists(atPath: invalidOut), "nothing is written for an invalid inventory")
    }

    @Test("allocate adds the lowest free aligned prefix and the inventory stays valid",
          .enabled(if: built, "wgc binary not built"))
    func allocateWritesAnAllocation() throws {
        let folder = try TemporaryFolder()
        let inventory = try Self.exampleCopy(in: folder)
        let first = try Self.run("allocate", inventory, "--pool", "pool-1", "--client", "bob")
        #expect(first.status == 0, "\(first.combined)")
        // The /48 holds the LAN /64 (in block 0), alice's /56 (block 1) and carol's /64 (block 2).
        #expect(first.stdout.contains("prefix: 2001:db8:100:300::/56"), "\(first.stdout)")
        let second = try Self.run("allocate", inventory, "--pool", "pool-1", "--client", "bob", "--length", "64")
        // Fits right after the LAN /64, inside block 0 which the LAN only partly uses.
        #expect(second.stdout.contains("prefix: 2001:db8:100:1::/64"), "\(second.stdout)")
        #expect(try Self.run("validate", inventory, "--strict").status == 0)
        let unknown = try Self.run("allocate", inventory, "--pool", "pool-2", "--client", "bob")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("did you mean 'pool-1'"))
        let tooShort = try Self.run("allocate", inventory, "--pool", "pool-1", "--client", "bob", "--length", "48")
        #expect(tooShort.status == 1)
    }

    @Test("keys generate and keys public agree with wg", .enabled(if: built && Programs.available("wg"), "needs wgc and wg"))
    func keysAgreeWithWG() throws {
        let privateKey = try Self.run("keys", "generate").check("wgc keys generate").stdout
        let ours = try Self.run("keys", "public", input: privateKey).check("wgc keys public").stdout
        let theirs = try Programs.run(["wg", "pubkey"], input: privateKey).check("wg pubkey").stdout
        #expect(ours == theirs)
        #expect(try Self.run("keys", "public", input: "not a key").status == 2)
    }
}
