import GRDB
internal import GRDBSQLite
import MRAGateway
import MRARegistry

/// The statements loading a record runs, prepared once per transaction and
/// run through SQLite's C API (as GRDB documents for raw access): per record,
/// GRDB's argument arrays, statement-cache lookups and row copies cost more
/// than SQLite's own work. The record's canonical line (made beforehand, see
/// ``StoredRecord``) is bound as bytes and compared with the stored one in place.
/// New rows wait in ``PendingInserts`` and go in groups; every other
/// statement flushes them first.
///
/// Owned by one transaction's session; GRDB finalizes the statements.
final class MemberStatements {
    private let db: Database
    private let selectMember: Statement
    private let selectOpenMIDs: Statement
    private let touchMember: Statement
    private let updateMember: Statement
    private let closeLink: Statement
    private let programHasMembers: Statement
    let pending: PendingInserts
    /// Programs that had no member when this transaction first put one of
    /// theirs (a partner's first list): their records need no lookup, as a
    /// list holds each member once (rule DUP-MEMBER; a second one would fail
    /// on the unique key, not overwrite).
    private var newPrograms: [String: Bool] = [:]

    init(db: Database) throws {
        self.db = db
        pending = try PendingInserts(db: db)
        selectMember = try db.makeStatement(
            sql:
                "SELECT id, status, statusEffective, lastValidated, record FROM member WHERE program = ? AND memberId = ?"
        )
        programHasMembers = try db.makeStatement(sql: "SELECT EXISTS (SELECT 1 FROM member WHERE program = ?)")
        selectOpenMIDs = try db.makeStatement(sql: "SELECT mid FROM mid_link WHERE member = ? AND validTo IS NULL")
        touchMember = try db.makeStatement(sql: "UPDATE member SET source = ?, seenIn = ? WHERE id = ?")
        updateMember = try db.makeStatement(
            sql: """
                UPDATE member SET source = ?, status = ?, statusEffective = ?, lastValidated = ?, record = ?,
                    changedBy = ?, changedAt = ?, seenIn = ? WHERE id = ?
                """)
        closeLink = try db.makeStatement(
            sql: "UPDATE mid_link SET validTo = ?, closedBy = ? WHERE member = ? AND mid = ? AND validTo IS NULL")
    }

    /// Stores `record` as the member's current state, with the history
    /// events and link changes it brings (see ``StatusHistory``).
    func put(_ stored: StoredRecord, in batch: BatchContext) throws(RegistryError) -> MemberChange {
        let found: Existing = try isNewProgram(stored.record.program) ? .absent : existing(stored, in: batch)
        switch found {
        case .unchanged:
            return .unchanged
        case .absent:
            let member = try pending.addMember(stored, in: batch)
            try recordChanges(of: member, to: stored, before: nil, in: batch)
            return .inserted
        case let .changed(member, before):
            try update(member, to: stored, in: batch)
            for mid in before.openMIDs.subtracting(stored.mids).sorted() {
                try close(linkTo: mid, of: member, in: batch)
            }
            try recordChanges(of: member, to: stored, before: before, in: batch)
            return .changed
        }
    }

    /// What the registry holds of a record's member before the record is put.
    private enum Existing {
        /// No such member.
        case absent
        /// The same record: the member was only marked as seen in the batch.
        case unchanged
        /// Another record: the member's id and what its record, status and links were.
        case changed(member: Int64, before: MemberSnapshot)
    }

