package import MRAGateway
package import MRAReconciliation
import MRARegistry

/// The answers of `mra-gateway lookup`, `equivalence` and the HTTP API,
/// from one place: the CLI's `--format json` and the API body for the same
/// question are the same bytes.
package struct LookupService: Sendable {
    package let configuration: GatewayConfiguration
    package let detector: SchemeDetector
    /// The criteria catalogues and crosswalk; nil when `Mappings/criteria/` is missing.
    package let criteria: CriteriaLibrary?
    /// The registry; nil when none was given (equivalence queries only).
    package let directory: TraderDirectory?
    let rules: USEntryRules
    /// The canonical roles a declared role is checked against (empty when no mapping codes roles).
    let canonicalRoles: Set<String>

    package init(configuration: GatewayConfiguration, criteria: CriteriaLibrary?, directory: TraderDirectory?) {
        self.configuration = configuration
        self.detector = SchemeDetector(configuration: configuration)
        self.criteria = criteria
        self.directory = directory
        self.rules = USEntryRules(catalogue: configuration.catalogue)
        self.canonicalRoles = Self.canonicalRoles(configuration)
    }

    /// Parses `YYYY-MM-DD`; nil gives today (UTC).
    package static func day(_ text: String?) throws(LookupError) -> CalendarDate {
        guard let text else { return CalendarDate.today() }
        guard let day = CalendarDate(iso: text) else {
            throw LookupError(.invalidDate, "\"\(text)\" is not a date (YYYY-MM-DD)")
        }
        return day
    }

    /// Looks `id` up as of `day`: the schemes it may be, and every member that carries it. When members carry it,
    /// the candidates are the schemes they carry it under (so an id held only as a BR-CNPJ is not ambiguous for
    /// fitting the CTPAT pattern too); when none does, every scheme whose pattern it fits.
    package func lookup(_ id: String, scheme: String? = nil, at day: CalendarDate) throws(LookupError) -> TraderAnswer {
        let found = try members(carrying: id, scheme: scheme, at: day)
        let fitting = try detector.candidates(for: id, scheme: found.scheme)
        let held = Set(found.members.map(\.matchedOn))
        let holding = fitting.filter { held.contains($0.scheme) }
        return TraderAnswer(
            id: id, asOf: day, scheme: found.scheme, candidates: holding.isEmpty ? fitting : holding,
            members: found.members)
    }

    /// Every member that carries `id` as of `day` (under `scheme` when given: an unknown scheme, or one `id` does
    /// not fit, is an error), and the scheme given as `Mappings/identifiers.xml` spells it.
    /// From `snapshot` when given, else from the directory as it is.
    func members(
        carrying id: String, scheme: String?, at day: CalendarDate, in snapshot: TraderDirectory.Snapshot? = nil
    ) throws(LookupError) -> (scheme: String?, members: [TraderAnswer.Member]) {
        try SchemeDetector.validate(id)
        // The scheme as Mappings/identifiers.xml spells it, however it was typed.
        let scheme = try scheme.flatMap { (given) throws(LookupError) in
            try detector.candidates(for: id, scheme: given).first?.scheme
        }
        guard let carrying = snapshot?.members(carrying: id) ?? directory?.members(carrying: id) else {
            throw LookupError(.registry, "no registry given")
        }
        let date = day.description
        var members: [TraderAnswer.Member] = []
        for facts in carrying {
            guard let matched = facts.scheme(carrying: id), scheme == nil || matched == scheme else { continue }
            let record = facts.record
            guard let program = configuration.catalogue.program(record.program) else { continue }
            let status = StatusAsOf(events: facts.events, day: date)
            members.append(
                TraderAnswer.Member(
                    program: program.id, programName: program.shortName ?? program.name, memberId: record.memberId,
                    memberIdScheme: record.memberIdScheme, matchedOn: matched, legalName: record.legalName,
                    status: status.status, statusEffective: status.effective, statusReason: status.reason,
                    authType: record.authType, roles: record.roles, consent: record.consent,
                    mids: facts.links.filter { $0.validFrom <= date && ($0.validTo.map { $0 > date } ?? true) },
                    usEntry: rules.evaluate(program: program, record: record, status: status, day: date)))
        }
        return (scheme, members)
    }

    /// ``lookup(_:scheme:at:)`` as the JSON body the API answers.
    package func lookupJSON(_ id: String, scheme: String? = nil, at day: CalendarDate) throws(LookupError) -> String {
        try lookup(id, scheme: scheme, at: day).json
    }

    /// ``lookupJSON(_:scheme:at:)`` as UTF-8 bytes, for the API.
    package func lookupBody(_ id: String, scheme: String? = nil, at day: CalendarDate) throws(LookupError) -> [UInt8] {
        try lookup(id, scheme: scheme, at: day).jsonBytes
    }
}
