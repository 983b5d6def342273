import Foundation
import HTTPTypes
import Hummingbird
import MRALookup
import MRAPlumbing
import Mustache

/// A console page as its template sees it: the page's model and the frame
/// every page shares (title, navigation, who is signed in, the forms' token).
struct ConsoleView<Page: Encodable & Sendable>: Sendable {
    struct NavLink: Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    let title: String
    let nav: [NavLink]
    /// The signed-in client, when there is a sign-in.
    let user: String?
    /// What the page's forms carry.
    let formToken: String?
    /// The same page as JSON.
    let jsonLink: String
    let page: Page
}

/// Answers a console request with a page: HTML from the page's Mustache
/// template, or the page's model as JSON for tools (`?format=json`, or an
/// `Accept` that asks for JSON and not HTML).
struct ConsoleRenderer: Sendable {
    let access: ConsoleAccess

    /// The pages of the navigation, in order: (section, label, path).
    private static let sections = [
        ("overview", "Overview", ConsolePaths.home), ("ledger", "Ledger", ConsolePaths.ledger),
        ("quarantine", "Quarantine", ConsolePaths.quarantine), ("trust", "Trust store", ConsolePaths.trust),
        ("members", "Members", ConsolePaths.members),
        ("reconciliation", "Reconciliation", ConsolePaths.reconciliation),
        ("crosswalk", "Crosswalk", ConsolePaths.crosswalk),
    ]

    /// The templates, parsed once. A template that does not parse is a defect the console's tests catch.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in ConsoleTemplates.all {
            do {
                try library.register(text, named: name)
            } catch {
                preconditionFailure("console template \(name) does not parse: \(error)")
            }
        }
        return library
    }()

    static func wantsJSON(_ request: Request) -> Bool {
        if request.uri.queryParameters.get("format") == "json" { return true }
        guard let accept = request.headers[.accept] else { return false }
        return accept.contains("application/json") && !accept.contains("text/html")
    }

    /// `page` through `template` (HTML) or as JSON.
    func respond<Page: Encodable & Sendable>(
        _ page: Page, template: String, title: String, section: String, request: Request,
        context: LookupRequestContext, status: HTTPResponse.Status = .ok
    ) -> Response {
        if Self.wantsJSON(request) { return Self.json(page, status: status) }
        let view = ConsoleView(
            title: title,
            nav: Self.sections.map { .init(label: $0.1, href: $0.2, current: $0.0 == section) },
            user: access.clients == nil ? nil : context.identity?.name, formToken: access.formToken(context),
            jsonLink: Self.jsonLink(request), page: page)
        return Self.html(Self.library.render(view, withTemplate: template) ?? "", status: status)
    }

    /// A refusal or failure: the error page, or the API's JSON error.
    func problem(_ error: LookupError, request: Request, context: LookupRequestContext) -> Response {
        if Self.wantsJSON(request) { return error.response }
        struct Problem: Encodable, Sendable {
            let code: String
            let message: String
        }
        return respond(
            Problem(code: error.code.rawValue, message: error.message), template: "problem", title: "Not done",
            section: "", request: request, context: context,
            status: HTTPResponse.Status(code: error.code.status))
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy:
                    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
                .xContentTypeOptions: "nosniff", referrerPolicy: "no-referrer",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func json<Page: Encodable>(_ page: Page, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(page)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    private static let referrerPolicy = HTTPField.Name("Referrer-Policy")!

    /// The request's page with `format=json` added to its query.
    private static func jsonLink(_ request: Request) -> String {
        let query = request.uri.query.map { $0.isEmpty ? "" : $0 + "&" } ?? ""
        return request.uri.path + "?" + query + "format=json"
    }
}
