import CLibGit2

/// A git object id (a commit, tree or blob), as its 40 hexadecimal digits.
public struct ObjectID: Hashable, Sendable, CustomStringConvertible {
    public let hex: String

    /// `hex` must be a full 40-digit SHA-1; anything else is nil.
    public init?(hex: String) {
        let lowered = hex.lowercased()
        guard lowered.utf8.count == 40, lowered.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
        else { return nil }
        self.hex = lowered
    }

    init(_ oid: git_oid) {
        var oid = oid
        var buffer = [CChar](repeating: 0, count: 41)
        git_oid_tostr(&buffer, buffer.count, &oid)
        self.hex = String(decoding: buffer.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    init(_ pointer: UnsafePointer<git_oid>) {
        self.init(pointer.pointee)
    }

    /// The first 12 digits, for people.
    public var short: String { String(hex.prefix(12)) }

    public var description: String { hex }

    var oid: git_oid {
        var oid = git_oid()
        _ = git_oid_fromstr(&oid, hex)
        return oid
    }
}
