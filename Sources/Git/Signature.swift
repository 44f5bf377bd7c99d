/// Who wrote a commit: a name, an e-mail address and when (now, unless given).
public struct Signature: Sendable, Equatable {
    public var name: String
    public var email: String
    /// Seconds since 1970 and the offset from UTC in minutes; nil is now, in UTC.
    public var time: (seconds: Int64, offsetMinutes: Int32)?

    public init(name: String, email: String, time: (seconds: Int64, offsetMinutes: Int32)? = nil) {
        self.name = name
        self.email = email
        self.time = time
    }

    public static func == (lhs: Signature, rhs: Signature) -> Bool {
        lhs.name == rhs.name && lhs.email == rhs.email && lhs.time?.seconds == rhs.time?.seconds
            && lhs.time?.offsetMinutes == rhs.time?.offsetMinutes
    }
}
