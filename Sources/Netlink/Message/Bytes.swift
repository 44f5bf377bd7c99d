/// Netlink lays out integers in the host's byte order (little-endian on every machine wgc runs on) and pads every
/// header and attribute to 4 bytes.
enum Bytes {
    static let alignment = 4

    static func aligned(_ length: Int) -> Int { (length + alignment - 1) & ~(alignment - 1) }

    static func padding(_ bytes: inout [UInt8]) {
        bytes.append(contentsOf: repeatElement(0, count: aligned(bytes.count) - bytes.count))
    }

    static func integer<T: FixedWidthInteger>(_ bytes: ArraySlice<UInt8>, as type: T.Type = T.self) -> T? {
        guard bytes.count == MemoryLayout<T>.size else { return nil }
        return bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(as: T.self)) }
    }

    static func integer<T: FixedWidthInteger>(_ bytes: [UInt8], at offset: Int, as type: T.Type = T.self) -> T? {
        guard offset >= 0, offset + MemoryLayout<T>.size <= bytes.count else { return nil }
        return integer(bytes[offset..<offset + MemoryLayout<T>.size])
    }
}

extension Array where Element == UInt8 {
    mutating func append<T: FixedWidthInteger>(integer value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
