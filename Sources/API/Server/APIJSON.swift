import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// JSON as the reference writes it: snake_case keys, ISO 8601 times.
enum APIJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// `value` as a JSON answer.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, commit: String? = nil) throws
        -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let commit { headers[AuditMiddleware.commitHeader] = commit }
        return Response(status: status, headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    /// A decoding error in words that name the field, without Swift's type names.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let names = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return names.isEmpty ? "the body" : "'" + names.joined(separator: ".") + "'"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context) == "the body" ? "" : path(context) + ": ")'\(key.stringValue)' is required"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)) has the wrong type"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the body is not valid JSON" : "\(path(context)) is not valid"
        @unknown default:
            return "the body is not valid"
        }
    }
}

/// The time stamps of answers.
enum APIClock {
    static func timestamp() -> String { Date().formatted(.iso8601) }
}
