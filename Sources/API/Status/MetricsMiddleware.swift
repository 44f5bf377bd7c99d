import Hummingbird

/// Records every request in `APIMetrics`: its route, method, status and duration, and for a write the compiler
/// rejected, the codes of its diagnostics. It sits inside `APIErrorMiddleware`, so it sees the errors handlers
/// throw (with their diagnostics) and gives each the status the error middleware will answer with.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: APIMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response {
        let start = ContinuousClock.now
        metrics.requestStarted()
        do {
            let response = try await next(request, context)
            metrics.record(route: route(context), method: request.method, status: response.status,
                           duration: ContinuousClock.now - start)
            return response
        } catch {
            if let error = error as? APIError, let diagnostics = error.diagnostics, !diagnostics.isEmpty {
                metrics.recordRejection(codes: Set(diagnostics.map(\.code)))
            }
            metrics.record(route: route(context), method: request.method, status: Self.status(of: error),
                           duration: ContinuousClock.now - start)
            throw error
        }
    }

    /// The route's pattern once the router matched one (Hummingbird keeps it in a reference the context shares);
    /// `NotFound` for none.
    private func route(_ context: Context) -> String { context.endpointPath ?? "NotFound" }

    /// The status `APIErrorMiddleware` answers `error` with.
    static func status(of error: any Error) -> HTTPResponse.Status {
        switch error {
        case let error as any HTTPResponseError: error.status
        case is DecodingError: .badRequest
        default: .internalServerError
        }
    }
}
