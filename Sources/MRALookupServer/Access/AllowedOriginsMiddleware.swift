import Hummingbird
import MRALookup

/// CORS for web pages on other origins, off unless origins are configured
/// (`serve.cors-origins`): a preflight (`OPTIONS` with
/// `Access-Control-Request-Method`) from an allowed origin is answered 204
/// with the route's methods and the headers a client sends; any other
/// answer to an allowed origin carries `Access-Control-Allow-Origin`. A
/// preflight from another origin is 403 `origin-not-allowed`; its other
/// requests are answered without CORS headers, so the browser keeps the
/// answer from the page.
struct AllowedOriginsMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Origins as browsers send them (`https://risk.example.gov`); `*` allows any.
    let origins: Set<String>

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let origin = request.headers[.origin] else { return try await next(request, context) }
        let allowed = origins.contains("*") || origins.contains(origin)
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            guard allowed else {
                return LookupError(.originNotAllowed, "the origin \(origin) may not call this API").response
            }
            let methods = RequestLimitMiddleware<Context>.allowed(request.uri.path).map(\.rawValue)
            return Response(
                status: .noContent,
                headers: [
                    .accessControlAllowOrigin: origin, .accessControlAllowMethods: methods.joined(separator: ", "),
                    .accessControlAllowHeaders: "Authorization, Content-Type", .accessControlMaxAge: "600",
                    .vary: "Origin",
                ])
        }
        var response = try await next(request, context)
        if allowed {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.vary] = "Origin"
        }
        return response
    }
}
