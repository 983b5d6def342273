import GRDB
internal import GRDBSQLite
import MRAGateway
import MRARegistry

/// The statements loading a record runs, prepared once per transaction and
/// run through SQLite's C API (as GRDB documents for raw access): per record,
/// GRDB's argument arrays, statement-cache lookups and row copies cost more
/// than SQLite's own work. The record's canonical line (made beforehand, see
/// ``StoredRecord``) is bound as bytes and compared with the stored one in place.
///
/// Owned by one transaction's session; GRDB finalizes the statements.
final class MemberStatements {
    private let db: Database
    private let selectMember: Statement
    private let selectOpenMIDs: Statement
    private let touchMember: Statement
    private let updateMember: Statement
    private let insertMember: Statement
    private let insertEvent: Statement
    private let openLink: Statement
    private let closeLink: Statement
    private let programHasMembers: Statement
    /// Programs that had no member when this transaction first put one of
    /// theirs (a partner's first list): their records need no lookup, as a
    /// list holds each member once (rule DUP-MEMBER; a second one would fail
    /// on the primary key, not overwrite).
    private var newPrograms: [String: Bool] = [:]

    init(db: Database) throws {
        self.db = db
        selectMember = try db.makeStatement(
            sql: "SELECT id, status, statusEffective, lastValidated, record FROM member WHERE program = ? AND memberId = ?")
        programHasMembers = try db.makeStatement(sql: "SELECT EXISTS (SELECT 1 FROM member WHERE program = ?)")
        selectOpenMIDs = try db.makeStatement(
            sql: "SELECT mid FROM mid_link WHERE member = ? AND validTo IS NULL")
        touchMember = try db.makeStatement(sql: "UPDATE member SET source = ?, seenIn = ? WHERE id = ?")
        updateMember = try db.makeStatement(
            sql: """
                UPDATE member SET source = ?, status = ?, statusEffective = ?, lastValidated = ?, record = ?,
                    changedBy = ?, changedAt = ?, seenIn = ? WHERE id = ?
                """)
        insertMember = try db.makeStatement(
            sql: """
                INSERT INTO member (source, status, statusEffective, lastValidated, record, changedBy, changedAt, seenIn,
                    program, memberId)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        insertEvent = try db.makeStatement(
            sql: """
                INSERT INTO member_event (member, kind, effective, reason, cause, ledgerId)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
        openLink = try db.makeStatement(
            sql: "INSERT INTO mid_link (member, mid, validFrom, openedBy) VALUES (?, ?, ?, ?)")
        closeLink = try db.makeStatement(
            sql: """
                UPDATE mid_link SET validTo = ?, closedBy = ?
                WHERE member = ? AND mid = ? AND validTo IS NULL
                """)
    }

    /// Stores `record` as the member's current state, with the history
    /// events and link changes it brings (see ``StatusHistory``).
    func put(_ stored: StoredRecord, in batch: BatchContext) throws(RegistryError) -> MemberChange {
        let record = stored.record
        let line = stored.line
        let select = selectMember.sqliteStatement
        defer { sqlite3_reset(select) }
        bind(select, 1, record.program)
        bind(select, 2, record.memberId)
        var before: MemberSnapshot?
        var member: Int64 = 0
        if try !isNewProgram(record.program), try step(select) {
            member = sqlite3_column_int64(select, 0)
            let storedLength = Int(sqlite3_column_bytes(select, 4))
            let current = UnsafeBufferPointer(
                start: sqlite3_column_text(select, 4).map { UnsafePointer($0) }, count: storedLength)
            if current.elementsEqual(line) {
                try run(touchMember) { statement in
                    bind(statement, 1, batch.partner)
                    sqlite3_bind_int64(statement, 2, batch.ledgerId)
                    sqlite3_bind_int64(statement, 3, member)
                }
                return .unchanged
            }
            before = MemberSnapshot(
                status: MemberStatus(rawValue: text(select, 1) ?? "") ?? .active, statusEffective: text(select, 2),
                lastValidated: text(select, 3), stored: String(decoding: current, as: UTF8.self),
                openMIDs: try openMIDs(member))
        }
        sqlite3_reset(select)

        let statement = before == nil ? insertMember : updateMember
        try run(statement) { statement in
            bind(statement, 1, batch.partner)
            bind(statement, 2, record.status.rawValue)
            bind(statement, 3, record.statusEffective?.description)
            bind(statement, 4, record.lastValidated?.description)
            line.withUnsafeBufferPointer { bytes in bindText(statement, 5, bytes) }
            bind(statement, 6, batch.batchId)
            bind(statement, 7, batch.processedAt)
            sqlite3_bind_int64(statement, 8, batch.ledgerId)
            if before == nil {
                bind(statement, 9, record.program)
                bind(statement, 10, record.memberId)
            } else {
                sqlite3_bind_int64(statement, 9, member)
            }
        }
        if before == nil { member = sqlite3_last_insert_rowid(db.sqliteConnection) }
        for event in StatusHistory.events(for: record, before: before, in: batch) {
            try append(event, member: member, batch: batch)
        }
        let mids = stored.mids
        let open = before?.openMIDs ?? []
        for mid in mids.subtracting(open).sorted() {
            try run(openLink) { statement in
                sqlite3_bind_int64(statement, 1, member)
                bind(statement, 2, mid)
                bind(statement, 3, batch.date)
                sqlite3_bind_int64(statement, 4, batch.ledgerId)
            }
        }
        for mid in open.subtracting(mids).sorted() {
            try run(closeLink) { statement in
                bind(statement, 1, batch.date)
                sqlite3_bind_int64(statement, 2, batch.ledgerId)
                sqlite3_bind_int64(statement, 3, member)
                bind(statement, 4, mid)
            }
        }
        return before == nil ? .inserted : .changed
    }

    /// Appends a status history event of the member with id `member`. Its
    /// partner and batch id are those of the batch's ledger entry.
    func append(_ event: MemberEvent, member: Int64, batch: BatchContext) throws(RegistryError) {
        assert(event.partner == batch.partner && event.batchId == batch.batchId, "an event of another batch")
        try run(insertEvent) { statement in
            sqlite3_bind_int64(statement, 1, member)
            bind(statement, 2, event.kind.rawValue)
            bind(statement, 3, event.effective)
            bind(statement, 4, event.reason)
            bind(statement, 5, event.cause.rawValue)
            sqlite3_bind_int64(statement, 6, batch.ledgerId)
        }
    }

    private func isNewProgram(_ program: String) throws(RegistryError) -> Bool {
        if let known = newPrograms[program] { return known }
        let statement = programHasMembers.sqliteStatement
        defer { sqlite3_reset(statement) }
        bind(statement, 1, program)
        let isNew = try step(statement) && sqlite3_column_int64(statement, 0) == 0
        newPrograms[program] = isNew
        return isNew
    }

    private func openMIDs(_ member: Int64) throws(RegistryError) -> Set<String> {
        let statement = selectOpenMIDs.sqliteStatement
        defer { sqlite3_reset(statement) }
        sqlite3_bind_int64(statement, 1, member)
        var mids: Set<String> = []
        while try step(statement) {
            if let mid = text(statement, 0) { mids.insert(mid) }
        }
        return mids
    }

    // MARK: - SQLite C API

    /// Binds, runs to completion and resets a statement that returns no rows.
    private func run(_ statement: Statement, bind: (SQLiteStatement) -> Void) throws(RegistryError) {
        let pointer = statement.sqliteStatement
        defer { sqlite3_reset(pointer) }
        bind(pointer)
        _ = try step(pointer)
    }

    /// One step: true for a row, false when done.
    private func step(_ statement: SQLiteStatement) throws(RegistryError) -> Bool {
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            let message = sqlite3_errmsg(db.sqliteConnection).map { String(cString: $0) } ?? "no message"
            throw RegistryError(.storage, "SQLite \(code): \(message)")
        }
    }

    private func bind(_ statement: SQLiteStatement, _ index: Int32, _ value: String?) {
        guard var value else {
            sqlite3_bind_null(statement, index)
            return
        }
        value.withUTF8 { bytes in bindText(statement, index, bytes) }
    }

    /// Binds UTF-8 bytes as text; SQLite copies them.
    private func bindText(_ statement: SQLiteStatement, _ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else {
            sqlite3_bind_text(statement, index, "", 0, transient)
            return
        }
        base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
            _ = sqlite3_bind_text(statement, index, $0, Int32(bytes.count), transient)
        }
    }

    private func text(_ statement: SQLiteStatement, _ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: pointer)
    }
}

/// SQLite copies a value bound with this destructor before the call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
