package import MRAGateway
/// The result of one criterion in one validation.
package enum CriterionResult: String, Sendable, Hashable, CaseIterable {
    case met
    case notMet = "not-met"
    case notApplicable = "not-applicable"
    case notAssessed = "not-assessed"

    /// Met or not met: the validator reached a verdict.
    package var isVerdict: Bool { self == .met || self == .notMet }
}

/// One criterion as a validation found it.
package struct CriterionFinding: Sendable, Hashable {
    /// The catalogue id (`3.4`, `6.11`, `4.3`), after translation of native codes.
    package var criterion: String
    package var result: CriterionResult
    package var note: String?
    /// Line in the findings file.
    package var line: Int

    package init(criterion: String, result: CriterionResult, note: String? = nil, line: Int = 0) {
        self.criterion = criterion
        self.result = result
        self.note = note
        self.line = line
    }
}

/// One validation of one trader by one program's administration: the canonical
/// form every findings format is read into (docs/findings-format.md).
package struct Validation: Sendable, Hashable {
    /// Gateway program id of the validating administration's program.
    package var program: String
    /// The trader's id in that program.
    package var memberId: String
    /// The scheme of `memberId` (from the program catalogue).
    package var memberIdScheme: String
    /// Other ids of the trader the validator recorded (MID, EORI, RFC, …).
    package var linkedIds: [LinkedID]
    package var entityType: String?
    package var validationId: String?
    /// `initial`, `revalidation`, `joint`, `monitoring`.
    package var kind: String?
    package var date: CalendarDate
    package var validator: String
    package var office: String?
    package var findings: [CriterionFinding]
    /// Where it was read.
    package var file: String
    package var line: Int

    package init(
        program: String, memberId: String, memberIdScheme: String, linkedIds: [LinkedID] = [],
        entityType: String? = nil,
        validationId: String? = nil, kind: String? = nil, date: CalendarDate, validator: String, office: String? = nil,
        findings: [CriterionFinding], file: String = "", line: Int = 0
    ) {
        self.program = program
        self.memberId = memberId
        self.memberIdScheme = memberIdScheme
        self.linkedIds = linkedIds
        self.entityType = entityType
        self.validationId = validationId
        self.kind = kind
        self.date = date
        self.validator = validator
        self.office = office
        self.findings = findings
        self.file = file
        self.line = line
    }
}
