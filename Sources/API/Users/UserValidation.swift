/// The rules a username, an email address and a password must meet, shared by the API and `wgc users create`.
public enum UserValidation {
    /// argon2 would hash more, but nobody types this much; it bounds the work a request can cause.
    public static let maxPasswordBytes = 1024

    /// Why `username` is refused, or nil: 3–64 of A–Z, a–z, 0–9, `_`, `.`, `-`.
    public static func problem(username: String) -> String? {
        let allowed = username.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic
            || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0)) }
        guard (3...64).contains(username.count), allowed else {
            return "'username' must be 3 to 64 characters of A-Z, a-z, 0-9, '_', '.' and '-'"
        }
        return nil
    }

    /// Why `email` is refused, or nil: one `@`, a local part, a dotted domain, no spaces, at most 254 characters.
    public static func problem(email: String) -> String? {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        let valid = email.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !email.contains(where: { $0.isWhitespace || $0.isNewline })
        return valid ? nil : "'email' is not a valid email address"
    }

    /// Why `password` is refused, or nil (never naming the password).
    public static func problem(password: String) -> String? {
        if password.count < 8 { return "'password' must be at least 8 characters long" }
        if password.utf8.count > maxPasswordBytes { return "'password' must be at most \(maxPasswordBytes) bytes" }
        return nil
    }
}
