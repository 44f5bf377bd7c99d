import API
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The served inventory follows the branch, committed to by anyone, and never serves a commit that does not
/// validate.
@Suite("Reads: the compiled HEAD follows the branch")
struct ReadsHeadTests {
    static let dave = """
        kind: WireGuardClient
        name: dave
        server: server-1
        public_key: 0O7Ap+k4wSnN0sxp6m2JZ0vqlT5oz2zEPaxxm2sIgEs=
        ipv6_address: fd00:1234::5/128

        """

    @Test("a commit made outside the server is served on the next request, with its time as updated_at")
    func outsideCommit() async throws {
        let fixture = try ReadsFixture()
        try await fixture.withServer { client in
            #expect(try await client.read("/api/v1/wireguard/clients").array.count == 3)
            try fixture.workspace.write("inventory/wireguard/clients/dave.yaml", Self.dave)
            let bob = try String(contentsOfFile: fixture.workspace.path + "/inventory/wireguard/clients/bob.yaml",
                                 encoding: .utf8)
            try fixture.workspace.write("inventory/wireguard/clients/bob.yaml",
                                        bob.replacingOccurrences(of: "Bob's laptop", with: "Bob's new laptop"))
            try fixture.commit("add dave, rename bob's laptop", at: "2026-02-01T12:00:00Z")

            let answer = try await client.read("/api/v1/wireguard/clients")
            #expect(answer.array.map { $0["name"] as? String } == ["alice", "bob", "carol", "dave"])
            let dave = try #require(answer.byName["dave"])
            #expect(dave["created_at"] as? String == "2026-02-01T12:00:00Z")
            let bobNow = try #require(answer.byName["bob"])
            #expect(bobNow["description"] as? String == "Bob's new laptop")
            #expect(bobNow["created_at"] as? String == "2026-01-01T00:00:00Z")
            #expect(bobNow["updated_at"] as? String == "2026-02-01T12:00:00Z")
            #expect(answer.byName["alice"]?["updated_at"] as? String == "2026-01-01T00:00:00Z")
        }
    }

    @Test("a commit that does not validate keeps the last valid inventory served and says why")
    func invalidCommit() async throws {
        let fixture = try ReadsFixture()
        try await fixture.withServer { client in
            _ = try await client.read("/api/v1/wireguard/clients")
            let served = try await fixture.head.current().commit
            try fixture.workspace.write("inventory/wireguard/clients/dave.yaml",
                                        Self.dave.replacingOccurrences(of: "server-1", with: "server-9"))
            try fixture.commit("dave on a server that does not exist", at: "2026-02-01T12:00:00Z")
            let broken = try fixture.workspace.git("rev-parse", "HEAD")

            let answer = try await client.read("/api/v1/wireguard/clients")
            #expect(answer.status == .ok)
            #expect(answer.array.count == 3)
            #expect(try await fixture.head.current().commit == served)
            let rejection = try #require(await fixture.head.rejection)
            #expect(rejection.commit == broken)
            #expect(rejection.reason.contains("server-9"))
            #expect(!rejection.diagnostics.isEmpty)

            try fixture.workspace.write("inventory/wireguard/clients/dave.yaml", Self.dave)
            try fixture.commit("dave on server-1", at: "2026-02-02T12:00:00Z")
            #expect(try await client.read("/api/v1/wireguard/clients").array.count == 4)
            #expect(await fixture.head.rejection == nil)
        }
    }

    @Test("with no valid commit yet, reads are a 503 in the error shape")
    func nothingValid() async throws {
        let workspace = try GitWorkspace()
        try workspace.write("inventory/broken.yaml", "kind: WireGuardClient\nname: x\nserver: nowhere\n")
        try workspace.commitAll("broken from the start")
        let head = try InventoryHead(repository: workspace.path, folder: "inventory")
        try await ReadsFixture.serve(InventoryRoutes.all(head: head)) { client in
            let answer = try await client.read("/api/v1/wireguard/clients")
            #expect(answer.status == .serviceUnavailable)
            #expect(answer.object["error_code"] as? String == "INVENTORY_UNAVAILABLE")
        }
    }
}
