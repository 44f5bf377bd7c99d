import Testing
@testable import WireGuard

private typealias F = WireGuardFixtures

@Suite("WireGuard key types")
struct WireGuardKeyTypeTests {
    @Test("a public key round-trips through base64 and the UAPI's hex")
    func publicKeyForms() throws {
        let key = F.publicKey(5)
        #expect(PublicKey(base64: key.base64) == key)
        #expect(PublicKey(hex: key.hex) == key)
        #expect(PublicKey(hex: key.hex.uppercased()) == key)
        #expect(key.hex.count == 64 && key.hex == key.hex.lowercased())
        #expect(key.description == key.base64)
        #expect(PublicKey(bytes: key.bytes) == key)
    }

    @Test("text that is not 32 bytes of base64 or hex is no key", arguments: [
        "", "abc", String(repeating: "A", count: 43), String(repeating: "g", count: 64), String(repeating: "0", count: 62),
    ])
    func rejects(_ text: String) {
        #expect(PublicKey(base64: text) == nil)
        #expect(PublicKey(hex: text) == nil)
    }

    @Test("a private key is held clamped, so an unclamped key equals the clamped one WireGuard reports")
    func clamping() throws {
        let unclamped = [UInt8](repeating: 0xFF, count: 32)
        var clamped = unclamped
        clamped[0] = 0xF8
        clamped[31] = 0x7F
        #expect(PrivateKey(bytes: unclamped) == PrivateKey(bytes: clamped))
        #expect(PrivateKey(bytes: unclamped)?.publicKey == PrivateKey(bytes: clamped)?.publicKey)
    }

    @Test("the public key of a private key is the one wg pubkey derives",
          .enabled(if: Programs.available("wg"), "needs wg"))
    func publicKeyMatchesWg() throws {
        let generated = try Programs.run(["wg", "genkey"]).check("wg genkey").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let expected = try Programs.run(["wg", "pubkey"], input: generated + "\n").check("wg pubkey").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let key = try #require(PrivateKey(base64: generated))
        #expect(key.base64 == generated)
        #expect(key.publicKey.base64 == expected)
    }

    @Test("secret keys print as a placeholder however they are printed")
    func secretsRedacted() {
        let privateKey = F.privateKey(9)
        let presharedKey = F.presharedKey(9)
        for text in ["\(privateKey)", String(reflecting: privateKey), "\([privateKey])", String(describing: Optional(privateKey))] {
            #expect(!text.contains(privateKey.base64) && text.contains("(private key)"))
        }
        var dumped = ""
        dump(WireGuardDevice(privateKey: privateKey, peers: [F.peer(1, [], presharedKey: presharedKey)]), to: &dumped)
        #expect(!dumped.contains(privateKey.storage.hex) && !dumped.contains(privateKey.base64))
        for text in ["\(presharedKey)", String(reflecting: presharedKey), "\([presharedKey])", dumped] {
            #expect(!text.contains(presharedKey.base64) && text.contains("(preshared key)"))
        }
    }
}
