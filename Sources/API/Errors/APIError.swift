import Foundation
import Hummingbird
import NIOCore

/// An error as the API answers it: the reference's `{"detail", "error_code", "timestamp"}` with its status code.
/// Every failure a handler throws becomes one of these (see `APIErrorMiddleware`); nothing else reaches a client.
public struct APIError: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    /// Stable, upper-case: `INVALID_CREDENTIALS`, `NOT_FOUND`, `VALIDATION_FAILED`…
    public var code: String
    /// For people; never holds a secret.
    public var detail: String
    /// Extra structured detail (the compiler's diagnostics for a rejected write), rendered as `detail`'s sibling.
    public var diagnostics: [APIDiagnostic]?
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ code: String, _ detail: String, diagnostics: [APIDiagnostic]? = nil) {
        self.status = status
        self.code = code
        self.detail = detail
        self.diagnostics = diagnostics
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = APIErrorBody(detail: detail, errorCode: code, timestamp: APIClock.timestamp(), diagnostics: diagnostics)
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: try APIJSON.encoder.encode(body))))
    }

    public static func notFound(_ what: String) -> APIError { APIError(.notFound, "NOT_FOUND", what) }
    public static func badRequest(_ detail: String) -> APIError { APIError(.badRequest, "BAD_REQUEST", detail) }
    public static let unauthorized = APIError(.unauthorized, "NOT_AUTHENTICATED", "a valid bearer token is required")
    public static let forbidden = APIError(.forbidden, "FORBIDDEN", "this needs a superuser")
}

/// The JSON of an error.
struct APIErrorBody: Encodable {
    var detail: String
    var errorCode: String
    var timestamp: String
    var diagnostics: [APIDiagnostic]?
}

/// One compiler diagnostic in a 422 answer: what and where.
public struct APIDiagnostic: Codable, Sendable, Equatable {
    public var code: String
    public var severity: String
    public var message: String
    public var file: String
    public var line: Int
    public var column: Int
}
