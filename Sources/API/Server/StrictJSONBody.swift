import Foundation
import Hummingbird

/// A request body that names its fields, so that a field it does not know is refused instead of ignored.
protocol StrictJSONBody: Decodable {
    /// The JSON keys the body may carry.
    static var fields: Set<String> { get }
}

extension Request {
    /// Decodes a JSON object strictly: 400 for no body or broken JSON, 422 `UNKNOWN_FIELD` naming the first unknown
    /// field, 422 `VALIDATION_FAILED` for a missing field or a wrong type.
    func decodeStrict<Body: StrictJSONBody>(_ type: Body.Type, context: some RequestContext) async throws -> Body {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        let data = Data(buffer: buffer)
        guard !data.isEmpty else { throw APIError.badRequest("a JSON body is required") }
        guard let parsed = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw APIError(.badRequest, "INVALID_JSON", "the body is not valid JSON")
        }
        guard let object = parsed as? [String: Any] else {
            throw APIError(.badRequest, "INVALID_JSON", "the body must be a JSON object")
        }
        if let unknown = object.keys.filter({ !Body.fields.contains($0) }).sorted().first {
            let known = Body.fields.sorted().joined(separator: ", ")
            throw APIError(.unprocessableContent, "UNKNOWN_FIELD",
                           "unknown field '\(unknown.prefix(64))'; the fields are: \(known)")
        }
        do {
            return try APIJSON.decoder.decode(Body.self, from: data)
        } catch let error as DecodingError {
            throw APIError(.unprocessableContent, "VALIDATION_FAILED", APIJSON.describe(error))
        }
    }
}
