/// What an API client may ask.
package enum APIRole: String, Sendable, CaseIterable {
    /// Traders, screenings, programs and equivalence: what risk engines and border systems ask.
    case lookup
    /// Everything `lookup` may, and what operators look at: metrics, the console and its actions.
    case `operator`

    /// Whether a client with this role may use a route that needs `needed`.
    package func allows(_ needed: APIRole) -> Bool { self == .operator || needed == .lookup }

    /// The role a request to `path` needs; nil for what anyone may read (`/health`, `/openapi.yaml`).
    package static func needed(for path: String) -> APIRole? {
        switch path {
        case "/health", "/openapi.yaml": nil
        case "/metrics": .operator
        case _ where path.hasPrefix("/console"): .operator
        default: .lookup
        }
    }
}
