import Sodium

/// WireGuard keys as wg(8) writes them: base64 of 32 bytes.
public enum WireGuardKey {
    public static func isValid(_ text: String) -> Bool {
        words(text) != nil
    }

    /// A key's 32 bytes as four big-endian words: what the WireGuard module keeps, read and written here without
    /// an array in between (a 5,000-peer configuration holds 5,000 keys).
    public typealias Words = (UInt64, UInt64, UInt64, UInt64)

    /// The 32 key bytes; nil unless `text` is canonical base64 of exactly 32 bytes. Like wg(8), a key whose
    /// unused trailing bits are set is refused: it would decode here but `wg setconf` rejects it.
    public static func decode(_ text: String) -> [UInt8]? {
        words(text).map(bytes)
    }

    /// A key's 32 bytes, in order.
    public static func bytes(_ words: Words) -> [UInt8] {
        [words.0, words.1, words.2, words.3].flatMap { word in
            stride(from: 56, through: 0, by: -8).map { UInt8(truncatingIfNeeded: word >> UInt64($0)) }
        }
    }

    /// The words of 32 bytes; nil for any other count.
    public static func words(bytes: some Collection<UInt8>) -> Words? {
        guard bytes.count == 32 else { return nil }
        var words: Words = (0, 0, 0, 0)
        for (index, byte) in bytes.enumerated() { shiftIn(UInt64(byte), at: index, into: &words) }
        return words
    }

    /// Appends byte number `index` (0...31) of a key to the word that holds it.
    private static func shiftIn(_ byte: UInt64, at index: Int, into words: inout Words) {
        switch index / 8 {
        case 0: words.0 = words.0 << 8 | byte
        case 1: words.1 = words.1 << 8 | byte
        case 2: words.2 = words.2 << 8 | byte
        default: words.3 = words.3 << 8 | byte
        }
    }

    /// `decode(_:)` as words, through a table.
    public static func words(_ text: String) -> Words? {
        var text = text
        return text.withUTF8 { characters -> Words? in
            // 43 characters of 6 bits are the 256 key bits and 2 unused ones; then the one padding character.
            guard characters.count == 44, characters[43] == UInt8(ascii: "=") else { return nil }
            var words: Words = (0, 0, 0, 0)
            var pending: UInt64 = 0
            var pendingBits: UInt64 = 0
            var invalid: UInt8 = 0
            var byteIndex = 0
            for index in 0..<43 {
                let sextet = sextets[Int(characters[index])]
                invalid |= sextet
                pending = pending << 6 | UInt64(sextet & 0x3F)
                pendingBits += 6
                guard pendingBits >= 8 else { continue }
                pendingBits -= 8
                shiftIn(pending >> pendingBits & 0xFF, at: byteIndex, into: &words)
                pending &= (1 << pendingBits) - 1
                byteIndex += 1
            }
            return invalid & 0x40 == 0 && pending == 0 ? words : nil
        }
    }

    /// Each byte's value as a digit of the standard base64 alphabet, or 0x40 for a byte that is not one.
    private static let sextets: [UInt8] = (0...255).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt8(byte) - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt8(byte) - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(byte) - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: 0x40
        }
    }

    /// The base64 of a 32-byte key.
    public static func encode(_ bytes: [UInt8]) -> String {
        guard let words = words(bytes: bytes) else { preconditionFailure("a WireGuard key is 32 bytes") }
        return encode(words)
    }

    /// The 44 characters wg(8) shows for a key, written straight from its words.
    public static func encode(_ words: Words) -> String {
        let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        return String(unsafeUninitializedCapacity: 44) { buffer in
            var pending: UInt64 = 0
            var pendingBits: UInt64 = 0
            var count = 0
            for word in [words.0, words.1, words.2, words.3] {
                for shift in stride(from: 56, through: 0, by: -8) {
                    pending = pending << 8 | (word >> UInt64(shift) & 0xFF)
                    pendingBits += 8
                    while pendingBits >= 6 {
                        pendingBits -= 6
                        buffer[count] = alphabet.utf8Start[Int(pending >> pendingBits & 0x3F)]
                        count += 1
                    }
                    pending &= (1 << pendingBits) - 1
                }
            }
            // 256 bits are 42 digits and 4 bits: the 43rd digit carries them, then one `=`.
            buffer[count] = alphabet.utf8Start[Int(pending << (6 - pendingBits) & 0x3F)]
            buffer[count + 1] = UInt8(ascii: "=")
            return count + 2
        }
    }

    /// The public key of a base64 private key, byte for byte what `wg pubkey` prints.
    public static func publicKey(ofPrivateKey text: String) -> String? {
        guard let privateKey = decode(text), let publicKey = Sodium.curve25519PublicKey(privateKey: privateKey)
        else { return nil }
        return encode(publicKey)
    }
}
