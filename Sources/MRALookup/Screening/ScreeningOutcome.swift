/// What screening concluded for one declaration line.
package enum ScreeningOutcome: String, Sendable, CaseIterable {
    /// A member carries the identifier and gets MRA benefits (or is CTPAT's own) on the day of entry.
    case recognized
    /// A member carries it, but it is suspended on the day of entry.
    case suspended
    /// A member carries it, but a check failed: not yet or no longer a member, an arrangement not in force, a type
    /// the MRA does not cover, no consent, or a role the member is not certified in.
    case ineligible
    /// No member of any program carries the identifier: no partner vouches for this trader.
    case unknown
    /// The line cannot be screened (no id, not a date, an unknown scheme or role…); `error` says why.
    case invalid
}
