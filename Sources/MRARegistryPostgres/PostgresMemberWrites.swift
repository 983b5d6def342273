import MRAGateway
import MRARegistry
import PostgresNIO

/// Loads records into the PostgreSQL registry a group at a time, with the
/// same history and links as every backend (``StatusHistory``): one
/// statement reads what the registry holds of the group's members, the
/// changes are decided here, and one statement each inserts the new
/// members, marks the unchanged ones as seen, updates the changed ones,
/// closes their dropped links, and appends the events and the new links.
struct PostgresMemberWrites {
    let link: PostgresLink
    let batch: BatchContext

    /// Members withdrawn per statement by ``withdrawAbsent()``.
    static let withdrawalsPerStatement = 1_000

    /// Stores `records` in document order; returns what each did to its member.
    func put(_ records: [StoredRecord]) throws(RegistryError) -> [MemberChange] {
        var changes: [MemberChange] = []
        changes.reserveCapacity(records.count)
        // A list holds each member once (rule DUP-MEMBER); should a group hold one twice, the second is put
        // after the first, as one by one.
        var start = 0
        while start < records.count {
            var keys = Set<MemberKey>()
            var end = start
            while end < records.count, keys.insert(MemberKey(records[end].record)).inserted { end += 1 }
            changes += try putGroup(records[start..<end])
            start = end
        }
        return changes
    }

    /// A member's key: program and member id.
    private struct MemberKey: Hashable {
        var program: String
        var memberId: String

        init(_ record: TraderRecord) {
            program = record.program
            memberId = record.memberId
        }

        init(program: String, memberId: String) {
            self.program = program
            self.memberId = memberId
        }
    }

    /// What the registry holds of a member the group carries.
    private struct Held {
        var id: Int64
        var snapshot: MemberSnapshot
    }

    /// Puts records of distinct members.
    private func putGroup(_ records: ArraySlice<StoredRecord>) throws(RegistryError) -> [MemberChange] {
        var held = try heldMembers(records)
        var changes: [MemberChange] = []
        var inserted: [StoredRecord] = []
        var changed: [(id: Int64, stored: StoredRecord)] = []
        var unchanged: [Int64] = []
        for stored in records {
            guard let member = held[MemberKey(stored.record)] else {
                inserted.append(stored)
                changes.append(.inserted)
                continue
            }
            if member.snapshot.stored.utf8.elementsEqual(stored.line) {
                unchanged.append(member.id)
                changes.append(.unchanged)
            } else {
                changed.append((member.id, stored))
                changes.append(.changed)
            }
        }
        try addOpenMIDs(of: changed.map(\.id), to: &held)
        let newIds = try insert(inserted)
        try markSeen(unchanged)
        try update(changed)
        var events: [(member: Int64, event: MemberEvent)] = []
        var opened: [(member: Int64, mid: String)] = []
        var closed: [(member: Int64, mid: String)] = []
        var next = 0
        for stored in records {
            let key = MemberKey(stored.record)
            let id: Int64
            let before: MemberSnapshot?
            if let member = held[key] {
                guard !member.snapshot.stored.utf8.elementsEqual(stored.line) else { continue }
                (id, before) = (member.id, member.snapshot)
                for mid in member.snapshot.openMIDs.subtracting(stored.mids).sorted() { closed.append((id, mid)) }
            } else {
                (id, before) = (newIds[next], nil)
                next += 1
            }
            for event in StatusHistory.events(for: stored.record, before: before, in: batch) {
                events.append((id, event))
            }
            for mid in stored.mids where !(before?.openMIDs.contains(mid) ?? false) { opened.append((id, mid)) }
        }
        try close(closed)
        try append(events)
        try open(opened)
        return changes
    }

