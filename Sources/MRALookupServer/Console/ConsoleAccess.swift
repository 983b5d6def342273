import MRALookup
import Hummingbird
import HummingbirdAuth
import MRACrypto

/// Who may use the console and how its forms are protected. With a clients
/// file, an operator signs in with an API key (or the TLS client certificate
/// the connection presented) and the session's token guards its forms;
/// without one (loopback only), anyone there may use it and one token per
/// server run guards the forms. A request with `Authorization: Bearer` is a
/// tool's, which no other site's page can send: it needs no form token.
struct ConsoleAccess: Sendable {
    /// The clients file; nil: no sign-in.
    let clients: APIClients?
    /// The forms' token when there is no sign-in.
    let openFormToken: String
    /// Whether the session cookie is sent over HTTPS only.
    let secureCookie: Bool

    init(clients: APIClients?, secureCookie: Bool) {
        self.clients = clients
        self.secureCookie = secureCookie
        openFormToken = Self.newToken()
    }

    /// The token this request's forms carry: the session's, or the server's when there is no sign-in.
    func formToken(_ context: LookupRequestContext) -> String? {
        clients == nil ? openFormToken : context.sessions.session?.formToken
    }

    /// Who acts (the ledger's `by` of a requeue or release): the client, or `console` without sign-in.
    func actor(_ context: LookupRequestContext) -> String { context.identity?.name ?? "console" }

    /// Refuses a form whose token is not this request's.
    func checkForm(token: String?, _ request: Request, _ context: LookupRequestContext) throws(LookupError) {
        if request.headers.bearer != nil { return }
        guard let expected = formToken(context), let token, constantTimeEqual(token, expected) else {
            throw LookupError(
                .forbidden, "the form is not one this console served (reload the page and try again)")
        }
    }

    /// 256 random bits, hex.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Lets a console request through when the console may be used by its
/// client: sign-in pages and the style sheet always; otherwise an operator
/// (signed in, by key or by certificate). A browser that is not signed in
/// is sent to the sign-in page; a tool gets 401 or 403.
struct ConsoleGate: RouterMiddleware {
    typealias Context = LookupRequestContext
    let access: ConsoleAccess

    func handle(
        _ request: Request, context: LookupRequestContext,
        next: (Request, LookupRequestContext) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        guard access.clients != nil, path != ConsolePaths.signIn, path != ConsolePaths.styleSheet else {
            return try await next(request, context)
        }
        guard let client = context.identity else {
            if request.headers.bearer == nil && request.method == .get && !ConsoleRenderer.wantsJSON(request) {
                return .redirect(
                    to: ConsolePaths.signIn + "?next=" + ConsolePaths.queryEscaped(request.uri.description))
            }
            throw LookupError(
                .unauthorized,
                "\(path) needs an operator: give an API key (Authorization: Bearer KEY) or sign in at \(ConsolePaths.signIn)"
            )
        }
        guard client.role.allows(.operator) else {
            throw LookupError(
                .forbidden, "\(path) needs the operator role; \(client.name) has \(client.role.rawValue)")
        }
        return try await next(request, context)
    }
}
