public import MRAGateway
/// The result of one criterion in one validation.
public enum CriterionResult: String, Sendable, Hashable, CaseIterable {
    case met
    case notMet = "not-met"
    case notApplicable = "not-applicable"
    case notAssessed = "not-assessed"

    /// Met or not met: the validator reached a verdict.
    public var isVerdict: Bool { self == .met || self == .notMet }
}

/// One criterion as a validation found it.
public struct CriterionFinding: Sendable, Hashable {
    /// The catalogue id (`3.4`, `6.11`, `4.3`), after translation of native codes.
    public var criterion: String
    public var result: CriterionResult
    public var note: String?
    /// Line in the findings file.
    public var line: Int

    public init(criterion: String, result: CriterionResult, note: String? = nil, line: Int = 0) {
        self.criterion = criterion
        self.result = result
        self.note = note
        self.line = line
    }
}

/// One validation of one trader by one program's administration: the canonical
/// form every findings format is read into (docs/findings-format.md).
public struct Validation: Sendable, Hashable {
    /// Gateway program id of the validating administration's program.
    public var program: String
    /// The trader's id in that program.
    public var memberId: String
    /// The scheme of `memberId` (from the program catalogue).
    public var memberIdScheme: String
    /// Other ids of the trader the validator recorded (MID, EORI, RFC, …).
    public var linkedIds: [LinkedID]
    public var entityType: String?
    public var validationId: String?
    /// `initial`, `revalidation`, `joint`, `monitoring`.
    public var kind: String?
    public var date: CalendarDate
    public var validator: String
    public var office: String?
    public var findings: [CriterionFinding]
    /// Where it was read.
    public var file: String
    public var line: Int

    public init(
        program: String, memberId: String, memberIdScheme: String, linkedIds: [LinkedID] = [], entityType: String? = nil,
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
