import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import MRALookup
import MRARegistry
import NIOPosix

/// The operators' console under `/console`: server-rendered pages (each
/// also as JSON), a sign-in for browsers, and the quarantine's buttons.
/// See ``ConsoleAccess`` for who may use it.
struct ConsoleRoutes: Sendable {
    let pages: ConsolePages
    let renderer: ConsoleRenderer
    /// Where sessions live while the server runs.
    let sessions: MemoryPersistDriver<ContinuousClock>
    /// Sign-ins, sign-outs and actions, with the client's name (never a key).
    let audit = Logger(label: "mra-gateway.console")

    private var access: ConsoleAccess { renderer.access }

    func register(on router: Router<LookupRequestContext>) {
        let console = router.group(RouterPath(ConsolePaths.home))
        if let clients = access.clients {
            console.add(
                middleware: SessionMiddleware(
                    storage: sessions,
                    configuration: SessionMiddlewareConfiguration(
                        sessionCookieParameters: ConsoleSession.cookie(secure: access.secureCookie),
                        keyPrefix: "console.", defaultSessionExpiration: ConsoleSession.lifetime)))
            console.add(
                middleware: SessionAuthenticator(context: LookupRequestContext.self) {
                    (session: ConsoleSession, _) in clients.client(named: session.client)
                })
        }
        console.add(middleware: ConsoleGate(access: access))
        console.get("console.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=300"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: ConsoleStyle.css)))
        }
        console.get("sign-in") { request, context in signInPage(request, context) }
        console.post("sign-in") { request, context in try await signIn(request, context) }
        console.post("sign-out") { request, context in try await signOut(request, context) }
        page("", template: "overview", title: "Overview", section: "overview", on: console) { _, _ in
            try pages.overview()
        }
        page("ledger", template: "ledger", title: "Ledger", section: "ledger", on: console) { request, _ in
            try pages.ledgerList(request)
        }
        page("ledger/:id", template: "entry", title: "Ledger entry", section: "ledger", on: console) {
            request, context in
            try pages.ledgerEntry(try context.parameters.require("id"), notice: Self.notice(request))
        }
        console.post("ledger/:id/requeue") { request, context in
            try await act(request, context, done: "requeued") { actions, id, by in try actions.requeue(id, by: by) }
        }
        console.post("ledger/:id/release") { request, context in
            try await act(request, context, done: "released") { actions, id, by in try actions.release(id, by: by) }
        }
        page("quarantine", template: "quarantine", title: "Quarantine", section: "quarantine", on: console) { _, _ in
            try pages.quarantine()
        }
        page("trust", template: "trust", title: "Trust store", section: "trust", on: console) { request, _ in
            try pages.trust(request)
        }
        page("members", template: "members", title: "Members", section: "members", on: console) { request, _ in
            try pages.members(request)
        }
        page(
            "reconciliation", template: "reconciliation", title: "Reconciliation", section: "reconciliation",
            on: console
        ) { request, _ in try pages.reconciliation(request) }
        page(
            "reconciliation/:trader", template: "trader", title: "Trader", section: "reconciliation", on: console
        ) { request, context in
            let raw = try context.parameters.require("trader")
            return try pages.trader(raw.removingPercentEncoding ?? raw, request)
        }
        page("crosswalk", template: "crosswalk", title: "Criteria crosswalk", section: "crosswalk", on: console) {
            request, _ in try pages.crosswalk(request)
        }
    }

    /// A page read with GET: its model through its template, or the error page.
    private func page<Page: Encodable & Sendable>(
        _ path: String, template: String, title: String, section: String, on group: RouterGroup<LookupRequestContext>,
        _ build: @escaping @Sendable (Request, LookupRequestContext) throws -> Page
    ) {
        group.get(RouterPath(path)) { request, context in
            do {
                return renderer.respond(
                    try build(request, context), template: template, title: title, section: section,
                    request: request, context: context)
            } catch let error as LookupError {
                return renderer.problem(error, request: request, context: context)
            }
        }
    }

    // MARK: Sign-in

    private struct SignInPage: Encodable, Sendable {
        let next: String
        let problem: String?
        /// The connection presented an operator's certificate: signing in needs no key.
        let certificateClient: String?
    }

    private func signInPage(
        _ request: Request, _ context: LookupRequestContext, problem: String? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        guard access.clients != nil else { return .redirect(to: ConsolePaths.home) }
        let page = SignInPage(
            next: ConsolePaths.afterSignIn(request.uri.queryParameters.get("next")), problem: problem,
            certificateClient: context.identity.flatMap { $0.role.allows(.operator) ? $0.name : nil })
        return renderer.respond(
            page, template: "sign-in", title: "Sign in", section: "", request: request, context: context,
            status: status)
    }

    private struct SignInForm: Decodable {
        var key: String?
        var next: String?
    }

    private func signIn(_ request: Request, _ context: LookupRequestContext) async throws -> Response {
        guard let clients = access.clients else { return .redirect(to: ConsolePaths.home) }
        let form = try await Self.form(SignInForm.self, request)
        let key = form.key?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let client = key.isEmpty ? context.identity : clients.client(key: key)
        guard let client else {
            return signInPage(
                request, context,
                problem: key.isEmpty ? "Give an operator's API key." : "That key is not one of this server's clients.",
                status: .unauthorized)
        }
        guard client.role.allows(.operator) else {
            return signInPage(
                request, context,
                problem: "\(client.name) has the \(client.role.rawValue) role; the console needs operator.",
                status: .forbidden)
        }
        context.sessions.createSession(
            ConsoleSession(client: client.name, formToken: ConsoleAccess.newToken()), expiresIn: ConsoleSession.lifetime
        )
        audit.notice("sign-in", metadata: ["client": "\(client.name)"])
        return .redirect(to: ConsolePaths.afterSignIn(form.next))
    }

    private struct TokenForm: Decodable {
        var formToken: String?
    }

    private func signOut(_ request: Request, _ context: LookupRequestContext) async throws -> Response {
        let form = try await Self.form(TokenForm.self, request)
        try access.checkForm(token: form.formToken, request, context)
        if let client = context.identity { audit.notice("sign-out", metadata: ["client": "\(client.name)"]) }
        context.sessions.clearSession()
        return .redirect(to: access.clients == nil ? ConsolePaths.home : ConsolePaths.signIn)
    }

    // MARK: Quarantine actions

    /// Runs a requeue or release of the entry in the path for the signed-in
    /// operator, off the event loops; then shows the entry with what was done.
    private func act(
        _ request: Request, _ context: LookupRequestContext, done: String,
        _ action: @escaping @Sendable (any QuarantineActions, Int64, String) throws -> LedgerEntry
    ) async throws -> Response {
        let form = try await Self.form(TokenForm.self, request)
        do {
            try access.checkForm(token: form.formToken, request, context)
            let text = try context.parameters.require("id")
            guard let id = Int64(text), id > 0 else {
                throw LookupError(.invalidParameter, "\"\(text)\" is not a ledger entry number")
            }
            guard let actions = pages.sources.quarantine else {
                throw LookupError(
                    .actionRefused,
                    "this server does not know the exchange root (serve --root, or exchange.root): use `mra-gateway exchange \(done == "requeued" ? "requeue" : "release") \(id)`"
                )
            }
            let by = access.actor(context)
            let result: LedgerEntry
            do {
                result = try await NIOThreadPool.singleton.runIfActive { try action(actions, id, by) }
            } catch {
                throw LookupError(.actionRefused, "\(error)")
            }
            audit.notice("\(done)", metadata: ["ledgerEntry": "\(id)", "by": "\(by)", "result": "\(result.id)"])
            let location = ConsolePaths.entry(id) + "?done=\(done)&as=\(result.id)"
            if ConsoleRenderer.wantsJSON(request) {
                return ConsoleRenderer.json(try pages.ledgerEntry(String(id), notice: Self.notice(done, result.id)))
            }
            return .redirect(to: location)
        } catch let error as LookupError {
            return renderer.problem(error, request: request, context: context)
        }
    }

    /// What the last action did, from the query the action redirected with.
    private static func notice(_ request: Request) -> String? {
        let query = request.uri.queryParameters
        guard let done = query.get("done"), let result = query.get("as").flatMap({ Int64($0) }) else { return nil }
        return notice(done, result)
    }

    private static func notice(_ done: String, _ result: Int64) -> String? {
        switch done {
        case "requeued": "Requeued: the file is back in its inbox and the next exchange run processes it."
        case "released": "Released: the file was processed again as ledger entry \(result)."
        default: nil
        }
    }

    /// A form of at most 16 KiB, URL-encoded.
    private static func form<Form: Decodable>(_ type: Form.Type, _ request: Request) async throws -> Form {
        var request = request
        let body = try await request.collectBody(upTo: 16 * 1024)
        do {
            return try URLEncodedFormDecoder().decode(Form.self, from: String(buffer: body))
        } catch {
            throw LookupError(.invalidParameter, "the form cannot be read: \(error)")
        }
    }
}
