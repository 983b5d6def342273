import Foundation
import GRDB
import MRAGateway
import MRARegistry

/// A transaction on the SQLite registry. Statements are prepared once per
/// connection and reused for every record.
///
/// Rows a `put` queued (see ``PendingInserts``) are written before anything
/// else this session runs, and at the end of the transaction:
/// a method added here starts with ``flushPending()``.
struct SQLiteSession: RegistrySession {
    let db: Database
    private let prepared = PreparedStatements()

    init(db: Database) {
        self.db = db
    }

    func appliedBatch(partner: String, batchId: String) throws(RegistryError) -> LedgerEntry? {
        try flushPending()
        return try guarded {
            try Row.fetchOne(
                db,
                sql: """
                    SELECT \(LedgerRow.summaryColumns) FROM ledger WHERE direction = 'inbound' AND partner = ? AND batchId = ?
                    AND outcome = 'applied' ORDER BY id LIMIT 1
                    """, arguments: [partner, batchId]
            ).map(LedgerRow.entry)
        }
    }

    func latestApplied(partner: String) throws(RegistryError) -> LedgerEntry? {
        try flushPending()
        return try guarded {
            try Row.fetchOne(
                db,
                sql: """
                    SELECT \(LedgerRow.summaryColumns) FROM ledger WHERE direction = 'inbound' AND partner = ? AND outcome = 'applied'
                    ORDER BY batchCreatedInstant DESC, id DESC LIMIT 1
                    """, arguments: [partner]
            ).map(LedgerRow.entry)
        }
    }

    func currentMemberCount(partner: String) throws(RegistryError) -> Int {
        try flushPending()
        return try guarded {
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM member WHERE source = ? AND status IN ('active', 'suspended')",
                arguments: [partner]) ?? 0
        }
    }

    func absentCurrentMemberCount(in batch: BatchContext) throws(RegistryError) -> Int {
        try flushPending()
        return try guarded {
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM member
                    WHERE source = ? AND seenIn <> ? AND status IN ('active', 'suspended')
                    """, arguments: [batch.partner, batch.ledgerId]) ?? 0
        }
    }

    func outboundCount(partner: String) throws(RegistryError) -> Int {
        try flushPending()
        return try guarded {
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM ledger WHERE direction = 'outbound' AND partner = ?",
                arguments: [partner]) ?? 0
        }
    }

    func record(_ entry: LedgerEntry) throws(RegistryError) -> LedgerEntry {
        try flushPending()
        return try guarded {
            let columns = LedgerRow.columns
            try db.execute(
                sql:
                    "INSERT INTO ledger (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
                arguments: LedgerRow.arguments(entry))
            var recorded = entry
            recorded.id = db.lastInsertedRowID
            return recorded
        }
    }

    func update(_ entry: LedgerEntry) throws(RegistryError) {
        try flushPending()
        return try guarded {
            var arguments = LedgerRow.arguments(entry)
            arguments += [entry.id]
            try db.execute(
                sql: "UPDATE ledger SET \(LedgerRow.columns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?",
                arguments: arguments)
        }
    }

    func put(_ record: StoredRecord, in batch: BatchContext) throws(RegistryError) -> MemberChange {
        try statements().put(record, in: batch)
    }

    /// Writes the rows `put` queued; the transaction calls it last, before it commits.
    func flushPending() throws(RegistryError) {
        try prepared.statements?.pending.flush()
    }

    /// The per-record statements, prepared on the transaction's first put.
    private func statements() throws(RegistryError) -> MemberStatements {
        if let ready = prepared.statements { return ready }
        let made = try guarded { try MemberStatements(db: db) }
        prepared.statements = made
        return made
    }

    func withdrawAbsent(in batch: BatchContext) throws(RegistryError) -> Int {
        try flushPending()
        return try guarded {
            let absent = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, program, memberId, record FROM member
                    WHERE source = ? AND seenIn <> ? AND status <> 'withdrawn' ORDER BY program, memberId
                    """, arguments: [batch.partner, batch.ledgerId])
            let (event, reason) = StatusHistory.absence(in: batch)
            for row in absent {
                var record = try CanonicalJSON.decode(row["record"])
                record.status = .withdrawn
                record.statusReason = reason
                record.statusEffective = CalendarDate(iso: batch.date)
                try db.execute(
                    sql: """
                        UPDATE member SET status = 'withdrawn', statusEffective = ?, record = ?, changedBy = ?,
                            changedAt = ? WHERE id = ?
                        """,
                    arguments: [
                        batch.date, CanonicalJSON.stored(record), batch.batchId, batch.processedAt,
                        row["id"] as Int64,
                    ])
                try statements().append(event, member: row["id"], batch: batch)
            }
            return absent.count
        }
    }

    private func guarded<T>(_ body: () throws -> T) throws(RegistryError) -> T {
        do {
            return try body()
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError(.storage, SQLiteRegistry.describe(error))
        }
    }
}

/// Holds a transaction's prepared per-record statements.
private final class PreparedStatements {
    var statements: MemberStatements?
}
