import API
import Compiler
import Foundation
import Sodium
import Testing

@Suite("API secrets: generated keys sealed, BGP passwords outside git")
struct APISecretsTests {
    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? nil
    }

    @Test("a client created without a public key gets a pair: the public key committed, the private key sealed")
    func generatesClientKey() async throws {
        let fixture = try WritesFixture()
        let server = try #require(try await fixture.head.current().inventory.servers.first)
        let box = TextBox()
        try await fixture.withServer { client in
            let answer = try await client.write(.post, "/api/v1/wireguard/clients",
                                                #"{"server_id": "\#(server.id)", "name": "dave", "ipv6_address": "fd00:1234::99/128"}"#)
            #expect(answer.status == .created, "\(answer.object)")
            box.text = answer.object["public_key"] as? String ?? ""
            let config = try await client.read("/api/v1/wireguard/clients/\(answer.object["id"] as? String ?? "")/config")
            let key = fixture.secrets.wireGuardPrivateKey(publicKey: box.text) ?? "missing"
            #expect((config.object["config"] as? String)?.contains("PrivateKey = \(key)\n") == true, "\(config.object)")
        }
        let publicKey = box.text
        #expect(Data(base64Encoded: publicKey)?.count == 32)
        let privateKey = try #require(fixture.secrets.wireGuardPrivateKey(publicKey: publicKey))
        let derived = Sodium.curve25519PublicKey(privateKey: Array(Data(base64Encoded: privateKey)!))
        #expect(derived.map { Data($0).base64EncodedString() } == publicKey)
        let committed = try fixture.file("inventory/wireguard-clients/dave.yaml")
        #expect(committed.contains("public_key: \(publicKey)") || committed.contains("public_key: \"\(publicKey)\""))
        #expect(!committed.contains(privateKey))
        // Sealed: the key is in no file of the state folder in clear, and every secret file is 0600.
        let folder = fixture.secrets.folder
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        let raw = Data(base64Encoded: privateKey)!
        for file in files {
            let path = folder + "/" + file
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(bytes.range(of: raw) == nil, "\(file) holds the private key")
            #expect(!String(decoding: bytes, as: UTF8.self).contains(privateKey), "\(file) holds the private key")
            #expect(Self.mode(path) == 0o600, "\(file)")
        }
        #expect(files.contains { $0.hasSuffix(".sealed") })
    }

    @Test("a server created without a public key gets one too; a given key is kept as given")
    func generatesServerKey() async throws {
        let fixture = try WritesFixture()
        let box = TextBox()
        try await fixture.withServer { client in
            let answer = try await client.write(.post, "/api/v1/wireguard/servers", """
                {"name": "server-2", "interface": "wg1", "listen_port": 51821, "ipv6_address": "fd00:5678::1/64"}
                """)
            #expect(answer.status == .created, "\(answer.object)")
            let key = try #require(answer.object["public_key"] as? String)
            #expect(fixture.secrets.wireGuardPrivateKey(publicKey: key) != nil)
            box.text = key
        }
        try Self.unsealsForTheRouter(publicKey: box.text, stateDirectory: fixture.bare + "-state")
    }

    /// `wgc keys unseal` writes the private key of `publicKey` to a new 0600 file that `wg pubkey` agrees with,
    /// refuses to overwrite a file, and names the key it does not hold.
    static func unsealsForTheRouter(publicKey: String, stateDirectory: String) throws {
        try #require(ServedWGC.built, "the wgc binary is built with the tests (swift build --build-tests)")
        try #require(Programs.available("wg"), "wireguard-tools is installed by scripts/install-deps")
        let file = stateDirectory + "-wg1.key"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let unseal = [APIServeCommandTests.wgc, "keys", "unseal", "--state-dir", stateDirectory, publicKey]
        let written = try Programs.run(unseal + ["--output", file])
        #expect(written.status == 0, "\(written.combined)")
        #expect(mode(file) == 0o600)
        let derived = try Programs.run(["wg", "pubkey"], input: try String(contentsOfFile: file, encoding: .utf8))
        #expect(derived.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == publicKey)
        let again = try Programs.run(unseal + ["--output", file])
        #expect(again.status == 2 && again.combined.contains("the file exists"), "\(again.combined)")
        let unknown = try Programs.run([APIServeCommandTests.wgc, "keys", "unseal", "--state-dir", stateDirectory,
                                        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="])
        #expect(unknown.status == 2 && unknown.combined.contains("holds no key sealed for"), "\(unknown.combined)")
    }

    @Test("a BGP password goes to a 0600 secret file, the session names it, and git never sees it")
    func storesPassword() async throws {
        let fixture = try WritesFixture()
        let password = "Tr0ub4dor-&-3"
        let box = TextBox()
        try await fixture.withServer { client in
            let answer = try await client.write(.post, "/api/v1/bgp/sessions", """
                {"name": "peer-9", "neighbor": "192.168.1.9", "remote_as": 65009, "password": "\(password)"}
                """)
            #expect(answer.status == .created, "\(answer.object)")
            #expect(answer.object["password"] as? String == "***")
            box.text = answer.object["id"] as? String ?? ""
            let quoted = try await client.write(.patch, "/api/v1/bgp/sessions/\(box.text)", #"{"password": "a\"b"}"#)
            #expect(quoted.status == .unprocessableContent)
        }
        let secret = fixture.secrets.folder + "/bgp/peer-9.conf"
        #expect(try String(contentsOfFile: secret, encoding: .utf8) == "password \"\(password)\";\n")
        #expect(Self.mode(secret) == 0o600)
        #expect(try fixture.file("inventory/bgp-sessions/peer-9.yaml").contains("password_secret: peer-9"))
        let history = try GitWorkspace.git(in: fixture.bare, "log", "-p", "--all")
        #expect(!history.contains(password))
        try await fixture.withServer { client in
            let cleared = try await client.write(.patch, "/api/v1/bgp/sessions/\(box.text)", #"{"password": null}"#)
            #expect(cleared.status == .ok)
            #expect(cleared.object["password"] is NSNull)
        }
    }
}

/// A text a test's server closure hands back to the test.
final class TextBox: @unchecked Sendable {  // written once inside the closure, read after it returned
    var text = ""
}
