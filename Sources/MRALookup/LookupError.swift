import MRAGateway
package import MRAPlumbing

/// A lookup or equivalence query that cannot be answered: bad input, an
/// unknown name, or a registry that cannot be read.
///
/// ``code`` is stable (scripts and API clients match on it); ``message`` is
/// for people. ``status`` is the HTTP status the API answers with.
package struct LookupError: CodedError, Equatable {
    /// A stable code such as `invalid-id`.
    package typealias Code = HTTPErrorCode<LookupError>

    package var code: Code
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

extension HTTPErrorCode where Domain == LookupError {
    /// The identifier is empty, too long, or has characters no scheme allows.
    package static var invalidId: Self { Self("invalid-id", status: 400) }
    /// The identifier does not match the pattern of the scheme given.
    package static var schemeMismatch: Self { Self("scheme-mismatch", status: 400) }
    /// `--scheme` / `?scheme=` names no scheme of `Mappings/identifiers.xml`.
    package static var unknownScheme: Self { Self("unknown-scheme", status: 404) }
    /// A date is not `YYYY-MM-DD`.
    package static var invalidDate: Self { Self("invalid-date", status: 400) }
    /// A program id is not in the catalogue.
    package static var unknownProgram: Self { Self("unknown-program", status: 404) }
    /// A role is neither a canonical role nor a native code of the program given.
    package static var unknownRole: Self { Self("unknown-role", status: 404) }
    /// A criterion reference is not `framework:id` or names no catalogue node.
    package static var unknownCriterion: Self { Self("unknown-criterion", status: 404) }
    /// A declaration line to screen cannot be read (not a JSON object, no `id`, a field not a string…).
    package static var invalidDeclaration: Self { Self("invalid-declaration", status: 400) }
    /// The request is larger than the API accepts.
    package static var tooLarge: Self { Self("request-too-large", status: 413) }
    /// A request body in a form the route does not read.
    package static var unsupportedMediaType: Self { Self("unsupported-media-type", status: 415) }
    /// The request target is longer than the API accepts.
    package static var uriTooLong: Self { Self("uri-too-long", status: 414) }
    /// The route does not answer this method (the answer's `Allow` says which it does).
    package static var methodNotAllowed: Self { Self("method-not-allowed", status: 405) }
    /// No API client is known for the request: no credential, or one the server does not know.
    package static var unauthorized: Self { Self("unauthorized", status: 401) }
    /// The client's role does not allow the route.
    package static var forbidden: Self { Self("forbidden", status: 403) }
    /// The request's Origin is not one CORS allows.
    package static var originNotAllowed: Self { Self("origin-not-allowed", status: 403) }
    /// A console filter or form field with a value it does not know (a partner, an outcome, a page).
    package static var invalidParameter: Self { Self("invalid-parameter", status: 400) }
    /// The console's findings folder (`serve.findings`) cannot be read or reconciled.
    package static var findingsUnavailable: Self { Self("findings-unavailable", status: 503) }
    /// A console action (requeue, release) the exchange refused for this entry.
    package static var actionRefused: Self { Self("action-refused", status: 409) }
    /// No such route.
    package static var notFound: Self { Self("not-found", status: 404) }
    /// The registry cannot be read.
    package static var registry: Self { Self("registry-unavailable", status: 503) }
}
