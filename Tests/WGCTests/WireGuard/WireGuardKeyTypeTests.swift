import Compiler
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

    @Test("the table-driven base64 and hex readers and writer agree with the reference coder, byte for byte")
    func fastReadersAgree() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let base64 = WireGuardKey.encode(bytes)
            #expect(PublicKey(base64: base64)?.bytes == bytes)
            #expect(PublicKey(bytes: bytes)?.base64 == base64)
            #expect(PresharedKey(base64: base64).map { $0.storage.bytes } == bytes)
            #expect(PublicKey(hex: PublicKey(bytes: bytes)!.hex)?.bytes == bytes)
            // One wrong character anywhere, whatever the decoder's table says of it, makes it no key.
            var characters = Array(base64.utf8)
            let position = Int.random(in: 0..<43, using: &generator)
            if Bool.random(using: &generator) {
                characters[position] = [UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "!"), 0].randomElement()!
            } else {
                characters.replaceSubrange(position...position + 1, with: [0xC3, 0xA9])  // é: still 44 bytes
            }
            let damaged = String(decoding: characters, as: UTF8.self)
            #expect(damaged.utf8.count == 44)
            #expect(PublicKey(base64: damaged) == nil)
            #expect(WireGuardKey.decode(damaged) == nil)
            var hex = Array(PublicKey(bytes: bytes)!.hex.utf8)
            let notHex = [UInt8(ascii: "g"), UInt8(ascii: "G"), UInt8(ascii: "/")].randomElement()!
            hex[Int.random(in: 0..<64, using: &generator)] = notHex
            #expect(PublicKey(hex: String(decoding: hex, as: UTF8.self)) == nil)
        }
        // The 43rd digit carries two unused bits: set, the text is not canonical (wg refuses it too).
        let zero = WireGuardKey.encode([UInt8](repeating: 0, count: 32))
        #expect(zero.hasSuffix("A="))
        #expect(PublicKey(base64: String(zero.dropLast(2)) + "B=") == nil)
        #expect(PublicKey(base64: String(zero.dropLast(2)) + "D=") == nil)
        #expect(PublicKey(base64: String(zero.dropLast(2)) + "E=") != nil)  // a data bit: another key
        #expect(PublicKey(base64: String(zero.dropLast(1)) + "A") == nil)
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
