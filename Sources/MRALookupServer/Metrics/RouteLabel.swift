/// The route a request path is for, as metrics label it: the route's
/// template, so that a label never holds an identifier and the number of
/// series stays bounded.
enum RouteLabel {
    static func of(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        switch (parts.count, parts.first) {
        case (1, "health"): return "/health"
        case (1, "openapi.yaml"): return "/openapi.yaml"
        case (1, "metrics"): return "/metrics"
        case (_, "console"): return "/console"
        case (_, "v1"): break
        default: return "other"
        }
        switch (parts.count, parts.dropFirst().first) {
        case (3, "traders"): return "/v1/traders/{id}"
        case (2, "screenings"): return "/v1/screenings"
        case (2, "programs"): return "/v1/programs"
        case (4, "equivalence") where parts[2] == "programs": return "/v1/equivalence/programs/{program}"
        case (5, "equivalence") where parts[2] == "programs": return "/v1/equivalence/programs/{program}/{by}"
        case (4, "equivalence") where parts[2] == "roles": return "/v1/equivalence/roles/{role}"
        case (4, "equivalence") where parts[2] == "criteria": return "/v1/equivalence/criteria/{criterion}"
        default: return "other"
        }
    }
}
