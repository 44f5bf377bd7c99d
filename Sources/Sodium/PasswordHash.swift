import CSodium

extension Sodium {
    /// The argon2id hash of `password` in libsodium's self-describing string form (`$argon2id$v=19$m=…`),
    /// with the interactive limits (2 passes, 64 MiB); nil only when the system refuses the memory.
    public static func hashPassword(_ password: String) -> String? {
        precondition(initialised, "libsodium failed to initialise")
        var output = [CChar](repeating: 0, count: crypto_pwhash_strbytes())
        var input = Array(password.utf8CString.dropLast())
        defer { sodium_memzero(&input, input.count) }
        let status = crypto_pwhash_str_alg(&output, input, UInt64(input.count),
                                           UInt64(crypto_pwhash_opslimit_interactive()),
                                           crypto_pwhash_memlimit_interactive(), crypto_pwhash_alg_argon2id13())
        guard status == 0 else { return nil }
        return String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `password` matches `hash` (a string from `hashPassword`); false for a malformed hash.
    public static func verifyPassword(_ password: String, hash: String) -> Bool {
        precondition(initialised, "libsodium failed to initialise")
        var input = Array(password.utf8CString.dropLast())
        defer { sodium_memzero(&input, input.count) }
        return crypto_pwhash_str_verify(hash, input, UInt64(input.count)) == 0
    }
}
