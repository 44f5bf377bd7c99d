import Hummingbird

/// The answer to `POST /bgp/sessions/{id}/reload` or `…/restart`: done, on which protocol, and BIRD's words.
struct SessionActionResponse: ResponseEncodable {
    var success = true
    var sessionId: String
    var `protocol`: String
    var message: String
}

/// The answer to `POST /bgp/sessions/batch/reload`: one result per id of the body, in its order.
struct BatchActionResponse: ResponseEncodable {
    var results: [BatchActionResult]
}

/// One id's result in a batch: on success BIRD's message; on failure the `error_code` and message that the
/// single action would have answered.
struct BatchActionResult: Encodable, Sendable {
    var sessionId: String
    var success: Bool
    var `protocol`: String?
    var message: String
    var errorCode: String?

    static func done(_ id: String, protocol name: String, _ message: String) -> BatchActionResult {
        BatchActionResult(sessionId: id, success: true, protocol: name, message: message)
    }

    static func failed(_ id: String, protocol name: String?, _ error: APIError) -> BatchActionResult {
        BatchActionResult(sessionId: id, success: false, protocol: name, message: error.detail, errorCode: error.code)
    }
}
