import Compiler

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
        guard let words = WireGuardKey.words(bytes: bytes) else { return nil }
        self.init(words: words)
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

    /// Parses canonical base64 as wg(8) shows it (`WireGuardKey`'s reader, which makes no array).
    init?(base64 text: String) {
        guard let words = WireGuardKey.words(text) else { return nil }
        self.init(words: words)
    }

    /// The key as wg(8) shows it.
    var base64: String { WireGuardKey.encode(words) }

    init?(hex: String) {
        var text = hex
        guard let key = text.withUTF8({ KeyBytes(hex: $0) }) else { return nil }
        self = key
    }

    var bytes: [UInt8] { WireGuardKey.bytes(words) }

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