    /// Finds the record's member; marks it as seen in `batch` when its stored record is the same.
    private func existing(_ stored: StoredRecord, in batch: BatchContext) throws(RegistryError) -> Existing {
        try pending.flush()
        let select = selectMember.sqliteStatement
        defer { sqlite3_reset(select) }
        SQLiteCalls.bind(select, 1, stored.record.program)
        SQLiteCalls.bind(select, 2, stored.record.memberId)
        guard try SQLiteCalls.step(select, in: db) else { return .absent }
        let member = sqlite3_column_int64(select, 0)
        let current = UnsafeBufferPointer(
            start: sqlite3_column_text(select, 4).map { UnsafePointer($0) }, count: Int(sqlite3_column_bytes(select, 4))
        )
        if current.elementsEqual(stored.line) {
            try SQLiteCalls.run(touchMember, in: db) { statement in
                SQLiteCalls.bind(statement, 1, batch.partner)
                SQLiteCalls.bind(statement, 2, batch.ledgerId)
                SQLiteCalls.bind(statement, 3, member)
            }
            return .unchanged
        }
        let before = MemberSnapshot(
            status: MemberStatus(rawValue: SQLiteCalls.text(select, 1) ?? "") ?? .active,
            statusEffective: SQLiteCalls.text(select, 2), lastValidated: SQLiteCalls.text(select, 3),
            stored: String(decoding: current, as: UTF8.self), openMIDs: try openMIDs(member))
        return .changed(member: member, before: before)
    }

    /// Replaces the stored record of the member with id `member`.
    private func update(_ member: Int64, to stored: StoredRecord, in batch: BatchContext) throws(RegistryError) {
        let record = stored.record
        try SQLiteCalls.run(updateMember, in: db) { statement in
            SQLiteCalls.bind(statement, 1, batch.partner)
            SQLiteCalls.bind(statement, 2, record.status.rawValue)
            SQLiteCalls.bind(statement, 3, record.statusEffective?.description)
            SQLiteCalls.bind(statement, 4, record.lastValidated?.description)
            stored.line.withUnsafeBufferPointer { SQLiteCalls.bindText(statement, 5, $0) }
            SQLiteCalls.bind(statement, 6, batch.batchId)
            SQLiteCalls.bind(statement, 7, batch.processedAt)
            SQLiteCalls.bind(statement, 8, batch.ledgerId)
            SQLiteCalls.bind(statement, 9, member)
        }
    }

    /// Closes the open link of the member with id `member` to `mid`, as of the batch's date.
    private func close(linkTo mid: String, of member: Int64, in batch: BatchContext) throws(RegistryError) {
        try SQLiteCalls.run(closeLink, in: db) { statement in
            SQLiteCalls.bind(statement, 1, batch.date)
            SQLiteCalls.bind(statement, 2, batch.ledgerId)
            SQLiteCalls.bind(statement, 3, member)
            SQLiteCalls.bind(statement, 4, mid)
        }
    }

    /// Appends the history events the record brings and opens links to its new MIDs.
    private func recordChanges(
        of member: Int64, to stored: StoredRecord, before: MemberSnapshot?, in batch: BatchContext
    ) throws(RegistryError) {
        for event in StatusHistory.events(for: stored.record, before: before, in: batch) {
            try append(event, member: member, batch: batch)
        }
        let open = before?.openMIDs ?? []
        for mid in stored.mids where !open.contains(mid) {
            try pending.addLink(member: member, mid: mid, validFrom: batch.date, ledgerId: batch.ledgerId)
        }
    }

    /// Appends a status history event of the member with id `member`. Its
    /// partner and batch id are those of the batch's ledger entry.
    func append(_ event: MemberEvent, member: Int64, batch: BatchContext) throws(RegistryError) {
        assert(event.partner == batch.partner && event.batchId == batch.batchId, "an event of another batch")
        try pending.addEvent(event, member: member, ledgerId: batch.ledgerId)
    }

    private func isNewProgram(_ program: String) throws(RegistryError) -> Bool {
        if let known = newPrograms[program] { return known }
        try pending.flush()
        let statement = programHasMembers.sqliteStatement
        defer { sqlite3_reset(statement) }
        SQLiteCalls.bind(statement, 1, program)
        let isNew = try SQLiteCalls.step(statement, in: db) && sqlite3_column_int64(statement, 0) == 0
        newPrograms[program] = isNew
        return isNew
    }

    private func openMIDs(_ member: Int64) throws(RegistryError) -> Set<String> {
        let statement = selectOpenMIDs.sqliteStatement
        defer { sqlite3_reset(statement) }
        SQLiteCalls.bind(statement, 1, member)
        var mids: Set<String> = []
        while try SQLiteCalls.step(statement, in: db) {
            if let mid = SQLiteCalls.text(statement, 0) { mids.insert(mid) }
        }
        return mids
    }
}
