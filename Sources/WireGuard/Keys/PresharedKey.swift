import Compiler

/// A peer's symmetric preshared key (post-quantum padding for the handshake). Redacted in `description` and
/// `debugDescription` like a private key.
public struct PresharedKey: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    let storage: KeyBytes

    init(_ storage: KeyBytes) {
        self.storage = storage
    }

    /// Nil unless `base64` is canonical base64 of 32 bytes (what `wg genpsk` prints).
    public init?(base64: String) {
        guard let storage = KeyBytes(base64: base64) else { return nil }
        self.storage = storage
    }

    /// Nil unless `bytes` holds 32 bytes.
    public init?(bytes: [UInt8]) {
        guard let storage = KeyBytes(bytes) else { return nil }
        self.storage = storage
    }

    /// The key in base64, for writing it where it belongs; never for display.
    public var base64: String { storage.base64 }

    public var description: String { "(preshared key)" }
    public var debugDescription: String { "(preshared key)" }
    /// No children, so `dump` and debuggers show no key bytes either.
    public var customMirror: Mirror { Mirror(self, children: []) }
}
