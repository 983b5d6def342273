import Foundation
import GRDB
import MRAGateway
import MRARegistry

/// A transaction on the SQLite registry. Statements are prepared once per
/// connection and reused for every record.
struct SQLiteSession: RegistrySession {
    let db: Database

    func appliedBatch(partner: String, batchId: String) throws(RegistryError) -> LedgerEntry? {
        try guarded {
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
        try guarded {
            try Row.fetchOne(
                db,
                sql: """
                    SELECT \(LedgerRow.summaryColumns) FROM ledger WHERE direction = 'inbound' AND partner = ? AND outcome = 'applied'
                    ORDER BY batchCreatedInstant DESC, id DESC LIMIT 1
                    """, arguments: [partner]
            ).map(LedgerRow.entry)
        }
    }

    func outboundCount(partner: String) throws(RegistryError) -> Int {
        try guarded {
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM ledger WHERE direction = 'outbound' AND partner = ?",
                arguments: [partner]) ?? 0
        }
    }

    func record(_ entry: LedgerEntry) throws(RegistryError) -> LedgerEntry {
        try guarded {
            let columns = LedgerRow.columns
            try db.execute(
                sql: "INSERT INTO ledger (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
                arguments: LedgerRow.arguments(entry))
            var recorded = entry
            recorded.id = db.lastInsertedRowID
            return recorded
        }
    }

    func update(_ entry: LedgerEntry) throws(RegistryError) {
        try guarded {
            var arguments = LedgerRow.arguments(entry)
            arguments += [entry.id]
            try db.execute(
                sql: "UPDATE ledger SET \(LedgerRow.columns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?",
                arguments: arguments)
        }
    }

    func put(_ record: TraderRecord, in batch: BatchContext) throws(RegistryError) -> MemberChange {
        try guarded {
            let stored = CanonicalJSON.stored(record)
            let existing = try Row.fetchOne(
                try db.cachedStatement(
                    sql: "SELECT rowid, status, statusEffective, lastValidated, record FROM member WHERE program = ? AND memberId = ?"),
                arguments: [record.program, record.memberId])
            var before: MemberSnapshot?
            if let existing {
                let openMIDs = try String.fetchSet(
                    try db.cachedStatement(
                        sql: "SELECT mid FROM mid_link WHERE program = ? AND memberId = ? AND validTo IS NULL"),
                    arguments: [record.program, record.memberId])
                before = MemberSnapshot(
                    status: MemberStatus(rawValue: existing["status"]) ?? .active,
                    statusEffective: existing["statusEffective"], lastValidated: existing["lastValidated"],
                    stored: existing["record"], openMIDs: openMIDs)
            }
            if let before, let existing, before.stored == stored {
                try db.cachedStatement(sql: "UPDATE member SET source = ?, seenIn = ? WHERE rowid = ?")
                    .execute(arguments: [batch.partner, batch.ledgerId, existing["rowid"] as Int64])
                return .unchanged
            }
            let values: StatementArguments = [
                batch.partner, record.status.rawValue, record.statusEffective?.description,
                record.lastValidated?.description, stored, batch.batchId, batch.processedAt, batch.ledgerId,
            ]
            if let existing {
                try db.cachedStatement(
                    sql: """
                        UPDATE member SET source = ?, status = ?, statusEffective = ?, lastValidated = ?, record = ?,
                            changedBy = ?, changedAt = ?, seenIn = ? WHERE rowid = ?
                        """
                ).execute(arguments: values + [existing["rowid"] as Int64])
            } else {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO member (program, memberId, source, status, statusEffective, lastValidated, record,
                            changedBy, changedAt, seenIn)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """
                ).execute(arguments: [record.program, record.memberId] + values)
            }
            for event in StatusHistory.events(for: record, before: before, in: batch) {
                try append(event, program: record.program, memberId: record.memberId, batch: batch)
            }
            let mids = StatusHistory.mids(of: record)
            let open = before?.openMIDs ?? []
            for mid in mids.subtracting(open).sorted() {
                try db.cachedStatement(
                    sql: "INSERT INTO mid_link (program, memberId, mid, validFrom, openedBy) VALUES (?, ?, ?, ?, ?)"
                ).execute(arguments: [record.program, record.memberId, mid, batch.date, batch.ledgerId])
            }
            for mid in open.subtracting(mids).sorted() {
                try db.cachedStatement(
                    sql: """
                        UPDATE mid_link SET validTo = ?, closedBy = ?
                        WHERE program = ? AND memberId = ? AND mid = ? AND validTo IS NULL
                        """
                ).execute(arguments: [batch.date, batch.ledgerId, record.program, record.memberId, mid])
            }
            return before == nil ? .inserted : .changed
        }
    }

    func withdrawAbsent(in batch: BatchContext) throws(RegistryError) -> Int {
        try guarded {
            let absent = try Row.fetchAll(
                db,
                sql: """
                    SELECT rowid, program, memberId, record FROM member
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
                            changedAt = ? WHERE rowid = ?
                        """,
                    arguments: [
                        batch.date, CanonicalJSON.stored(record), batch.batchId, batch.processedAt,
                        row["rowid"] as Int64,
                    ])
                try append(event, program: row["program"], memberId: row["memberId"], batch: batch)
            }
            return absent.count
        }
    }

    private func append(_ event: MemberEvent, program: String, memberId: String, batch: BatchContext) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO member_event (program, memberId, kind, effective, reason, cause, partner, batchId,
                    ledgerId, recordedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            program, memberId, event.kind.rawValue, event.effective, event.reason, event.cause.rawValue, event.partner,
            event.batchId, batch.ledgerId, batch.processedAt,
        ])
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
