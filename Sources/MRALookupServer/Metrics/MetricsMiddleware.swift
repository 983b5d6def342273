import Hummingbird

/// Counts every request, by route, method and status, and times it.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: APIMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        var status = 500
        defer {
            metrics.request(
                path: request.uri.path, method: request.method.rawValue, status: status,
                duration: ContinuousClock.now - started)
        }
        let response = try await next(request, context)
        status = response.status.code
        return response
    }
}
