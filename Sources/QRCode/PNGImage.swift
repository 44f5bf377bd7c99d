import CLibPNG

/// A black-and-white image written as a 1-bit greyscale PNG into memory by libpng.
struct PNGImage {
    let width: Int
    let height: Int
    /// `height` rows of `stride` bytes, pixels from each byte's high bit; a set bit is white.
    let rows: [UInt8]
    let stride: Int

    /// An image of `width` by `height` pixels, `isDark(x, y)` deciding each.
    init(width: Int, height: Int, isDark: (Int, Int) -> Bool) {
        self.width = width
        self.height = height
        stride = (width + 7) / 8
        var rows = [UInt8](repeating: 0xFF, count: stride * height)
        for y in 0..<height {
            for x in 0..<width where isDark(x, y) {
                rows[y * stride + x / 8] &= ~(0x80 >> UInt8(x % 8))
            }
        }
        self.rows = rows
    }

    /// The PNG file's bytes.
    func encoded() throws(QRCodeError) -> [UInt8] {
        let output = PNGOutput()
        var message = [CChar](repeating: 0, count: Int(WGC_PNG_MESSAGE_SIZE))
        let status = withExtendedLifetime(output) {
            wgc_png_write_gray1(
                Unmanaged.passUnretained(output).toOpaque(),
                { png, bytes, count in
                    guard let io = png_get_io_ptr(png), let bytes else { return }
                    let output = Unmanaged<PNGOutput>.fromOpaque(io).takeUnretainedValue()
                    output.bytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
                },
                { _ in },
                rows, UInt32(width), UInt32(height), stride, &message)
        }
        guard status == 0 else {
            let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw QRCodeError(.imageFailed, "libpng could not write the image: \(reason)")
        }
        return output.bytes
    }
}

/// Where libpng's write callback appends the file; lives only during one `encoded()`.
private final class PNGOutput {
    var bytes: [UInt8] = []
}
