import Hummingbird
import NIOCore

/// Refuses a body larger than the context's `maxUploadSize` with 413 `PAYLOAD_TOO_LARGE` in the error shape,
/// whether its `Content-Length` says so up front or a chunked body grows past it while a handler reads it.
struct RequestBodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response {
        let tooLarge = APIError(.contentTooLarge, "PAYLOAD_TOO_LARGE",
                                "the body is larger than \(context.maxUploadSize) bytes")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > context.maxUploadSize {
            throw tooLarge
        }
        do {
            return try await next(request, context)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
    }
}
