import Compiler

/// A device's Curve25519 private key. It never prints: `description` and `debugDescription` are redacted, so it
/// cannot leak into logs or errors by interpolation. Held clamped, as WireGuard stores it, so a key read back from an
/// interface equals the one that was set.
public struct PrivateKey: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    let storage: KeyBytes

    init(_ storage: KeyBytes) {
        self.init(bytes: storage.bytes)!
    }

    /// Nil unless `base64` is canonical base64 of 32 bytes (what `wg genkey` prints).
    public init?(base64: String) {
        guard let bytes = WireGuardKey.decode(base64) else { return nil }
        self.init(bytes: bytes)
    }

    /// Nil unless `bytes` holds 32 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        // Curve25519 clamping (RFC 7748): what wg(8), the kernel and wireguard-go do to every private key.
        var clamped = bytes
        clamped[0] &= 248
        clamped[31] = clamped[31] & 127 | 64
        storage = KeyBytes(clamped)!
    }

    /// The key in base64, for writing it where it belongs (a key file); never for display.
    public var base64: String { storage.base64 }

    /// The matching public key, as `wg pubkey` derives it.
    public var publicKey: PublicKey {
        // 32 bytes always have a Curve25519 public key (the scalar is clamped), so this cannot fail.
        PublicKey(base64: WireGuardKey.publicKey(ofPrivateKey: base64)!)!
    }

    public var description: String { "(private key)" }
    public var debugDescription: String { "(private key)" }
    /// No children, so `dump` and debuggers show no key bytes either.
    public var customMirror: Mirror { Mirror(self, children: []) }
}
