import Hummingbird
import HummingbirdAuth
import MRALookup

/// Lets a request through when its client's role allows its route
/// (``APIRole/needed(for:)``): 401 (with `WWW-Authenticate`) when no client
/// is known, saying whether the key or certificate given is unknown or none
/// was given; 403 when the client's role is not enough. Open routes
/// (`/health`, `/openapi.yaml`) need no client. The console's paths are
/// left to ``ConsoleGate``, which also knows its sign-in.
struct RoleMiddleware: RouterMiddleware {
    typealias Context = LookupRequestContext

    func handle(
        _ request: Request, context: LookupRequestContext,
        next: (Request, LookupRequestContext) async throws -> Response
    ) async throws -> Response {
        guard ConsolePaths.methods(request.uri.path) == nil, let needed = APIRole.needed(for: request.uri.path) else {
            return try await next(request, context)
        }
        guard let client = context.identity else { throw await Self.refusal(request, context) }
        guard client.role.allows(needed) else {
            throw LookupError(
                .forbidden,
                "\(request.uri.path) needs the \(needed.rawValue) role; \(client.name) has \(client.role.rawValue)")
        }
        return try await next(request, context)
    }

    /// Why a request has no client.
    private static func refusal(_ request: Request, _ context: LookupRequestContext) async -> LookupError {
        if request.headers.bearer != nil {
            return LookupError(.unauthorized, "the API key is not one of this server's clients")
        }
        if request.headers[.authorization] != nil {
            return LookupError(.unauthorized, "give the API key as Authorization: Bearer KEY")
        }
        if await APIAuthenticator.certificate(of: context) != nil {
            return LookupError(
                .unauthorized,
                "the TLS client certificate is not one of this server's clients, or is out of its validity")
        }
        return LookupError(
            .unauthorized, "this server needs an API key (Authorization: Bearer KEY) or a known TLS client certificate")
    }
}
