import Foundation
import Sodium

/// WireGuard keys as wg(8) writes them: base64 of 32 bytes.
public enum WireGuardKey {
    public static func isValid(_ text: String) -> Bool {
        decode(text) != nil
    }

    /// The 32 key bytes; nil unless `text` is canonical base64 of exactly 32 bytes. Like wg(8), a key whose
    /// unused trailing bits are set is refused: it would decode here but `wg setconf` rejects it.
    public static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        // 43 characters of 6 bits are the 256 key bits and 2 unused ones; then the one padding character.
        guard characters.count == 44, characters[43] == UInt8(ascii: "=") else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var pending: UInt32 = 0
        var pendingBits = 0
        for character in characters[..<43] {
            guard let sextet = sextet(character) else { return nil }
            pending = pending << 6 | sextet
            pendingBits += 6
            if pendingBits >= 8 {
                pendingBits -= 8
                bytes.append(UInt8(truncatingIfNeeded: pending >> UInt32(pendingBits)))
                pending &= (1 << UInt32(pendingBits)) - 1
            }
        }
        return pending == 0 ? bytes : nil
    }

    /// The value of a character of the standard base64 alphabet.
    private static func sextet(_ character: UInt8) -> UInt32? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(character - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(character - UInt8(ascii: "a")) + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(character - UInt8(ascii: "0")) + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }

    public static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }

    /// The public key of a base64 private key, byte for byte what `wg pubkey` prints.
    public static func publicKey(ofPrivateKey text: String) -> String? {
        guard let privateKey = decode(text), let publicKey = Sodium.curve25519PublicKey(privateKey: privateKey)
        else { return nil }
        return encode(publicKey)
    }
}
