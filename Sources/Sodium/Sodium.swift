import CSodium

/// The few libsodium primitives wgc needs: Curve25519 (WireGuard keys), SHA-256 and random bytes.
public enum Sodium {
    /// libsodium must be initialised once before use; `sodium_init` is idempotent and thread-safe.
    static let initialised: Bool = sodium_init() >= 0

    /// SHA-256 of `bytes`.
    public static func sha256(_ bytes: some Collection<UInt8>) -> [UInt8] {
        precondition(initialised, "libsodium failed to initialise")
        var digest = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        let hashed = bytes.withContiguousStorageIfAvailable { buffer in
            crypto_hash_sha256(&digest, buffer.baseAddress, UInt64(buffer.count))
        }
        if hashed == nil {
            let input = Array(bytes)
            _ = crypto_hash_sha256(&digest, input, UInt64(input.count))
        }
        return digest
    }

    /// The Curve25519 public key of a 32-byte private key, clamped as `wg pubkey` does.
    public static func curve25519PublicKey(privateKey: [UInt8]) -> [UInt8]? {
        precondition(initialised, "libsodium failed to initialise")
        guard privateKey.count == Int(crypto_scalarmult_BYTES) else { return nil }
        var scalar = privateKey
        scalar[0] &= 248
        scalar[31] = (scalar[31] & 127) | 64
        var publicKey = [UInt8](repeating: 0, count: Int(crypto_scalarmult_BYTES))
        let status = crypto_scalarmult_base(&publicKey, scalar)
        sodium_memzero(&scalar, scalar.count)
        return status == 0 ? publicKey : nil
    }

    /// `count` bytes from the operating system's CSPRNG.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        precondition(initialised, "libsodium failed to initialise")
        var bytes = [UInt8](repeating: 0, count: count)
        randombytes_buf(&bytes, count)
        return bytes
    }

    /// A fresh WireGuard private key (random, clamped like `wg genkey`).
    public static func generatePrivateKey() -> [UInt8] {
        var key = randomBytes(32)
        key[0] &= 248
        key[31] = (key[31] & 127) | 64
        return key
    }
}