    /// What the registry holds of the records' members, by key.
    private func heldMembers(_ records: ArraySlice<StoredRecord>) throws(RegistryError) -> [MemberKey: Held] {
        var keys = BoundRows()
        for stored in records {
            keys.add(stored.record.program)
            keys.add(stored.record.memberId)
            keys.endRow()
        }
        let rows = try link.query(
            keys.query(
                """
                SELECT id, program, memberId, status, statusEffective, lastValidated, record FROM member
                WHERE (program, memberId) IN (VALUES
                """, tail: ")"))
        return try link.decoding {
            var held: [MemberKey: Held] = [:]
            for row in rows {
                let (id, program, memberId, status, statusEffective, lastValidated, record) = try row.decode(
                    (Int64, String, String, String, String?, String?, String).self)
                held[MemberKey(program: program, memberId: memberId)] = Held(
                    id: id,
                    snapshot: MemberSnapshot(
                        status: MemberStatus(rawValue: status) ?? .active, statusEffective: statusEffective,
                        lastValidated: lastValidated, stored: record, openMIDs: []))
            }
            return held
        }
    }

    /// Reads the open links of the members with ids `ids` into their snapshots.
    private func addOpenMIDs(of ids: [Int64], to held: inout [MemberKey: Held]) throws(RegistryError) {
        guard !ids.isEmpty else { return }
        let rows = try link.query("SELECT member, mid FROM mid_link WHERE member = ANY(\(ids)) AND validTo IS NULL")
        var mids: [Int64: Set<String>] = [:]
        for row in rows {
            let (member, mid) = try link.decoding { try row.decode((Int64, String).self) }
            mids[member, default: []].insert(mid)
        }
        for (key, member) in held { held[key]?.snapshot.openMIDs = mids[member.id] ?? [] }
    }

    /// Inserts new members; returns their ids, in order.
    private func insert(_ records: [StoredRecord]) throws(RegistryError) -> [Int64] {
        guard !records.isEmpty else { return [] }
        var values = BoundRows()
        for stored in records {
            let record = stored.record
            values.add(record.program)
            values.add(record.memberId)
            values.add(batch.partner)
            values.add(record.status.rawValue)
            values.add(record.statusEffective?.description)
            values.add(record.lastValidated?.description)
            values.add(String(decoding: stored.line, as: UTF8.self))
            values.add(batch.batchId)
            values.add(batch.processedAt)
            values.add(batch.ledgerId)
            values.endRow()
        }
        let rows = try link.query(
            values.query(
                """
                INSERT INTO member (program, memberId, source, status, statusEffective, lastValidated, record,
                    changedBy, changedAt, seenIn) VALUES
                """, tail: "RETURNING id, program, memberId"))
        // Ids by key: the order of RETURNING's rows is the server's to choose.
        var ids: [MemberKey: Int64] = [:]
        for row in rows {
            let (id, program, memberId) = try link.decoding { try row.decode((Int64, String, String).self) }
            ids[MemberKey(program: program, memberId: memberId)] = id
        }
        var ordered: [Int64] = []
        for stored in records {
            guard let id = ids[MemberKey(stored.record)] else {
                throw RegistryError(.storage, "\(link.location): member \(stored.record.memberId) was not inserted")
            }
            ordered.append(id)
        }
        return ordered
    }

    /// Marks unchanged members as seen in the batch.
    private func markSeen(_ ids: [Int64]) throws(RegistryError) {
        guard !ids.isEmpty else { return }
        try link.query(
            "UPDATE member SET source = \(batch.partner), seenIn = \(batch.ledgerId) WHERE id = ANY(\(ids))")
    }

    /// Replaces the stored records of changed members.
    private func update(_ members: [(id: Int64, stored: StoredRecord)]) throws(RegistryError) {
        guard !members.isEmpty else { return }
        var values = BoundRows()
        let source = values.parameter(batch.partner)
        let changedBy = values.parameter(batch.batchId)
        let changedAt = values.parameter(batch.processedAt)
        let seenIn = values.parameter(batch.ledgerId)
        for (id, stored) in members {
            let record = stored.record
            values.add(id)
            values.add(record.status.rawValue)
            values.add(record.statusEffective?.description, cast: "text")
            values.add(record.lastValidated?.description, cast: "text")
            values.add(String(decoding: stored.line, as: UTF8.self))
            values.endRow()
        }
        try link.query(
            values.query(
                """
                UPDATE member m SET source = \(source), status = u.status, statusEffective = u.statusEffective,
                    lastValidated = u.lastValidated, record = u.record, changedBy = \(changedBy)::text,
                    changedAt = \(changedAt), seenIn = \(seenIn)
                FROM (VALUES
                """, tail: ") AS u(id, status, statusEffective, lastValidated, record) WHERE m.id = u.id"))
    }

