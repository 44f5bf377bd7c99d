import API
import Compiler
import Foundation
import HummingbirdTesting
import Testing

/// A client's wg-quick config, as text and as a QR code, answered from the compiled HEAD by the real server.
@Suite("API: WireGuard client configs and QR codes")
struct APIClientConfigTests {
    static let carol = ResourceID.derive(kind: "WireGuardClient", key: "carol")
    static let alice = ResourceID.derive(kind: "WireGuardClient", key: "alice")
    static let unknown = "00000000-0000-4000-8000-000000000000"

    /// What `wgc compile examples/inventory` writes for `name`, reviewed in the golden files.
    static func compiledConfig(_ name: String) throws -> String {
        try String(contentsOf: Repository.fixtures.appendingPathComponent("golden/example/edge-1/clients/\(name).conf"),
                   encoding: .utf8)
    }

    @Test("a client's config is the compiled file, naming its delegated prefixes and the server's key and endpoint")
    func config() async throws {
        let fixture = try ReadsFixture()
        try await fixture.withServer { client in
            let answer = try await client.read("/api/v1/wireguard/clients/\(Self.carol)/config")
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(Array(answer.object.keys) == ["config"])
            let config = try #require(answer.object["config"] as? String)
            #expect(config.contains("# Delegated prefixes (route these on your LAN):\n#   2001:db8:100:200::/64\n"))
            #expect(config.contains("PublicKey = CVOB2rp3R9Y8ALzQapaAIyTIpGtnErJB5eRKQCSEwHQ="))
            #expect(config.contains("Endpoint = edge-1.example.net:51820"))
            #expect(config.contains("PrivateKey = <private key of carol>"))
            #expect(config == (try Self.compiledConfig("carol")))

            let alice = try await client.read("/api/v1/wireguard/clients/\(Self.alice.uppercased())/config")
            #expect(alice.object["config"] as? String == (try Self.compiledConfig("alice")))
            #expect((alice.object["config"] as? String)?.contains("#   2001:db8:100:100::/56\n") == true)
        }
    }

    @Test("the client's JSON lists the same delegated prefixes as its config")
    func delegatedPrefixesField() async throws {
        let fixture = try ReadsFixture()
        try await fixture.withServer { client in
            let carol = try await client.read("/api/v1/wireguard/clients/\(Self.carol)")
            #expect(carol.object["delegated_prefixes"] as? [String] == ["2001:db8:100:200::/64"])
        }
    }

    @Test("the QR code is a PNG data URI that zbarimg reads back as the config, byte for byte")
    func qrCode() async throws {
        let fixture = try ReadsFixture()
        try await fixture.withServer { client in
            let answer = try await client.read("/api/v1/wireguard/clients/\(Self.carol)/qrcode")
            #expect(answer.status == .ok)
            #expect(Array(answer.object.keys) == ["qrcode"])
            let uri = try #require(answer.object["qrcode"] as? String)
            let prefix = "data:image/png;base64,"
            #expect(uri.hasPrefix(prefix))
            let png = try #require(Data(base64Encoded: String(uri.dropFirst(prefix.count))))
            _ = try QRCodeTests.Header([UInt8](png))
            let decoded = try #require(try QRCodeTests.decode([UInt8](png)))
            #expect(Array(decoded.utf8) == Array(try Self.compiledConfig("carol").utf8))
        }
    }

    @Test("an unknown id is a 404 and an id that is no UUID a 400, in the API's error shape",
          arguments: ["config", "qrcode"])
    func unknownClient(_ leaf: String) async throws {
        let fixture = try ReadsFixture()
        try await fixture.withServer { client in
            let missing = try await client.read("/api/v1/wireguard/clients/\(Self.unknown)/\(leaf)")
            #expect(missing.status == .notFound)
            #expect(missing.object["error_code"] as? String == "NOT_FOUND")
            #expect((missing.object["detail"] as? String)?.contains(Self.unknown) == true)
            #expect(missing.object["timestamp"] is String)
            let malformed = try await client.read("/api/v1/wireguard/clients/carol/\(leaf)")
            #expect(malformed.status == .badRequest)
            #expect(malformed.object["error_code"] as? String == "INVALID_ID")
        }
    }

    @Test("without a token both answer 401 and no config", arguments: ["config", "qrcode"])
    func needsToken(_ leaf: String) async throws {
        let fixture = try ReadsFixture()
        let server = try await APITestServer()
        try await server.run(routes: InventoryRoutes.all(head: fixture.head)) { api in
            let response = try await api.send(.get, "/api/v1/wireguard/clients/\(Self.carol)/\(leaf)")
            #expect(response.status == .unauthorized)
            #expect(try api.error(response).errorCode == "NOT_AUTHENTICATED")
        }
    }
}
