package import MRAGateway

/// What a backend knows of a member before a record is loaded over it.
package struct MemberSnapshot: Sendable {
    package var status: MemberStatus
    package var statusEffective: String?
    package var lastValidated: String?
    /// The stored canonical line (without batch id).
    package var stored: String
    /// MIDs of the links that hold now.
    package var openMIDs: Set<String>

    package init(
        status: MemberStatus, statusEffective: String?, lastValidated: String?, stored: String, openMIDs: Set<String>
    ) {
        self.status = status
        self.statusEffective = statusEffective
        self.lastValidated = lastValidated
        self.stored = stored
        self.openMIDs = openMIDs
    }
}

/// Derives history events and link changes from a record and what the
/// registry held before: the same rules for every backend.
///
/// - A new member is `granted` (effective: authorised since, else status
///   date, else the batch date), then `validated` if it carries a validation
///   date, then its status event if it is not active.
/// - A status change gives one event: to active `reinstated`, otherwise the
///   new status's name (`suspended`, `revoked`, `withdrawn`); effective at
///   the record's status date, else the batch date.
/// - The same non-active status with a later status date is a new event of
///   that kind (suspended again).
/// - A later validation date gives `validated`.
package enum StatusHistory {
    package static func events(
        for record: TraderRecord, before: MemberSnapshot?, in batch: BatchContext
    ) -> [MemberEvent] {
        let statusDate = record.statusEffective?.description ?? batch.date
        func event(_ kind: MemberEvent.Kind, _ effective: String, reason: String? = nil) -> MemberEvent {
            MemberEvent(
                kind: kind, effective: effective, reason: reason, partner: batch.partner, batchId: batch.batchId)
        }
        var events: [MemberEvent] = []
        guard let before else {
            let granted = record.authorisedSince?.description ?? record.statusEffective?.description ?? batch.date
            events.append(event(.granted, granted))
            if let validated = record.lastValidated { events.append(event(.validated, validated.description)) }
            if record.status != .active {
                events.append(event(kind(for: record.status), statusDate, reason: record.statusReason))
            }
            return events
        }
        if let validated = record.lastValidated?.description, validated > (before.lastValidated ?? "") {
            events.append(event(.validated, validated))
        }
        if record.status != before.status {
            events.append(event(kind(for: record.status), statusDate, reason: record.statusReason))
        } else if record.status != .active, let date = record.statusEffective?.description,
            date > (before.statusEffective ?? "")
        {
            events.append(event(kind(for: record.status), date, reason: record.statusReason))
        }
        return events
    }

    /// The event a member gets when it moves to `status`.
    package static func kind(for status: MemberStatus) -> MemberEvent.Kind {
        switch status {
        case .active: .reinstated
        case .suspended: .suspended
        case .revoked: .revoked
        case .withdrawn: .withdrawn
        }
    }

    /// The MIDs a record links its member to, sorted, each once.
    package static func mids(of record: TraderRecord) -> [String] {
        var mids: [String] = []
        for linked in record.linkedIds where linked.scheme == "MID" { mids.append(linked.value) }
        guard mids.count > 1 else { return mids }
        mids.sort()
        var unique = [mids[0]]
        for mid in mids.dropFirst() where mid != unique.last! { unique.append(mid) }
        return unique
    }

    /// The withdrawal of a member missing from a full list.
    package static func absence(in batch: BatchContext) -> (event: MemberEvent, reason: String) {
        let reason = "not in full list \(batch.batchId ?? "(no batch id)") of \(batch.partner)"
        return (
            MemberEvent(
                kind: .withdrawn, effective: batch.date, reason: reason, cause: .absentFromFullList,
                partner: batch.partner, batchId: batch.batchId), reason
        )
    }
}
