package import MRAXML

/// One program of the catalogue (`Mappings/programs.xml`).
public struct Program: Sendable, Codable, Hashable {
    /// Who may benefit from mutual recognition.
    public struct Eligibility: Sendable, Codable, Hashable {
        /// Eligible authorisation types; empty means any.
        public var authTypes: [String]
        /// Eligible statuses; empty means any (status changes are exchanged too).
        public var statuses: [String]
        public var consentRequired: Bool
    }

    /// A mutual recognition arrangement of this program with another.
    public struct Arrangement: Sendable, Codable, Hashable {
        public var with: String
        public var signed: String?
        public var inForce: String?
    }

    public var id: String
    public var name: String
    public var shortName: String?
    public var administration: String
    public var country: String
    /// Mapping file name in `Mappings/`.
    public var mapping: String
    public var memberIdScheme: String
    public var eligibility: Eligibility
    public var arrangements: [Arrangement]
    /// The severity of each business rule in files of this program's format (`<rules>`); empty: all errors.
    public var rules = RuleSeverities()

    /// Date of the MRA with CBP's CTPAT, when there is one.
    public var mraDateWithCTPAT: String? { arrangements.first { $0.with == "ctpat" }?.signed }
}

/// `{"with":…,"signed":…,"inForce":…}` (no date that is not recorded), its
/// `Encodable` form: `programs --json` and the lookup API's program answers write it.
extension Program.Arrangement: JSONWritable {}

/// The program catalogue: the programs the gateway exchanges with and the
/// mutual recognition graph between them.
public struct ProgramCatalogue: Sendable {
    public static let namespace = "urn:mra-gateway:programs:1"

    public var programs: [Program] {
        didSet { positions = Self.positions(of: programs) }
    }
    /// Where each id is in `programs` (the first, should one repeat): lookups answer per request.
    private var positions: [String: Int]

    public init(programs: [Program]) {
        self.programs = programs
        positions = Self.positions(of: programs)
    }

    private static func positions(of programs: [Program]) -> [String: Int] {
        var positions: [String: Int] = [:]
        for (position, program) in programs.enumerated() where positions[program.id] == nil {
            positions[program.id] = position
        }
        return positions
    }

    /// The program with gateway id `id`.
    public func program(_ id: String) -> Program? { positions[id].map { programs[$0] } }

    /// Loads `path`, validated against `schema` when given; each program's
    /// `<rules>` are checked against the rules a program can configure.
    package init(contentsOf path: String, schema: Schema?, rules configurable: ConfigurableRules) throws(MappingError) {
        let root = try MappingError.loading(path, schema: schema)
        let ns = Self.namespace
        var programs: [Program] = []
        for element in root.children(QName(ns, "program")) {
            func text(_ name: String) -> String? { element.child(QName(ns, name))?.trimmedText }
            guard let id = element.attribute("id"), let name = text("name"), let mapping = text("mapping"),
                let scheme = text("memberIdScheme")
            else {
                throw MappingError("program needs id, name, mapping, memberIdScheme", file: path, line: element.line)
            }
            let eligibility = element.child(QName(ns, "eligibility"))
            func words(_ attribute: String) -> [String] {
                (eligibility?.attribute(attribute) ?? "").split(separator: " ").map(String.init)
            }
            var program =
                Program(
                    id: id, name: name, shortName: text("shortName"), administration: text("administration") ?? "",
                    country: text("country") ?? "", mapping: mapping, memberIdScheme: scheme,
                    eligibility: Program.Eligibility(
                        authTypes: words("authTypes"), statuses: words("statuses"),
                        consentRequired: eligibility?.attribute("consentRequired") == "true"),
                    arrangements: element.children(QName(ns, "mra")).compactMap { mra in
                        mra.attribute("with").map {
                            Program.Arrangement(
                                with: $0, signed: mra.attribute("signed"), inForce: mra.attribute("inForce"))
                        }
                    })
            program.rules = try configurable.severities(
                of: element.child(QName(ns, "rules")), namespace: ns, file: path)
            programs.append(program)
        }
        self.init(programs: programs)
    }
}
