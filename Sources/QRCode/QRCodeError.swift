/// Why a QR code could not be made: what went wrong, in words for the person who asked.
public struct QRCodeError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// More bytes than the largest QR code (version 40) holds at the error correction level.
        case tooLong = "too-long"
        /// Nothing to encode: libqrencode refuses empty data.
        case empty
        /// libqrencode could not allocate memory.
        case outOfMemory = "out-of-memory"
        /// libqrencode refused the data for another reason.
        case encodingFailed = "encoding-failed"
        /// libpng could not write the image (it reports running out of memory this way too).
        case imageFailed = "image-failed"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
