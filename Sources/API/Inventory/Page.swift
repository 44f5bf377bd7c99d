import Hummingbird

/// The part of a list a request asks for: `?limit=&offset=`, both optional (everything from the start).
struct Page: Sendable {
    var limit: Int?
    var offset: Int

    /// Reads the query; a value that is not a whole number in range is a 400 naming it.
    init(_ request: Request) throws {
        let query = request.uri.queryParameters
        limit = try query.get("limit").map { try Self.number($0, name: "limit", minimum: 1) }
        offset = try query.get("offset").map { try Self.number($0, name: "offset", minimum: 0) } ?? 0
    }

    private static func number(_ text: String, name: String, minimum: Int) throws -> Int {
        guard let value = Int(text), value >= minimum else {
            throw APIError(.badRequest, "INVALID_QUERY", "'\(name)' must be a whole number of at least \(minimum)")
        }
        return value
    }
}
