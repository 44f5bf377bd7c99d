import Compiler

/// A peer's or device's Curve25519 public key; shown as wg(8) shows it, in base64.
public struct PublicKey: Hashable, Sendable, CustomStringConvertible {
    let storage: KeyBytes

    init(_ storage: KeyBytes) {
        self.storage = storage
    }

    /// Nil unless `base64` is canonical base64 of 32 bytes.
    public init?(base64: String) {
        guard let storage = KeyBytes(base64: base64) else { return nil }
        self.storage = storage
    }

    /// Nil unless `bytes` holds 32 bytes.
    public init?(bytes: [UInt8]) {
        guard let storage = KeyBytes(bytes) else { return nil }
        self.storage = storage
    }

    /// Nil unless `hex` is 64 hex digits, the UAPI's form.
    public init?(hex: String) {
        guard let storage = KeyBytes(hex: hex) else { return nil }
        self.storage = storage
    }

    public var bytes: [UInt8] { storage.bytes }
    public var base64: String { storage.base64 }
    /// The lowercase hex the UAPI speaks.
    public var hex: String { storage.hex }
    public var description: String { base64 }
}
