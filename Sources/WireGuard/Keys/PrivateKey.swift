import Compiler

/// A device's Curve25519 private key. It never prints: `description` and `debugDescription` are redacted, so it
/// cannot leak into logs or errors by interpolation.
public struct PrivateKey: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let storage: KeyBytes

    init(_ storage: KeyBytes) {
        self.storage = storage
    }

    /// Nil unless `base64` is canonical base64 of 32 bytes (what `wg genkey` prints).
    public init?(base64: String) {
        guard let bytes = WireGuardKey.decode(base64), let storage = KeyBytes(bytes) else { return nil }
        self.storage = storage
    }

    /// Nil unless `bytes` holds 32 bytes.
    public init?(bytes: [UInt8]) {
        guard let storage = KeyBytes(bytes) else { return nil }
        self.storage = storage
    }

    /// The key in base64, for writing it where it belongs (a key file); never for display.
    public var base64: String { WireGuardKey.encode(storage.bytes) }

    /// The matching public key, as `wg pubkey` derives it.
    public var publicKey: PublicKey {
        // 32 bytes always have a Curve25519 public key (the scalar is clamped), so this cannot fail.
        PublicKey(base64: WireGuardKey.publicKey(ofPrivateKey: base64)!)!
    }

    public var description: String { "(private key)" }
    public var debugDescription: String { "(private key)" }
}
