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
        guard text.utf8.count == 44, text.hasSuffix("="), let data = Data(base64Encoded: text), data.count == 32,
              data.base64EncodedString() == text
        else { return nil }
        return [UInt8](data)
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
