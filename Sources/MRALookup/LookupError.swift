import MRAGateway
import MRAPlumbing

/// A lookup or equivalence query that cannot be answered: bad input, an
/// unknown name, or a registry that cannot be read.
///
/// ``code`` is stable (scripts and API clients match on it); ``message`` is
/// for people. ``status`` is the HTTP status the API answers with.
package struct LookupError: CodedError, Equatable {
    /// A stable code such as `invalid-id`.
    package struct Code: ErrorCode {
        package let rawValue: String
        /// The HTTP status for this code.
        package let status: Int
        package init(_ rawValue: String, status: Int) {
            self.rawValue = rawValue
            self.status = status
        }

        /// The identifier is empty, too long, or has characters no scheme allows.
        package static let invalidId = Code("invalid-id", status: 400)
        /// The identifier does not match the pattern of the scheme given.
        package static let schemeMismatch = Code("scheme-mismatch", status: 400)
        /// `--scheme` / `?scheme=` names no scheme of `Mappings/identifiers.xml`.
        package static let unknownScheme = Code("unknown-scheme", status: 404)
        /// A date is not `YYYY-MM-DD`.
        package static let invalidDate = Code("invalid-date", status: 400)
        /// A program id is not in the catalogue.
        package static let unknownProgram = Code("unknown-program", status: 404)
        /// A role is neither a canonical role nor a native code of the program given.
        package static let unknownRole = Code("unknown-role", status: 404)
        /// A criterion reference is not `framework:id` or names no catalogue node.
        package static let unknownCriterion = Code("unknown-criterion", status: 404)
        /// A declaration line to screen cannot be read (not a JSON object, no `id`, a field not a string…).
        package static let invalidDeclaration = Code("invalid-declaration", status: 400)
        /// The request is larger than the API accepts.
        package static let tooLarge = Code("request-too-large", status: 413)
        /// A request body in a form the route does not read.
        package static let unsupportedMediaType = Code("unsupported-media-type", status: 415)
        /// The request target is longer than the API accepts.
        package static let uriTooLong = Code("uri-too-long", status: 414)
        /// The route does not answer this method (the answer's `Allow` says which it does).
        package static let methodNotAllowed = Code("method-not-allowed", status: 405)
        /// No API client is known for the request: no credential, or one the server does not know.
        package static let unauthorized = Code("unauthorized", status: 401)
        /// The client's role does not allow the route.
        package static let forbidden = Code("forbidden", status: 403)
        /// The request's Origin is not one CORS allows.
        package static let originNotAllowed = Code("origin-not-allowed", status: 403)
        /// No such route.
        package static let notFound = Code("not-found", status: 404)
        /// The registry cannot be read.
        package static let registry = Code("registry-unavailable", status: 503)
    }

    package var code: Code
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}
