package import MRAGateway
/// How a validation's findings answer for one catalogue node: the worst verdict
/// of the findings on the node and beneath it.
package enum NodeOutcome: String, Sendable, Hashable {
    case met
    case notMet = "not-met"
    case notApplicable = "not-applicable"
    case notAssessed = "not-assessed"
    /// No finding on the node or beneath it.
    case absent

    package var isVerdict: Bool { self == .met || self == .notMet }
}

/// What comparing two programs' findings through one crosswalk link gave.
package enum ComparisonOutcome: String, Sendable, Hashable, CaseIterable {
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
package struct Comparison: Sendable, Hashable, Encodable {
    package var programA: String
    package var programB: String
    package var criterionA: CriterionReference
    package var criterionB: CriterionReference
    package var strength: LinkStrength
    /// The hub node of a derived link.
    package var via: CriterionReference?
    package var resultA: NodeOutcome
    package var resultB: NodeOutcome
    package var outcome: ComparisonOutcome
    /// Notes of the deciding findings, `criterion: note`.
    package var noteA: String?
    package var noteB: String?

    /// The JSON form's keys in its order: the outcome first.
    enum CodingKeys: String, CodingKey {
        case outcome, programA, programB, criterionA, criterionB, strength, via, resultA, resultB, noteA, noteB
    }
}

/// A trader's status that contradicts another program's (or another list's).
package struct StatusConflict: Sendable, Hashable, Encodable {
    package enum Kind: String, Sendable, Hashable {
        /// Suspended or revoked in one program, active in a program that recognises it.
        case suspendedVersusActive = "suspended-vs-active"
        /// Two lists give the same membership different statuses (a stale copy).
        case listsDisagree = "lists-disagree"
    }

    package var kind: Kind
    package var programA: String
    package var programB: String
    package var detail: String
}

/// A validation older than its program's revalidation cycle allows.
package struct OverdueValidation: Sendable, Hashable, Encodable {
    package var program: String
    package var memberId: String
    package var lastValidated: CalendarDate
    package var due: CalendarDate
    package var daysOverdue: Int
    /// `findings` or the list that gave the date.
    package var basis: String
    package var revalidationYears: Int

    /// The JSON form's keys in its order: the cycle before the basis.
    enum CodingKeys: String, CodingKey {
        case program, memberId, lastValidated, due, daysOverdue, revalidationYears, basis
    }
}

/// One membership of a trader, as a list holds it.
package struct Membership: Sendable, Hashable, Encodable {
    package var program: String
    package var memberId: String
    package var status: MemberStatus
    package var listedBy: String
    package var lastValidated: CalendarDate?
    package var source: String
}

/// One trader across programs, with everything reconciliation found.
package struct TraderReconciliation: Sendable {
    /// Stable id: the smallest identifier key of the trader.
    package var id: String
    package var name: String
    package var identifiers: [String]
    package var memberships: [Membership]
    /// Latest validation per program, in program order.
    package var validations: [Validation]
    /// Older validations not compared.
    package var supersededValidations: Int
    package var comparisons: [Comparison]
    package var statusConflicts: [StatusConflict]
    package var overdue: [OverdueValidation]

    /// Count of comparisons with `outcome`.
    package func count(_ outcome: ComparisonOutcome) -> Int { comparisons.filter { $0.outcome == outcome }.count }
}

/// Totals for one pair of programs.
package struct ProgramPairSummary: Sendable, Hashable {
    package var programA: String
    package var programB: String
    /// Traders with findings in both programs.
    package var traders: Int
    package var agree: Int
    package var conflict: Int
    package var divergent: Int
    package var gap: Int
    package var statusConflicts: Int

    package func count(_ outcome: ComparisonOutcome) -> Int {
        switch outcome {
        case .agree: return agree
        case .conflict: return conflict
        case .divergent: return divergent
        case .gap: return gap
        }
    }
}

/// Totals for one program.
package struct ProgramSummary: Sendable, Hashable {
    package var program: String
    package var validations: Int
    package var overdue: Int
    package var revalidationYears: Int?
}

/// The whole reconciliation: per trader, per program pair, per program.
package struct ReconciliationReport: Sendable {
    package var today: CalendarDate
    package var crosswalkVersion: String
    package var findingsFiles: [String]
    package var memberFiles: [String]
    package var traders: [TraderReconciliation]
    package var pairs: [ProgramPairSummary]
    package var programs: [ProgramSummary]
    /// Problems in the inputs (findings or member lists), already in report order.
    package var diagnostics: [Diagnostic]

    package var statusConflictCount: Int { traders.reduce(0) { $0 + $1.statusConflicts.count } }
    package var overdueCount: Int { traders.reduce(0) { $0 + $1.overdue.count } }
    package func count(_ outcome: ComparisonOutcome) -> Int { pairs.reduce(0) { $0 + $1.count(outcome) } }
}
