public import MRAGateway
/// How a validation's findings answer for one catalogue node: the worst verdict
/// of the findings on the node and beneath it.
public enum NodeOutcome: String, Sendable, Hashable {
    case met
    case notMet = "not-met"
    case notApplicable = "not-applicable"
    case notAssessed = "not-assessed"
    /// No finding on the node or beneath it.
    case absent

    public var isVerdict: Bool { self == .met || self == .notMet }
}

/// What comparing two programs' findings through one crosswalk link gave.
public enum ComparisonOutcome: String, Sendable, Hashable, CaseIterable {
    /// The same verdict (or both not applicable).
    case agree
    /// Met in one, not met in the other, on an equivalent link.
    case conflict
    /// Met in one, not met in the other, on a partial link: review.
    case divergent
    /// A verdict in one program only: the other did not assess it (or found it not applicable).
    case gap
}

/// One comparison of a trader's findings in two programs, through one link.
public struct Comparison: Sendable, Hashable, Encodable {
    public var programA: String
    public var programB: String
    public var criterionA: CriterionReference
    public var criterionB: CriterionReference
    public var strength: LinkStrength
    /// The hub node of a derived link.
    public var via: CriterionReference?
    public var resultA: NodeOutcome
    public var resultB: NodeOutcome
    public var outcome: ComparisonOutcome
    /// Notes of the deciding findings, `criterion: note`.
    public var noteA: String?
    public var noteB: String?

    /// The JSON form's keys in its order: the outcome first.
    enum CodingKeys: String, CodingKey {
        case outcome, programA, programB, criterionA, criterionB, strength, via, resultA, resultB, noteA, noteB
    }
}

/// A trader's status that contradicts another program's (or another list's).
public struct StatusConflict: Sendable, Hashable, Encodable {
    public enum Kind: String, Sendable, Hashable {
        /// Suspended or revoked in one program, active in a program that recognises it.
        case suspendedVersusActive = "suspended-vs-active"
        /// Two lists give the same membership different statuses (a stale copy).
        case listsDisagree = "lists-disagree"
    }

    public var kind: Kind
    public var programA: String
    public var programB: String
    public var detail: String
}

/// A validation older than its program's revalidation cycle allows.
public struct OverdueValidation: Sendable, Hashable, Encodable {
    public var program: String
    public var memberId: String
    public var lastValidated: CalendarDate
    public var due: CalendarDate
    public var daysOverdue: Int
    /// `findings` or the list that gave the date.
    public var basis: String
    public var revalidationYears: Int

    /// The JSON form's keys in its order: the cycle before the basis.
    enum CodingKeys: String, CodingKey {
        case program, memberId, lastValidated, due, daysOverdue, revalidationYears, basis
    }
}

/// One membership of a trader, as a list holds it.
public struct Membership: Sendable, Hashable, Encodable {
    public var program: String
    public var memberId: String
    public var status: MemberStatus
    public var listedBy: String
    public var lastValidated: CalendarDate?
    public var source: String
}

/// One trader across programs, with everything reconciliation found.
public struct TraderReconciliation: Sendable {
    /// Stable id: the smallest identifier key of the trader.
    public var id: String
    public var name: String
    public var identifiers: [String]
    public var memberships: [Membership]
    /// Latest validation per program, in program order.
    public var validations: [Validation]
    /// Older validations not compared.
    public var supersededValidations: Int
    public var comparisons: [Comparison]
    public var statusConflicts: [StatusConflict]
    public var overdue: [OverdueValidation]

    /// Count of comparisons with `outcome`.
    public func count(_ outcome: ComparisonOutcome) -> Int { comparisons.filter { $0.outcome == outcome }.count }
}

/// Totals for one pair of programs.
public struct ProgramPairSummary: Sendable, Hashable {
    public var programA: String
    public var programB: String
    /// Traders with findings in both programs.
    public var traders: Int
    public var agree: Int
    public var conflict: Int
    public var divergent: Int
    public var gap: Int
    public var statusConflicts: Int

    public func count(_ outcome: ComparisonOutcome) -> Int {
        switch outcome {
        case .agree: return agree
        case .conflict: return conflict
        case .divergent: return divergent
        case .gap: return gap
        }
    }
}

/// Totals for one program.
public struct ProgramSummary: Sendable, Hashable {
    public var program: String
    public var validations: Int
    public var overdue: Int
    public var revalidationYears: Int?
}

/// The whole reconciliation: per trader, per program pair, per program.
public struct ReconciliationReport: Sendable {
    public var today: CalendarDate
    public var crosswalkVersion: String
    public var findingsFiles: [String]
    public var memberFiles: [String]
    public var traders: [TraderReconciliation]
    public var pairs: [ProgramPairSummary]
    public var programs: [ProgramSummary]
    /// Problems in the inputs (findings or member lists), already in report order.
    public var diagnostics: [Diagnostic]

    public var statusConflictCount: Int { traders.reduce(0) { $0 + $1.statusConflicts.count } }
    public var overdueCount: Int { traders.reduce(0) { $0 + $1.overdue.count } }
    public func count(_ outcome: ComparisonOutcome) -> Int { pairs.reduce(0) { $0 + $1.count(outcome) } }
}
