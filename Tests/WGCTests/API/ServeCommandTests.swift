import API
import Foundation
import Testing

/// `wgc serve` and `wgc users` as an operator runs them.
@Suite("API command line")
struct APIServeCommandTests {
    static let wgc = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("wgc").path
    /// Empty values count as unset, so the operator's own environment cannot leak into the tests.
    static let noAdmin = ["WGC_ADMIN_USERNAME": "", "WGC_ADMIN_PASSWORD": "", "WGC_JWT_SECRET": "", "WGC_PASSWORD": ""]

    static func stateDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("wgc-serve-\(UUID().uuidString)").path
    }

    @Test("wgc serve without users and without WGC_ADMIN_* refuses to start and says how")
    func refusesWithoutAdmin() throws {
        let state = Self.stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let output = try Programs.run([Self.wgc, "serve", "--repo", state, "--state-dir", state,
                                       "--listen", "127.0.0.1:0"], timeout: 60, environment: Self.noAdmin)
        #expect(output.status != 0)
        #expect(output.stderr.contains("WGC_ADMIN_USERNAME") && output.stderr.contains("WGC_ADMIN_PASSWORD"))
        #expect(output.stderr.contains("wgc users create --state-dir \(state)"))
    }

    @Test("wgc users create takes the password from WGC_PASSWORD or stdin, never a flag")
    func usersCreate() async throws {
        let state = Self.stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        var environment = Self.noAdmin
        environment["WGC_PASSWORD"] = "root-password"
        let created = try Programs.run([Self.wgc, "users", "create", "--state-dir", state, "--username", "root",
                                        "--superuser"], timeout: 60, environment: environment)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(!created.stdout.contains("root-password"))
        let fromStdin = try Programs.run([Self.wgc, "users", "create", "--state-dir", state, "--username", "ops",
                                          "--email", "ops@example.net"], input: "ops-password\n", timeout: 60,
                                         environment: Self.noAdmin)
        #expect(fromStdin.status == 0, "\(fromStdin.stderr)")
        let short = try Programs.run([Self.wgc, "users", "create", "--state-dir", state, "--username", "x1y"],
                                     input: "short\n", timeout: 60, environment: Self.noAdmin)
        #expect(short.status != 0 && short.stderr.contains("at least 8"))

        let store = try SQLiteStore(stateDirectory: state)
        let root = try #require(try await store.user(username: "root"))
        #expect(root.isSuperuser && root.passwordHash.hasPrefix("$argon2id$"))
        let ops = try #require(try await store.user(username: "ops"))
        #expect(!ops.isSuperuser && ops.email == "ops@example.net")
    }
}
