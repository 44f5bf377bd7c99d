/// The 32 bytes of a WireGuard key held inline as four words, so keys hash and compare without touching the heap
/// (a 5,000-peer diff hashes every key twice).
struct KeyBytes: Hashable, Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64)

    static let zero = KeyBytes(words: (0, 0, 0, 0))

    private init(words: (UInt64, UInt64, UInt64, UInt64)) {
        self.words = words
    }

    /// Nil unless `bytes` holds exactly 32 bytes.
    init?(_ bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        var key = KeyBytes.zero
        for (index, byte) in bytes.enumerated() { key.shiftIn(UInt64(byte), bits: 8, at: index / 8) }
        self = key
    }

    /// Parses the 64 hex digits the UAPI uses: a word at a time through a table, as a 5,000-peer reply holds
    /// 5,000 of them.
    init?(hex: UnsafeBufferPointer<UInt8>) {
        guard hex.count == 64 else { return nil }
        func word(_ start: Int) -> UInt64? {
            var value: UInt64 = 0
            var invalid: UInt8 = 0
            for index in start..<(start + 16) {
                let nibble = Self.hexValues[Int(hex[index])]
                invalid |= nibble
                value = value << 4 | UInt64(nibble & 0xF)
            }
            return invalid & 0x10 == 0 ? value : nil
        }
        guard let first = word(0), let second = word(16), let third = word(32), let fourth = word(48) else {
            return nil
        }
        self.init(words: (first, second, third, fourth))
    }

    /// Each byte's value as a hex digit, or 0x10 for a byte that is not one.
    private static let hexValues: [UInt8] = (0...255).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(byte) - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt8(byte) - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt8(byte) - UInt8(ascii: "A") + 10
        default: 0x10
        }
    }

    /// Parses the 44 characters of canonical base64 wg(8) shows (the last of 43 digits with its two unused
    /// bits clear, then `=`): through a table and into the words, as a 5,000-peer configuration holds 5,000.
    init?(base64 text: String) {
        var text = text
        guard let key = text.withUTF8({ characters -> KeyBytes? in
            guard characters.count == 44, characters[43] == UInt8(ascii: "=") else { return nil }
            var key = KeyBytes.zero
            var pending: UInt64 = 0
            var pendingBits: UInt64 = 0
            var invalid: UInt8 = 0
            var byteIndex = 0
            for index in 0..<43 {
                let sextet = Self.base64Values[Int(characters[index])]
                invalid |= sextet
                pending = pending << 6 | UInt64(sextet & 0x3F)
                pendingBits += 6
                if pendingBits >= 8 {
                    pendingBits -= 8
                    key.shiftIn(pending >> pendingBits & 0xFF, bits: 8, at: byteIndex / 8)
                    pending &= (1 << pendingBits) - 1
                    byteIndex += 1
                }
            }
            guard invalid & 0x40 == 0, pending == 0 else { return nil }
            return key
        }) else { return nil }
        self = key
    }

    /// The 44 characters of standard base64 wg(8) shows, written straight from the words (a full apply names
    /// thousands of peers).
    var base64: String {
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

    /// Each byte's value as a base64 digit, or 0x40 for a byte that is not one.
    private static let base64Values: [UInt8] = (0...255).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt8(byte) - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt8(byte) - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(byte) - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: 0x40
        }
    }

    init?(hex: String) {
        var text = hex
        guard let key = text.withUTF8({ KeyBytes(hex: $0) }) else { return nil }
        self = key
    }

    private mutating func shiftIn(_ value: UInt64, bits: UInt64, at word: Int) {
        switch word {
        case 0: words.0 = words.0 << bits | value
        case 1: words.1 = words.1 << bits | value
        case 2: words.2 = words.2 << bits | value
        default: words.3 = words.3 << bits | value
        }
    }

    var bytes: [UInt8] {
        [words.0, words.1, words.2, words.3].flatMap { word in
            (0..<8).reversed().map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) }
        }
    }

    var isZero: Bool { self == .zero }

    /// Appends the 64 lowercase hex digits to `buffer`, as the UAPI wants them.
    func appendHex(to buffer: inout [UInt8]) {
        for word in [words.0, words.1, words.2, words.3] {
            var shift: UInt64 = 64
            while shift > 0 {
                shift -= 4
                let nibble = UInt8(truncatingIfNeeded: word >> shift & 0xF)
                buffer.append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10)
            }
        }
    }

    var hex: String {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(64)
        appendHex(to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    static func == (lhs: KeyBytes, rhs: KeyBytes) -> Bool {
        lhs.words == rhs.words
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
