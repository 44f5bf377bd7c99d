import CNettle

/// SHA-256 from nettle, which uses the CPU's SHA extensions where it has them: libsodium's portable code
/// hashed eight times slower, and `wgc compile` hashes every file it writes for the manifest.
public enum Nettle {
    /// SHA-256 of `bytes`.
    public static func sha256(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var context = sha256_ctx()
        nettle_sha256_init(&context)
        let hashed: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            nettle_sha256_update(&context, buffer.count, buffer.baseAddress)
        }
        if hashed == nil {
            let input = Array(bytes)
            nettle_sha256_update(&context, input.count, input)
        }
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_SIZE))
        nettle_sha256_digest(&context, digest.count, &digest)
        return digest
    }
}
