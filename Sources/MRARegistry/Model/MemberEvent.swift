/// One entry of a member's status history. Events are appended, never
/// changed or removed: the history is what the partners said, in the order
/// the gateway learnt it.
package struct MemberEvent: Hashable, Sendable {
    /// What happened to the membership.
    package enum Kind: String, Hashable, Sendable, CaseIterable {
        /// First seen in the registry: authorised or certified.
        case granted
        /// (Re)validated: the partner reports a later validation date.
        case validated
        case suspended
        /// Back to active after a suspension, revocation or withdrawal.
        case reinstated
        case revoked
        case withdrawn
    }

    /// Why the event was recorded.
    package enum Cause: String, Hashable, Sendable {
        /// The partner's record says so.
        case record
        /// The member is missing from a full list of the partner that
        /// supplied it: it is withdrawn as of the list's date.
        case absentFromFullList = "absent-from-full-list"
    }

    package var kind: Kind
    /// When it took effect (`YYYY-MM-DD`), as the partner gave it, or the
    /// batch date when the partner gave none.
    package var effective: String
    package var reason: String?
    package var cause: Cause
    /// The partner program whose batch carried the change.
    package var partner: String
    /// The partner's batch id.
    package var batchId: String?

    package init(
        kind: Kind, effective: String, reason: String? = nil, cause: Cause = .record, partner: String,
        batchId: String?
    ) {
        self.kind = kind
        self.effective = effective
        self.reason = reason
        self.cause = cause
        self.partner = partner
        self.batchId = batchId
    }
}
