import Foundation
import Hummingbird
import HummingbirdCore

/// Who may open `/api/v1/ws/{user_id}`: the holder of a valid access token (as `?token=` or an `Authorization:
/// Bearer` header) whose user is `user_id`, with a known `connection_type` when one is given. The WebSocket upgrade
/// and the plain GET of the same URL (which says why an upgrade would be refused) decide alike here.
struct LiveAdmission: Sendable {
    static let pathPrefix = "/api/v1/ws/"

    var user: User
    var token: LiveToken
    var connectionType: LiveConnectionType

    /// The user id of a WebSocket path, or nil when `path` is not one.
    static func userID(inPath path: String) -> Substring? {
        guard path.hasPrefix(pathPrefix) else { return nil }
        let id = path.dropFirst(pathPrefix.count)
        return id.isEmpty || id.contains("/") ? nil : id
    }

    /// The admission of a request to `uri` with `headers`, or the error saying why not (400, 401 or 403).
    static func admit(uri: URI, headers: HTTPFields, authentication: APIAuthentication) async throws
        -> LiveAdmission {
        guard let pathUser = userID(inPath: uri.path) else { throw APIError.notFound("no such WebSocket path") }
        let query = uri.queryParameters
        let connectionType: LiveConnectionType
        if let name = query["connection_type"].map(String.init), !name.isEmpty {
            guard let known = LiveConnectionType(rawValue: name) else {
                let names = LiveConnectionType.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError(.badRequest, "INVALID_CONNECTION_TYPE",
                               "unknown connection_type '\(name)': one of \(names)")
            }
            connectionType = known
        } else {
            connectionType = .system
        }
        guard let token = query["token"].map(String.init) ?? bearer(headers),
              let (user, claims) = try await authentication.authenticate(token)
        else { throw APIError.notAuthenticated }
        guard user.id == pathUser.lowercased() else {
            throw APIError(.forbidden, "FORBIDDEN", "the token is not user \(pathUser)'s: open /api/v1/ws/<your id>")
        }
        return LiveAdmission(user: user, token: LiveToken(jti: claims.jti.value, generation: claims.gen,
                                                          expires: claims.exp.value),
                             connectionType: connectionType)
    }

    private static func bearer(_ headers: HTTPFields) -> String? {
        guard let value = headers[.authorization], value.lowercased().hasPrefix("bearer ") else { return nil }
        return String(value.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
    }
}
