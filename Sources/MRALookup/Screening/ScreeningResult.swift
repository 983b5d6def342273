/// The answer for one declaration line: the member that decides it, the
/// benefit decision with its checks, and the outcome.
package struct ScreeningResult: Sendable {
    /// The line's number in the batch or file (1-based).
    package var line: Int
    /// The line as read; nil when it could not be read at all.
    package var declaration: Declaration?
    package var outcome: ScreeningOutcome
    /// The member the decision is about: of those that carry the id, the first that gets MRA benefits, else the
    /// first suspended one, else the first (by program and member id).
    package var member: TraderAnswer.Member?
    /// How many members carry the identifier.
    package var matches: Int
    /// The checks of the decision: the member's US entry checks, then `role-covered` when a role was declared.
    package var checks: [USEntryBenefits.Check]
    /// Why the line is `invalid`.
    package var error: LookupError?

    /// Every check passed: the entry gets MRA benefits (CTPAT's own member counts).
    package var mraBenefits: Bool { member != nil && checks.allSatisfy(\.passed) }

    /// A line that cannot be screened.
    package static func invalid(line: Int, declaration: Declaration?, _ error: LookupError) -> Self {
        ScreeningResult(
            line: line, declaration: declaration, outcome: .invalid, member: nil, matches: 0, checks: [],
            error: error)
    }
}
