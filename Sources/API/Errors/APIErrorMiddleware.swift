import Foundation
import Hummingbird
import Logging

/// Turns whatever a handler throws into the reference's error shape: `APIError`s as they are, Hummingbird's own
/// errors (unknown route, bad body) with their status, and anything else as a 500 whose detail says nothing of
/// the internals (the error goes to the log).
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch let error as DecodingError {
            return try APIError(.badRequest, "INVALID_BODY", APIJSON.describe(error)).response(from: request,
                                                                                                 context: context)
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "NOT_FOUND" : "HTTP_\(error.status.code)"
            let detail = error.body ?? error.status.reasonPhrase
            var answer = APIError(error.status, code, detail)
            answer.headers = error.headers
            return try answer.response(from: request, context: context)
        } catch {
            context.logger.error("internal error", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return try APIError(.internalServerError, "INTERNAL_ERROR", "the server failed; see its log")
                .response(from: request, context: context)
        }
    }
}
