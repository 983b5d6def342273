package import MRAGateway

/// Reconciliation from files: findings files in any format with a findings
/// mapping, and member lists for the traders' status, read and compared
/// through the crosswalk. What `mra-gateway reconcile` and the console's
/// reconciliation page both do.
package struct ReconciliationRun: Sendable {
    package var configuration: GatewayConfiguration
    package var today: CalendarDate
    /// Report every trader of the member lists, not only those with findings.
    package var includeAllMembers: Bool

    package init(configuration: GatewayConfiguration, today: CalendarDate, includeAllMembers: Bool = false) {
        self.configuration = configuration
        self.today = today
        self.includeAllMembers = includeAllMembers
    }

    /// The report of `findings` (paths) against the member lists `members`
    /// (`(program, path)`); a findings file whose format is unknown refuses the run.
    package func report(
        findings: [String], members: [(program: String, path: String)]
    ) throws(ReconciliationError) -> ReconciliationReport {
        let criteria = try CriteriaLibrary(home: configuration.home)
        let formats = try FindingsFormats(
            home: configuration.home, catalogue: configuration.catalogue, criteria: criteria)
        var validations: [Validation] = []
        var diagnostics: [Diagnostic] = []
        for file in findings {
            let result = try formats.read(path: file)
            if result.refused {
                throw ReconciliationError(
                    .unknownFormat, "findings file refused: \(result.diagnostics.last?.message ?? "")", file: file)
            }
            validations += result.validations
            diagnostics += result.diagnostics
        }
        let directory = MemberListDirectory(configuration: configuration, files: members, today: today)
        let (listings, listProblems) = try directory.listings()
        return Reconciler(
            criteria: criteria, catalogue: configuration.catalogue, today: today, includeAllMembers: includeAllMembers
        ).reconcile(
            validations: validations, listings: listings, findingsFiles: findings, memberFiles: members.map(\.path),
            diagnostics: diagnostics + listProblems)
    }
}
