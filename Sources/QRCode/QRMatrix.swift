import CQREncode
import Glibc

/// The modules of a QR code symbol, row by row, without its quiet zone: what libqrencode makes of some bytes.
struct QRMatrix: Sendable {
    /// The symbol's version, 1…40.
    let version: Int
    /// Modules per side.
    let size: Int
    /// `size * size` modules, row-major; true is dark.
    let modules: [Bool]

    /// The smallest symbol holding `bytes` in 8-bit mode at `correction`.
    init(encoding bytes: [UInt8], correction: ErrorCorrection) throws(QRCodeError) {
        guard !bytes.isEmpty else { throw QRCodeError(.empty, "there is nothing to encode") }
        guard let code = QRcode_encodeData(Int32(clamping: bytes.count), bytes, 0, correction.level) else {
            // errno is per thread and the next call may change it: read it at once.
            let reason = errno
            throw Self.error(errno: reason, count: bytes.count, correction: correction)
        }
        defer { QRcode_free(code) }
        let size = Int(code.pointee.width)
        let data = UnsafeBufferPointer(start: code.pointee.data, count: size * size)
        version = Int(code.pointee.version)
        self.size = size
        modules = data.map { $0 & 1 == 1 }
    }

    subscript(row: Int, column: Int) -> Bool { modules[row * size + column] }

    private static func error(errno reason: Int32, count: Int, correction: ErrorCorrection) -> QRCodeError {
        switch reason {
        case ERANGE:
            QRCodeError(.tooLong, "the text is \(count) bytes; a QR code at error correction level "
                + "\(correction.rawValue) holds at most \(correction.capacity)")
        case ENOMEM:
            QRCodeError(.outOfMemory, "libqrencode ran out of memory")
        default:
            QRCodeError(.encodingFailed, "libqrencode cannot encode \(count) bytes at error correction level "
                + "\(correction.rawValue) (errno \(reason))")
        }
    }
}
