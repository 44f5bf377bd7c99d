/// Why the user store refused a change, each with the API error it answers as.
public enum UserStoreError: Error, Sendable, Equatable {
    case duplicateUsername(String)
    case notFound
    case lastSuperuser
    case hashingFailed

    /// The answer a client sees.
    var apiError: APIError {
        switch self {
        case .duplicateUsername(let name):
            APIError(.conflict, "CONFLICT", "a user named '\(name)' already exists")
        case .notFound:
            APIError.notFound("no such user")
        case .lastSuperuser:
            APIError(.conflict, "LAST_SUPERUSER",
                     "this is the last active superuser: make another user an active superuser first")
        case .hashingFailed:
            APIError(.internalServerError, "INTERNAL_ERROR", "the password could not be hashed")
        }
    }
}
