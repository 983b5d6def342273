import MRAGateway
public import MRAPlumbing

/// A lookup or equivalence query that cannot be answered: bad input, an
/// unknown name, or a registry that cannot be read.
///
/// ``code`` is stable (scripts and API clients match on it); ``message`` is
/// for people. ``status`` is the HTTP status the API answers with.
public struct LookupError: CodedError, Equatable {
    /// A stable code such as `invalid-id`.
    public struct Code: ErrorCode {
        public let rawValue: String
        /// The HTTP status for this code.
        public let status: Int
        public init(_ rawValue: String, status: Int) {
            self.rawValue = rawValue
            self.status = status
        }

        /// The identifier is empty, too long, or has characters no scheme allows.
        public static let invalidId = Code("invalid-id", status: 400)
        /// The identifier does not match the pattern of the scheme given.
        public static let schemeMismatch = Code("scheme-mismatch", status: 400)
        /// `--scheme` / `?scheme=` names no scheme of `Mappings/identifiers.xml`.
        public static let unknownScheme = Code("unknown-scheme", status: 404)
        /// A date is not `YYYY-MM-DD`.
        public static let invalidDate = Code("invalid-date", status: 400)
        /// A program id is not in the catalogue.
        public static let unknownProgram = Code("unknown-program", status: 404)
        /// A role is neither a canonical role nor a native code of the program given.
        public static let unknownRole = Code("unknown-role", status: 404)
        /// A criterion reference is not `framework:id` or names no catalogue node.
        public static let unknownCriterion = Code("unknown-criterion", status: 404)
        /// The request is larger than the API accepts.
        public static let tooLarge = Code("request-too-large", status: 413)
        /// The request target is longer than the API accepts.
        public static let uriTooLong = Code("uri-too-long", status: 414)
        /// Only GET and HEAD.
        public static let methodNotAllowed = Code("method-not-allowed", status: 405)
        /// No such route.
        public static let notFound = Code("not-found", status: 404)
        /// The registry cannot be read.
        public static let registry = Code("registry-unavailable", status: 503)
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The JSON body of an error answer: `{"error":{"code":…,"message":…}}`.
    public var json: String {
        var json = JSONText()
        json.openObject()
        json.key("error")
        json.openObject()
        json.field("code", code.rawValue)
        json.field("message", message)
        json.closeObject()
        json.closeObject()
        return json.text
    }
}

