import CQREncode

/// How much of a QR code may be damaged and still read, against how much text it holds (ISO/IEC 18004 levels).
public enum ErrorCorrection: String, Sendable, CaseIterable {
    /// About 7 % recoverable; the most text. Enough for a code shown on a screen.
    case low = "L"
    /// About 15 %.
    case medium = "M"
    /// About 25 %.
    case quartile = "Q"
    /// About 30 %.
    case high = "H"

    /// The most bytes a version 40 code holds in 8-bit mode at this level.
    public var capacity: Int {
        switch self {
        case .low: 2953
        case .medium: 2331
        case .quartile: 1663
        case .high: 1273
        }
    }

    var level: QRecLevel {
        switch self {
        case .low: QR_ECLEVEL_L
        case .medium: QR_ECLEVEL_M
        case .quartile: QR_ECLEVEL_Q
        case .high: QR_ECLEVEL_H
        }
    }
}
