import MRAGateway
import MRARegistry
import PostgresNIO

/// Loads records into the PostgreSQL registry, with the same history and
/// links as every backend (``StatusHistory``). Each group of records costs
/// one statement that reads what the registry holds of its members; the
/// changes are decided here. Changed members are updated at once, one
/// statement a group; new members (their ids drawn from the sequence a
/// block at a time), their events and links, and the members only seen
/// wait in memory and go ``rowsPerFlush`` at a time, each kind in one
/// statement over `unnest`ed arrays, whose text does not change with the
/// row count.
///
/// Pending rows are written before anything else the transaction runs (so
/// every read sees every write) and before it commits: its owner, the
/// session, calls ``flush()`` first in every other method.
final class PostgresMemberWrites {
    /// Rows waiting before they are written: bounds the memory a load takes and the size of a statement.
    static let rowsPerFlush = 4_000
    /// The most member ids drawn from the sequence at once.
    static let mostIdsPerDraw = 4_096
    /// New members from which a transaction ends by analyzing the tables it filled (``finish()``).
    static let membersWorthAnalyzing = 10_000
    /// Members withdrawn per statement by ``withdrawAbsent(in:)``.
    static let withdrawalsPerStatement = 1_000

    let link: PostgresLink
    private var members = NewMembers()
    private var events = NewEvents()
    private var links = NewLinks()
    private var seen: [Int64] = []
    private var seenIn: (partner: String, ledgerId: Int64)?
    private var drawnIds: [Int64] = []
    /// Ids the next draw takes: 64 first, twice as many each time after, so a delta wastes few and a first list
    /// draws seldom.
    private var nextDraw = 64
    /// Programs that had no member when this transaction first put one of theirs (a partner's first list):
    /// their records need no reading, as a list holds each member once (rule DUP-MEMBER; a second one fails
    /// on the unique key, as on SQLite).
    private var newPrograms: [String: Bool] = [:]
    /// New members this transaction inserted.
    private var inserted = 0

    init(link: PostgresLink) {
        self.link = link
    }

