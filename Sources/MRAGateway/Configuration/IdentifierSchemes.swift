public import MRAXML

/// Identifier schemes and country codes from `Mappings/identifiers.xml`:
/// configuration that an administration corrects without a code change.
public struct IdentifierSchemes: Sendable {
    /// One scheme: its rule id and pattern.
    public struct Scheme: Sendable {
        public var name: String
        public var rule: String
        public var pattern: XMLPattern
        public var description: String
        /// Example values, as the file gives them.
        public var examples: [String]
    }

    public static let namespace = "urn:mra-gateway:identifiers:1"

    public var schemes: [String: Scheme]
    public var countries: Set<String>
    public var countryRule: String

    public init(schemes: [String: Scheme], countries: Set<String>, countryRule: String = RuleID.country) {
        self.schemes = schemes
        self.countries = countries
        self.countryRule = countryRule
    }

    /// Loads `path`, validated against `schema` when given.
    package init(contentsOf path: String, schema: Schema?) throws(MappingError) {
        let root = try MappingError.loading(path, schema: schema)
        let ns = Self.namespace
        var schemes: [String: Scheme] = [:]
        for element in root.children(QName(ns, "scheme")) {
            guard let name = element.attribute("name"), let rule = element.attribute("rule"),
                let pattern = element.child(QName(ns, "pattern"))?.trimmedText
            else { throw MappingError("scheme needs name, rule and pattern", file: path, line: element.line) }
            do {
                schemes[name] = Scheme(
                    name: name, rule: rule, pattern: try XMLPattern(pattern),
                    description: element.child(QName(ns, "description"))?.trimmedText ?? "",
                    examples: element.children(QName(ns, "example")).map(\.trimmedText))
            } catch {
                throw MappingError(error.message, file: path, line: element.line)
            }
        }
        let countries = root.child(QName(ns, "countries"))
        self.init(
            schemes: schemes,
            countries: Set(countries?.children(QName(ns, "country")).compactMap { $0.attribute("code") } ?? []),
            countryRule: countries?.attribute("rule") ?? RuleID.country)
    }
}
