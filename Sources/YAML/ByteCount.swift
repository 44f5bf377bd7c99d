/// A size in words for a message, in binary units: "1 MiB", "1.5 MiB", "300 KiB", "12 bytes". Rounded up,
/// so that a size just past a limit never reads as the limit itself.
public struct ByteCount: Sendable, CustomStringConvertible {
    public var bytes: Int

    public init(_ bytes: Int) {
        self.bytes = bytes
    }

    public var description: String {
        for (unit, shift) in [("GiB", 30), ("MiB", 20), ("KiB", 10)] where bytes >= 1 << shift {
            let tenths = (bytes * 10 + (1 << shift) - 1) >> shift
            return tenths % 10 == 0 ? "\(tenths / 10) \(unit)" : "\(tenths / 10).\(tenths % 10) \(unit)"
        }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }
}
