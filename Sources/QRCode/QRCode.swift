import Foundation

/// QR codes of text as PNG images, for a phone to scan: a wg-quick config into the WireGuard app. The text is
/// encoded byte for byte (8-bit mode) in the smallest symbol that holds it; the same text gives the same bytes.
public enum QRCode {
    /// Pixels per module, enough for a phone to read a version 40 code off a screen.
    public static let defaultModuleSize = 8
    /// The light border the standard asks for, in modules.
    public static let quietZone = 4

    /// A 1-bit greyscale PNG of the QR code of `text`'s UTF-8 bytes, `moduleSize` pixels per module with a
    /// four-module quiet zone. Throws `QRCodeError` with `.tooLong` when the text does not fit in any symbol.
    public static func png(of text: String, correction: ErrorCorrection = .low,
                           moduleSize: Int = defaultModuleSize) throws -> [UInt8] {
        precondition((1...64).contains(moduleSize), "a module is 1 to 64 pixels")
        let matrix = try QRMatrix(encoding: Array(text.utf8), correction: correction)
        let side = (matrix.size + 2 * quietZone) * moduleSize
        let image = PNGImage(width: side, height: side) { x, y in
            let row = y / moduleSize - quietZone
            let column = x / moduleSize - quietZone
            guard (0..<matrix.size).contains(row), (0..<matrix.size).contains(column) else { return false }
            return matrix[row, column]
        }
        return try image.encoded()
    }

    /// `png(of:correction:moduleSize:)` as a `data:image/png;base64,…` URI, for an `<img src>`.
    public static func pngDataURI(of text: String, correction: ErrorCorrection = .low,
                                  moduleSize: Int = defaultModuleSize) throws -> String {
        dataURI(png: try png(of: text, correction: correction, moduleSize: moduleSize))
    }

    /// PNG bytes as a `data:image/png;base64,…` URI.
    public static func dataURI(png: [UInt8]) -> String {
        "data:image/png;base64," + Data(png).base64EncodedString()
    }
}
