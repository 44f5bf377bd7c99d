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

    /// Parses the 64 hex digits the UAPI uses.
    init?(hex: UnsafeBufferPointer<UInt8>) {
        guard hex.count == 64 else { return nil }
        var key = KeyBytes.zero
        for index in 0..<64 {
            guard let nibble = Self.nibble(hex[index]) else { return nil }
            key.shiftIn(UInt64(nibble), bits: 4, at: index / 16)
        }
        self = key
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

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
