import MRAXML

/// The business rules a partner record must meet beyond its schema, each with
/// a stable rule id: identifier formats (from `Mappings/identifiers.xml`),
/// country codes, date sanity, status and code-list consistency, MRA
/// eligibility from the program catalogue.
///
/// Duplicates across a file are found by ``DuplicateMemberCheck``.
package struct BusinessRules: Sendable {
    package var identifiers: IdentifierSchemes
    package var catalogue: ProgramCatalogue
    /// Dates after this day are in the future.
    package var today: CalendarDate

    private let programs: [String: Program]

    /// The severity of each rule in the files read (the reading program's `<rules>`).
    package var severities: RuleSeverities

    package init(
        identifiers: IdentifierSchemes, catalogue: ProgramCatalogue, today: CalendarDate,
        severities: RuleSeverities = RuleSeverities()
    ) {
        self.identifiers = identifiers
        self.catalogue = catalogue
        self.today = today
        self.severities = severities
        programs = Dictionary(catalogue.programs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Checks one record. `lines` gives the line of each field (the record's
    /// line when a field has none); `authTypes` is the format's code list for
    /// `authType`, whose `memberIdPattern`s tie types to member ids.
    func check(
        _ record: TraderRecord, file: String, recordLine: Int, lines: FieldTable<Int>,
        linkedIdLines: [Int], authTypes: CodeList?
    ) -> [Diagnostic] {
        var report = RuleReport(
            diagnostics: RecordDiagnostics(file: file, recordId: record.memberId), lines: lines, recordLine: recordLine,
            severities: severities)
        checkIdentifiers(record, linkedIdLines: linkedIdLines, report: &report)
        checkDates(record, report: &report)
        if record.status != .active, (record.statusReason ?? "").isEmpty {
            report(
                .statusReason, RuleID.statusReason, "a \(record.status.rawValue) member needs a status reason",
                line: lines[.status])
        }
        if let type = record.authType, let pattern = authTypes?.memberIdPatterns[type],
            !pattern.matches(record.memberId)
        {
            report(
                .authType, RuleID.authTypeId,
                "authorisation type \(type) does not match member id \"\(record.memberId)\"")
        }
        checkEligibility(record, report: &report)
        return report.diagnostics.found
    }

    /// Member id and linked ids against their schemes' patterns; the country against ISO 3166-1.
    private func checkIdentifiers(_ record: TraderRecord, linkedIdLines: [Int], report: inout RuleReport) {
        if let scheme = identifiers.schemes[record.memberIdScheme], !scheme.pattern.matches(record.memberId) {
            report(
                .memberId, scheme.rule,
                "\"\(record.memberId)\" is not a valid \(scheme.name) identifier (pattern \(scheme.pattern))")
        }
        for (index, linked) in record.linkedIds.enumerated() {
            guard let scheme = identifiers.schemes[linked.scheme], !scheme.pattern.matches(linked.value) else {
                continue
            }
            report(
                .linkedIds, scheme.rule,
                "\(linked.scheme) \"\(linked.value)\" is not a valid \(scheme.name) identifier (pattern \(scheme.pattern))",
                line: index < linkedIdLines.count ? linkedIdLines[index] : nil)
        }
        if let country = record.address.country, !identifiers.countries.contains(country) {
            report(.addressCountry, identifiers.countryRule, "\"\(country)\" is not an ISO 3166-1 alpha-2 country code")
        }
    }

    /// No date after today; status and validation dates not before the authorisation.
    private func checkDates(_ record: TraderRecord, report: inout RuleReport) {
        checkNotFuture(.authorisedSince, record.authorisedSince, report: &report)
        checkNotFuture(.statusEffective, record.statusEffective, report: &report)
        checkNotFuture(.lastValidated, record.lastValidated, report: &report)
        guard let since = record.authorisedSince else { return }
        if let effective = record.statusEffective, effective < since {
            report(
                .statusEffective, RuleID.dateOrder, "statusEffective \(effective) is before authorisedSince \(since)")
        }
        if let validated = record.lastValidated, validated < since {
            report(.lastValidated, RuleID.dateOrder, "lastValidated \(validated) is before authorisedSince \(since)")
        }
    }

    private func checkNotFuture(_ field: CanonicalField, _ date: CalendarDate?, report: inout RuleReport) {
        guard let date, date > today else { return }
        report(field, RuleID.futureDate, "\(field.rawValue) \(date) is after today (\(today))")
    }

    /// The program's MRA eligibility: authorisation types and consent.
    private func checkEligibility(_ record: TraderRecord, report: inout RuleReport) {
        guard let program = programs[record.program] else { return }
        let rules = program.eligibility
        if let type = record.authType, !rules.authTypes.isEmpty, !rules.authTypes.contains(type) {
            report(
                .authType, RuleID.eligibility,
                "\(program.shortName ?? program.id) type \(type) is not MRA-eligible (eligible: \(rules.authTypes.joined(separator: ", ")))"
            )
        }
        if rules.consentRequired, record.consent != true {
            report(
                .consent, RuleID.eligibility,
                "\(program.shortName ?? program.id) members are exchanged only with their consent; consent is \(record.consent.map { $0 ? "given" : "not given" } ?? "missing")"
            )
        }
    }
}

/// One record's diagnostics, each at its field's line (the record's line when the field has none),
/// at the severity the program gives its rule; a rule that is off reports nothing (its message is not made).
private struct RuleReport {
    var diagnostics: RecordDiagnostics
    let lines: FieldTable<Int>
    let recordLine: Int
    let severities: RuleSeverities

    mutating func callAsFunction(
        _ field: CanonicalField, _ rule: String, _ message: @autoclosure () -> String, line: Int? = nil
    ) {
        var severity = Diagnostic.Severity.error
        if !severities.isEmpty {
            switch severities.severity(of: rule, field: field.rawValue) {
            case .error: break
            case .warning: severity = .warning
            case .off: return
            }
        }
        diagnostics.report(
            line: line ?? lines[field] ?? recordLine, field: field.rawValue, rule: rule, message: message(),
            severity: severity)
    }
}
