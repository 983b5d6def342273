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
        try SchemeDetector.validate(id)
        let fitting = try detector.candidates(for: id, scheme: scheme)
        // The scheme as Mappings/identifiers.xml spells it, however it was typed.
        let named = scheme == nil ? nil : fitting.first?.scheme
        let members = try members(carrying: id, scheme: named, at: day)
        let held = Set(members.map(\.matchedOn))
        let holding = fitting.filter { held.contains($0.scheme) }
        return TraderAnswer(
            id: id, asOf: day, scheme: named, candidates: holding.isEmpty ? fitting : holding, members: members)
    }

    /// Checks that `id` can be an identifier, and of `scheme` when one is given; returns `scheme` as
    /// `Mappings/identifiers.xml` spells it (an unknown scheme, or one `id` does not fit, is an error).
    func validated(_ id: String, scheme: String?) throws(LookupError) -> String? {
        try SchemeDetector.validate(id)
        guard let scheme else { return nil }
        return try detector.candidates(for: id, scheme: scheme).first?.scheme
    }

    /// Every member that carries `id` as of `day`, under `scheme` (a name of `Mappings/identifiers.xml`) when
    /// given; `id` and `scheme` are checked by the caller. From `snapshot` when given, else from the directory as
    /// it is.
    func members(
        carrying id: String, scheme: String?, at day: CalendarDate, in snapshot: TraderDirectory.Snapshot? = nil
    ) throws(LookupError) -> [TraderAnswer.Member] {
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
        return members
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
