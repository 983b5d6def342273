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
            sql: "SELECT id, status, statusEffective, lastValidated, record FROM member WHERE program = ? AND memberId = ?")
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
        let record = stored.record
        var before: MemberSnapshot?
        var member: Int64 = 0
        if try !isNewProgram(record.program) {
            try pending.flush()
            let select = selectMember.sqliteStatement
            defer { sqlite3_reset(select) }
            SQLiteCalls.bind(select, 1, record.program)
            SQLiteCalls.bind(select, 2, record.memberId)
            if try SQLiteCalls.step(select, in: db) {
                member = sqlite3_column_int64(select, 0)
                let current = UnsafeBufferPointer(
                    start: sqlite3_column_text(select, 4).map { UnsafePointer($0) },
                    count: Int(sqlite3_column_bytes(select, 4)))
                if current.elementsEqual(stored.line) {
                    try SQLiteCalls.run(touchMember, in: db) { statement in
                        SQLiteCalls.bind(statement, 1, batch.partner)
                        SQLiteCalls.bind(statement, 2, batch.ledgerId)
                        SQLiteCalls.bind(statement, 3, member)
                    }
                    return .unchanged
                }
                before = MemberSnapshot(
                    status: MemberStatus(rawValue: SQLiteCalls.text(select, 1) ?? "") ?? .active,
                    statusEffective: SQLiteCalls.text(select, 2), lastValidated: SQLiteCalls.text(select, 3),
                    stored: String(decoding: current, as: UTF8.self), openMIDs: try openMIDs(member))
            }
        }

        if before == nil {
            member = try pending.addMember(stored, in: batch)
        } else {
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
        let open = before?.openMIDs ?? []
        if !open.isEmpty {
            for mid in open.subtracting(stored.mids).sorted() {
                try SQLiteCalls.run(closeLink, in: db) { statement in
                    SQLiteCalls.bind(statement, 1, batch.date)
                    SQLiteCalls.bind(statement, 2, batch.ledgerId)
                    SQLiteCalls.bind(statement, 3, member)
                    SQLiteCalls.bind(statement, 4, mid)
                }
            }
        }
        for event in StatusHistory.events(for: record, before: before, in: batch) {
            try append(event, member: member, batch: batch)
        }
        for mid in stored.mids where !open.contains(mid) {
            try pending.addLink(member: member, mid: mid, validFrom: batch.date, ledgerId: batch.ledgerId)
        }
        return before == nil ? .inserted : .changed
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
