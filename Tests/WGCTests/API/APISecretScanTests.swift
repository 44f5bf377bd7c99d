import Foundation
import Sodium
import Testing

/// No password or private key given to the API ends up in git, in the state directory or in the server's log.
@Suite("API secret scan", .serialized)
struct APISecretScanTests {
    static let operatorPassword = "operator-password-5d2e"
    static let changedPassword = "changed-password-91ab"
    static let bgpPassword = "bgp-md5-secret-3f7a"

    @Test("writes that carry secrets leave none in the history, the state directory (in clear) or the log",
          .enabled(if: ServedWGC.built, "wgc binary not built (swift build --build-tests builds it)"),
          .timeLimit(.minutes(2)))
    func noSecretsAnywhere() async throws {
        let served = try ServedWGC()
        let clientKey = Sodium.generatePrivateKey()
        let serverKey = Sodium.generatePrivateKey()
        let scan = SecretScan(literals: [ServedWGC.adminPassword, Self.operatorPassword, Self.changedPassword,
                                         Self.bgpPassword],
                              privateKeys: [clientKey, serverKey])
        try served.start()
        try await Self.driveWithSecrets(served.client, clientKey: clientKey, serverKey: serverKey)
        served.signal(SIGTERM)
        #expect(served.waitForExit(timeout: 30) == 0)

        let history = try scan.history(of: served.repository)
        #expect(history.isEmpty, "\(history)")
        // A BGP password must reach BIRD in clear: it is kept, by design, only in the state folder's 0600
        // secrets/bgp/NAME.conf (what the routers' --secret-dir gets), nowhere else.
        let bgpSecrets = served.stateDirectory + "/secrets/bgp/"
        let state = try scan.files(under: served.stateDirectory).filter { !$0.place.hasPrefix(bgpSecrets) }
        #expect(state.isEmpty, "\(state)")
        for file in (try? FileManager.default.contentsOfDirectory(atPath: bgpSecrets)) ?? [] {
            let mode = try FileManager.default.attributesOfItem(atPath: bgpSecrets + file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file)")
        }
        let log = scan.findings(in: Data(served.output.utf8), place: "the server's log", structured: false)
        #expect(log.isEmpty, "\(log)")
    }

    @Test("the scan finds a password, a known key and a committed key pair, even in a blob a later commit removed")
    func findsSecrets() throws {
        let workspace = try GitWorkspace()
        let key = Sodium.generatePrivateKey()
        let publicKey = Data(try #require(Sodium.curve25519PublicKey(privateKey: key))).base64EncodedString()
        let stray = Sodium.generatePrivateKey()
        let strayPublic = Data(try #require(Sodium.curve25519PublicKey(privateKey: stray))).base64EncodedString()
        try workspace.write("bgp.yaml", "kind: BGPSession\nname: x\npassword: \"s3cret-value\"\n")
        try workspace.write("keys.json", #"{"private_key": "\#(Data(key).base64EncodedString())"}"# + "\n")
        try workspace.write("pair.yaml", "private: \(Data(stray).base64EncodedString())\npublic_key: \(strayPublic)\n")
        try workspace.write("clean.yaml",
                            "password: null\npassword_file: /etc/bird/peer.pw\npublic_key: \(publicKey)\n")
        try workspace.commitAll("secrets")
        try workspace.git("rm", "-q", "bgp.yaml", "keys.json", "pair.yaml")
        try workspace.commitAll("gone again")

        let findings = try SecretScan(literals: ["s3cret-value"], privateKeys: [key]).history(of: workspace.path)
        let rules = Set(findings.map(\.rule))
        #expect(rules == ["a password of the test", "a private key of the test", "password with a value",
                          "private_key with a value", "private key of a public key in the repository"],
                "\(findings)")
        #expect(!findings.contains { $0.place.contains("clean.yaml") }, "\(findings)")
    }

    /// Logs in, makes a user and changes its password, and writes a BGP session and a client and server with
    /// secrets in their bodies (a session password is kept outside git; private keys are refused as unknown
    /// fields) and without.
    static func driveWithSecrets(_ client: ServedClient, clientKey: [UInt8], serverKey: [UInt8]) async throws {
        let admin = try await client.token()
        let created = try await client.send(.post, "/api/v1/users", token: admin, body: """
            {"username": "operator", "email": "ops@example.net", "password": "\(operatorPassword)",
             "is_superuser": true}
            """)
        #expect(created.status == .created, "\(created.object)")
        let id = try #require(created.object["id"] as? String)
        _ = try await client.token("operator", operatorPassword)
        let changed = try await client.send(.patch, "/api/v1/users/\(id)", token: admin,
                                            body: #"{"password": "\#(changedPassword)"}"#)
        #expect(changed.status == .ok, "\(changed.object)")
        let token = try await client.token("operator", changedPassword)
        let refused = try await client.send(.post, "/api/v1/auth/login",
                                            body: #"{"username": "operator", "password": "\#(operatorPassword)"}"#)
        #expect(refused.status == .unauthorized)

        let withPassword = try await client.send(.post, APICrashTests.sessions, token: token, body: """
            {"name": "secret-peer", "neighbor": "2001:db8:e0::1", "remote_as": 65201, "password": "\(bgpPassword)"}
            """)
        #expect([.created, .unprocessableContent].contains(withPassword.status), "\(withPassword.object)")
        let plain = try await client.send(.post, APICrashTests.sessions, token: token,
                                          body: ServedClient.session("plain-peer", neighbor: "2001:db8:e0::2"))
        #expect(plain.status == .created, "\(plain.object)")

        let servers = try await client.send(.get, "/api/v1/wireguard/servers", token: token)
        let items = servers.json as? [[String: Any]] ?? servers.object["items"] as? [[String: Any]] ?? []
        let serverID = try #require(items.first?["id"] as? String, "\(servers.object)")
        let publicKey = Data(try #require(Sodium.curve25519PublicKey(privateKey: clientKey))).base64EncodedString()
        let withKey = try await client.send(.post, "/api/v1/wireguard/clients", token: token, body: """
            {"server_id": "\(serverID)", "name": "keyed", "public_key": "\(publicKey)",
             "private_key": "\(Data(clientKey).base64EncodedString())", "ipv6_address": "fd00:1234::91/128"}
            """)
        #expect([.created, .unprocessableContent].contains(withKey.status), "\(withKey.object)")
        let otherPublicKey = Data(try #require(Sodium.curve25519PublicKey(privateKey: Sodium.generatePrivateKey())))
            .base64EncodedString()
        let plainClient = try await client.send(.post, "/api/v1/wireguard/clients", token: token, body: """
            {"server_id": "\(serverID)", "name": "dave", "public_key": "\(otherPublicKey)",
             "ipv6_address": "fd00:1234::92/128"}
            """)
        #expect(plainClient.status == .created, "\(plainClient.object)")
        let serverPublic = Data(try #require(Sodium.curve25519PublicKey(privateKey: serverKey))).base64EncodedString()
        let withServerKey = try await client.send(.patch, "/api/v1/wireguard/servers/\(serverID)", token: token,
                                                  body: """
            {"public_key": "\(serverPublic)", "private_key": "\(Data(serverKey).base64EncodedString())"}
            """)
        #expect([.ok, .unprocessableContent].contains(withServerKey.status), "\(withServerKey.object)")
    }
}