    /// Closes links, as of the batch's date.
    private func close(_ links: [(member: Int64, mid: String)]) throws(RegistryError) {
        guard !links.isEmpty else { return }
        var values = BoundRows()
        let validTo = values.parameter(batch.date)
        let closedBy = values.parameter(batch.ledgerId)
        for (member, mid) in links {
            values.add(member)
            values.add(mid)
            values.endRow()
        }
        try link.query(
            values.query(
                "UPDATE mid_link k SET validTo = \(validTo), closedBy = \(closedBy) FROM (VALUES",
                tail: ") AS c(member, mid) WHERE k.member = c.member AND k.mid = c.mid AND k.validTo IS NULL"))
    }

    /// Appends history events, in order (their ids keep it).
    private func append(_ events: [(member: Int64, event: MemberEvent)]) throws(RegistryError) {
        guard !events.isEmpty else { return }
        var values = BoundRows()
        for (member, event) in events {
            assert(event.partner == batch.partner && event.batchId == batch.batchId, "an event of another batch")
            values.add(member)
            values.add(event.kind.rawValue)
            values.add(event.effective)
            values.add(event.reason)
            values.add(event.cause.rawValue)
            values.add(batch.ledgerId)
            values.endRow()
        }
        try link.query(
            values.query("INSERT INTO member_event (member, kind, effective, reason, cause, ledgerId) VALUES"))
    }

    /// Opens links as of the batch's date.
    private func open(_ links: [(member: Int64, mid: String)]) throws(RegistryError) {
        guard !links.isEmpty else { return }
        var values = BoundRows()
        for (member, mid) in links {
            values.add(member)
            values.add(mid)
            values.add(batch.date)
            values.add(batch.ledgerId)
            values.endRow()
        }
        try link.query(values.query("INSERT INTO mid_link (member, mid, validFrom, openedBy) VALUES"))
    }

    /// Withdraws the members the batch's partner supplies that its full list did not carry (and that are not
    /// withdrawn already); returns how many.
    func withdrawAbsent() throws(RegistryError) -> Int {
        let (event, reason) = StatusHistory.absence(in: batch)
        var withdrawn = 0
        var after: Int64 = 0
        while true {
            let rows = try link.query(
                """
                SELECT id, record FROM member
                WHERE source = \(batch.partner) AND seenIn <> \(batch.ledgerId) AND status <> 'withdrawn'
                    AND id > \(after)
                ORDER BY id LIMIT \(Self.withdrawalsPerStatement)
                """)
            guard !rows.isEmpty else { return withdrawn }
            var values = BoundRows()
            let date = values.parameter(batch.date)
            let changedBy = values.parameter(batch.batchId)
            let changedAt = values.parameter(batch.processedAt)
            var ids: [Int64] = []
            for row in rows {
                let (id, line) = try link.decoding { try row.decode((Int64, String).self) }
                var record = try CanonicalJSON.decode(line)
                record.status = .withdrawn
                record.statusReason = reason
                record.statusEffective = CalendarDate(iso: batch.date)
                values.add(id)
                values.add(CanonicalJSON.stored(record))
                values.endRow()
                ids.append(id)
            }
            try link.query(
                values.query(
                    """
                    UPDATE member m SET status = 'withdrawn', statusEffective = \(date), record = u.record,
                        changedBy = \(changedBy)::text, changedAt = \(changedAt)
                    FROM (VALUES
                    """, tail: ") AS u(id, record) WHERE m.id = u.id"))
            try append(ids.map { ($0, event) })
            withdrawn += ids.count
            after = ids[ids.count - 1]
        }
    }
}
