import HTTPTypes
import Hummingbird

/// Turns what no route answers into the endpoint's JSON errors: an unknown
/// path is `not-found` (404); a known path asked with another method is
/// `method-not-allowed` (405) with an `Allow` header naming the methods it takes.
struct LinkErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound || error.status == .methodNotAllowed {
            let path = request.uri.path
            guard let allowed = LinkRoutes.methods(of: path) else {
                return await answer { () throws(LinkError) in throw LinkError(.notFound, "no such route: \(path)") }
            }
            var response = await answer { () throws(LinkError) in
                throw LinkError(.methodNotAllowed, "\(path) takes \(allowed)")
            }
            response.headers[.allow] = allowed
            return response
        }
    }
}

/// The endpoint's routes, as paths (docs/openapi-exchange.yaml).
package enum LinkRoutes {
    /// The methods a path of the endpoint takes, nil when it is none of its routes.
    package static func methods(of path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 2 where path == "/health" || path == "/openapi.yaml": return "GET, HEAD"
        case 5 where parts[1] == "v1" && parts[2] == "exchange" && parts[4] == "files": return "POST"
        case 6 where parts[1] == "v1" && parts[2] == "exchange" && parts[4] == "receipts": return "GET, HEAD"
        default: return nil
        }
    }
}