    /// Stores `records` in document order; returns what each did to its member.
    func put(_ records: [StoredRecord], in batch: BatchContext) throws(RegistryError) -> [MemberChange] {
        var changes: [MemberChange] = []
        changes.reserveCapacity(records.count)
        // A list holds each member once (rule DUP-MEMBER); should a group hold one twice, the second is put
        // after the first, as one by one.
        var start = 0
        while start < records.count {
            var keys = Set<MemberKey>()
            var end = start
            while end < records.count, keys.insert(MemberKey(records[end].record)).inserted { end += 1 }
            changes += try putGroup(records[start..<end], in: batch)
            // The next group reads the member this one wrote.
            if end < records.count { try flush() }
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

    /// What the registry holds of a member a group carries.
    private struct Held {
        var id: Int64
        var snapshot: MemberSnapshot
    }

    /// Puts records of distinct members.
    private func putGroup(
        _ records: ArraySlice<StoredRecord>, in batch: BatchContext
    ) throws(RegistryError) -> [MemberChange] {
        var held = try heldMembers(records)
        var changes: [MemberChange] = []
        var changed: [(id: Int64, stored: StoredRecord)] = []
        for stored in records {
            guard let member = held[MemberKey(stored.record)] else {
                changes.append(.inserted)
                continue
            }
            if member.snapshot.stored.utf8.elementsEqual(stored.line) {
                try markSeen(member.id, in: batch)
                changes.append(.unchanged)
            } else {
                changed.append((member.id, stored))
                changes.append(.changed)
            }
        }
        try addOpenMIDs(of: changed.map(\.id), to: &held)
        try update(changed, in: batch)
        var closed: [(member: Int64, mid: String)] = []
        for stored in records {
            let id: Int64
            let before: MemberSnapshot?
            if let member = held[MemberKey(stored.record)] {
                guard !member.snapshot.stored.utf8.elementsEqual(stored.line) else { continue }
                (id, before) = (member.id, member.snapshot)
                for mid in member.snapshot.openMIDs.subtracting(stored.mids).sorted() { closed.append((id, mid)) }
            } else {
                (id, before) = (try drawId(), nil)
                members.add(id, stored, batch)
                inserted += 1
            }
            for event in StatusHistory.events(for: stored.record, before: before, in: batch) {
                events.add(member: id, event, batch)
            }
            for mid in stored.mids where !(before?.openMIDs.contains(mid) ?? false) {
                links.add(member: id, mid: mid, batch)
            }
        }
        try close(closed, in: batch)
        if members.count + events.count + links.count + seen.count >= Self.rowsPerFlush { try flush() }
        return changes
    }

    /// What the registry holds of the records' members, by key.
    private func heldMembers(_ records: ArraySlice<StoredRecord>) throws(RegistryError) -> [MemberKey: Held] {
        var reading: [StoredRecord] = []
        for stored in records where !(try isNewProgram(stored.record.program)) { reading.append(stored) }
        guard !reading.isEmpty else { return [:] }
        let programs = reading.map(\.record.program)
        let memberIds = reading.map(\.record.memberId)
        let rows = try link.query(
            """
            SELECT id, program, memberId, status, statusEffective, lastValidated, record FROM member
            WHERE (program, memberId) IN (SELECT * FROM unnest(\(programs)::text[], \(memberIds)::text[]))
            """)
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

    private func isNewProgram(_ program: String) throws(RegistryError) -> Bool {
        if let known = newPrograms[program] { return known }
        let rows = try link.query("SELECT NOT EXISTS (SELECT 1 FROM member WHERE program = \(program))")
        let isNew = try link.decoding { try rows.first?.decode(Bool.self) ?? false }
        newPrograms[program] = isNew
        return isNew
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

    /// The next member id, drawn from the table's sequence a block at a time (those a transaction leaves unused
    /// are gaps, as a rolled-back insert leaves).
    private func drawId() throws(RegistryError) -> Int64 {
        if drawnIds.isEmpty {
            let rows = try link.query(
                """
                SELECT nextval(pg_get_serial_sequence('member', 'id')) FROM generate_series(1, \(nextDraw))
                """)
            drawnIds = try link.decoding { try rows.map { try $0.decode(Int64.self) } }.reversed()
            nextDraw = min(2 * nextDraw, Self.mostIdsPerDraw)
        }
        return drawnIds.removeLast()
    }

    /// Marks an unchanged member as seen in the batch (all of a transaction's are of one batch).
    private func markSeen(_ id: Int64, in batch: BatchContext) throws(RegistryError) {
        if let seenIn, seenIn != (batch.partner, batch.ledgerId) { try flush() }
        seenIn = (batch.partner, batch.ledgerId)
        seen.append(id)
    }

    /// Replaces the stored records of changed members.
    private func update(_ changed: [(id: Int64, stored: StoredRecord)], in batch: BatchContext) throws(RegistryError) {
        guard !changed.isEmpty else { return }
        var status = TextColumn()
        var statusEffective = TextColumn()
        var lastValidated = TextColumn()
        var record = TextColumn()
        for (_, stored) in changed {
            status.append(stored.record.status.rawValue)
            statusEffective.append(stored.record.statusEffective?.description)
            lastValidated.append(stored.record.lastValidated?.description)
            record.append(String(decoding: stored.line, as: UTF8.self))
        }
        try link.query(
            """
            UPDATE member m SET source = \(batch.partner), status = u.status, statusEffective = u.statusEffective,
                lastValidated = u.lastValidated, record = u.record, changedBy = \(batch.batchId)::text,
                changedAt = \(batch.processedAt), seenIn = \(batch.ledgerId)
            FROM unnest(\(changed.map(\.id))::bigint[], \(status), \(statusEffective), \(lastValidated), \(record))
                AS u(id, status, statusEffective, lastValidated, record)
            WHERE m.id = u.id
            """)
    }

    /// Closes links, as of the batch's date.
    private func close(_ closing: [(member: Int64, mid: String)], in batch: BatchContext) throws(RegistryError) {
        guard !closing.isEmpty else { return }
        try flush()
        try link.query(
            """
            UPDATE mid_link k SET validTo = \(batch.date), closedBy = \(batch.ledgerId)
            FROM unnest(\(closing.map(\.member))::bigint[], \(closing.map(\.mid))::text[]) AS c(member, mid)
            WHERE k.member = c.member AND k.mid = c.mid AND k.validTo IS NULL
            """)
    }

    /// Writes every pending row: members first, so that their events and links find them; events in the
    /// order they were made (their ids keep it). The inserts are sent without waiting for their answers, so the
    /// server stores while the load reads on; the connection's next query waits for them (``PostgresLink/send(_:)``).
    func flush() throws(RegistryError) {
        if !members.isEmpty {
            try link.send(
                """
                INSERT INTO member (id, program, memberId, source, status, statusEffective, lastValidated, record,
                    changedBy, changedAt, seenIn)
                SELECT * FROM unnest(\(members.id)::bigint[], \(members.program), \(members.memberId),
                    \(members.source), \(members.status), \(members.statusEffective), \(members.lastValidated),
                    \(members.record), \(members.changedBy), \(members.changedAt), \(members.seenIn)::bigint[])
                """)
            members = NewMembers()
        }
        if !events.isEmpty {
            try link.send(
                """
                INSERT INTO member_event (member, kind, effective, reason, cause, ledgerId)
                SELECT e.member, e.kind, e.effective, e.reason, e.cause, e.ledgerId FROM unnest(\(events.member)::bigint[], \(events.kind), \(events.effective),
                    \(events.reason), \(events.cause), \(events.ledgerId)::bigint[]) WITH ORDINALITY
                    AS e(member, kind, effective, reason, cause, ledgerId, position)
                ORDER BY e.position
                """)
            events = NewEvents()
        }
        if !links.isEmpty {
            try link.send(
                """
                INSERT INTO mid_link (member, mid, validFrom, openedBy)
                SELECT k.member, k.mid, k.validFrom, k.openedBy FROM unnest(\(links.member)::bigint[], \(links.mid), \(links.validFrom),
                    \(links.openedBy)::bigint[]) WITH ORDINALITY AS k(member, mid, validFrom, openedBy, position)
                ORDER BY k.position
                """)
            links = NewLinks()
        }
        if let seenIn, !seen.isEmpty {
            try link.query(
                "UPDATE member SET source = \(seenIn.partner), seenIn = \(seenIn.ledgerId) WHERE id = ANY(\(seen))")
            seen.removeAll(keepingCapacity: true)
        }
    }

    /// Writes what is pending; after a large load, also brings the planner's statistics of the tables it filled
    /// up to date, as a DBA does after a bulk load: the next transaction (a delta, hours later or at once) must
    /// not plan its reads on the statistics of an empty table. Runs last in the transaction.
    func finish() throws(RegistryError) {
        try flush()
        guard inserted >= Self.membersWorthAnalyzing else { return }
        try link.query("ANALYZE member, member_event, mid_link")
    }

    /// Withdraws the members the batch's partner supplies that its full list did not carry (and that are not
    /// withdrawn already); returns how many.
    func withdrawAbsent(in batch: BatchContext) throws(RegistryError) -> Int {
        try flush()
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
            var ids: [Int64] = []
            var records = TextColumn()
            for row in rows {
                let (id, line) = try link.decoding { try row.decode((Int64, String).self) }
                var record = try CanonicalJSON.decode(line)
                record.status = .withdrawn
                record.statusReason = reason
                record.statusEffective = CalendarDate(iso: batch.date)
                ids.append(id)
                records.append(CanonicalJSON.stored(record))
                events.add(member: id, event, batch)
            }
            try link.query(
                """
                UPDATE member m SET status = 'withdrawn', statusEffective = \(batch.date), record = u.record,
                    changedBy = \(batch.batchId)::text, changedAt = \(batch.processedAt)
                FROM unnest(\(ids)::bigint[], \(records)) AS u(id, record) WHERE m.id = u.id
                """)
            try flush()
            withdrawn += ids.count
            after = ids[ids.count - 1]
        }
    }
}

/// New members waiting for ``PostgresMemberWrites/flush()``, as columns.
private struct NewMembers {
    var id: [Int64] = []
    var program = TextColumn()
    var memberId = TextColumn()
    var source = TextColumn()
    var status = TextColumn()
    var statusEffective = TextColumn()
    var lastValidated = TextColumn()
    var record = TextColumn()
    var changedBy = TextColumn()
    var changedAt = TextColumn()
    var seenIn: [Int64] = []

    var count: Int { id.count }
    var isEmpty: Bool { id.isEmpty }

    mutating func add(_ id: Int64, _ stored: StoredRecord, _ batch: BatchContext) {
        let record = stored.record
        self.id.append(id)
        program.append(record.program)
        memberId.append(record.memberId)
        source.append(batch.partner)
        status.append(record.status.rawValue)
        statusEffective.append(record.statusEffective?.description)
        lastValidated.append(record.lastValidated?.description)
        self.record.append(String(decoding: stored.line, as: UTF8.self))
        changedBy.append(batch.batchId)
        changedAt.append(batch.processedAt)
        seenIn.append(batch.ledgerId)
    }
}

/// Status events waiting for ``PostgresMemberWrites/flush()``, as columns.
private struct NewEvents {
    var member: [Int64] = []
    var kind = TextColumn()
    var effective = TextColumn()
    var reason = TextColumn()
    var cause = TextColumn()
    var ledgerId: [Int64] = []

    var count: Int { member.count }
    var isEmpty: Bool { member.isEmpty }

    mutating func add(member id: Int64, _ event: MemberEvent, _ batch: BatchContext) {
        assert(event.partner == batch.partner && event.batchId == batch.batchId, "an event of another batch")
        member.append(id)
        kind.append(event.kind.rawValue)
        effective.append(event.effective)
        reason.append(event.reason)
        cause.append(event.cause.rawValue)
        ledgerId.append(batch.ledgerId)
    }
}

/// MID links opened, waiting for ``PostgresMemberWrites/flush()``, as columns.
private struct NewLinks {
    var member: [Int64] = []
    var mid = TextColumn()
    var validFrom = TextColumn()
    var openedBy: [Int64] = []

    var count: Int { member.count }
    var isEmpty: Bool { member.isEmpty }

    mutating func add(member id: Int64, mid: String, _ batch: BatchContext) {
        member.append(id)
        self.mid.append(mid)
        validFrom.append(batch.date)
        openedBy.append(batch.ledgerId)
    }
}
