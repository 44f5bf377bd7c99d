import Compiler
import Foundation
import Sodium
import Testing

@Suite("WireGuard keys")
struct KeyTests {
    @Test("the public key matches `wg pubkey` byte for byte", .enabled(if: Programs.available("wg"), "needs wireguard-tools"))
    func publicKeyMatchesWG() throws {
        for _ in 0..<25 {
            let privateKey = try Programs.run(["wg", "genkey"]).check("wg genkey").stdout
            let expected = try Programs.run(["wg", "pubkey"], input: privateKey).check("wg pubkey").stdout
            let derived = try #require(WireGuardKey.publicKey(ofPrivateKey: privateKey.trimmingCharacters(in: .newlines)))
            #expect(derived + "\n" == expected)
        }
    }

    @Test("generated private keys are accepted by `wg pubkey` and give the same public key",
          .enabled(if: Programs.available("wg"), "needs wireguard-tools"))
    func generatedKeysWorkWithWG() throws {
        for _ in 0..<10 {
            let privateKey = WireGuardKey.encode(Sodium.generatePrivateKey())
            let expected = try Programs.run(["wg", "pubkey"], input: privateKey + "\n").check("wg pubkey").stdout
            #expect(WireGuardKey.publicKey(ofPrivateKey: privateKey).map { $0 + "\n" } == expected)
        }
    }

    @Test("a key with its unused trailing bits set is refused, as wg refuses it",
          .enabled(if: Programs.available("wg"), "needs wireguard-tools"))
    func nonCanonicalKeyAgreesWithWG() throws {
        let text = "CVOB2rp3R9Y8ALzQapaAIyTIpGtnErJB5eRKQCSEwHX="
        #expect(!WireGuardKey.isValid(text))
        #expect(try Programs.run(["wg", "pubkey"], input: text + "\n").status != 0)
        #expect(WireGuardKey.isValid("CVOB2rp3R9Y8ALzQapaAIyTIpGtnErJB5eRKQCSEwHQ="))
    }

    @Test("rejects what is not base64 of 32 bytes", arguments: [
        "", "abc", "CVOB2rp3R9Y8ALzQapaAIyTIpGtnErJB5eRKQCSEwHQ", "CVOB2rp3R9Y8ALzQapaAIyTIpGtnErJB5eRKQCSEwHQ==",
        "!VOB2rp3R9Y8ALzQapaAIyTIpGtnErJB5eRKQCSEwHQ=", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "CVOB2rp3R9Y8ALzQapaAIyTIpGtnErJB5eRKQCSEwHX=",  // trailing bits set: wg refuses it too
    ])
    func invalidKeys(_ text: String) {
        #expect(!WireGuardKey.isValid(text))
    }

    @Test("decodes exactly what is canonical base64 of 32 bytes, as Foundation's round trip tells",
          arguments: [0, 1, 41, 42, 43])
    func decodingAgreesWithFoundation(position: Int) {
        let key = Array("CVOB2rp3R9Y8ALzQapaAIyTIpGtnErJB5eRKQCSEwHQ=".utf8)
        for byte in UInt8.min...UInt8.max {
            var characters = key
            characters[position] = byte
            guard let text = String(validating: characters, as: UTF8.self) else { continue }
            let data = Data(base64Encoded: text)
            let canonical = data.map { $0.count == 32 && $0.base64EncodedString() == text } ?? false
            #expect(WireGuardKey.decode(text) == (canonical ? data.map { [UInt8]($0) } : nil), "\(text)")
        }
    }
}
