import Foundation
import GRDB
package import MRARegistry

extension SQLiteRegistry {
    package func undelivered(partner: String) throws(RegistryError) -> [LedgerEntry] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(LedgerRow.summaryColumns) FROM ledger
                    WHERE direction = 'outbound' AND partner = ? AND outcome = 'sent' AND filed = 1
                        AND deliveredAt IS NULL
                    ORDER BY id
                    """,
                arguments: [partner]
            ).map(LedgerRow.entry)
        }
    }

    @discardableResult
    package func recordAttempt(_ attempt: DeliveryAttempt) throws(RegistryError) -> DeliveryAttempt {
        do {
            return try database.write { db in try Self.insert(attempt, db) }
        } catch {
            throw RegistryError(.storage, Self.describe(error))
        }
    }

    package func attempts(entry: Int64) throws(RegistryError) -> [DeliveryAttempt] {
        try read { db in try LedgerQueries.attempts(db, entry: entry) }
    }

    package func markDelivered(
        _ attempt: DeliveryAttempt, receipt: [UInt8], partnerOutcome: String
    ) throws(RegistryError) {
        do {
            try database.write { db in
                _ = try Self.insert(attempt, db)
                try db.execute(
                    sql: "UPDATE ledger SET deliveredAt = ?, partnerOutcome = ?, receipt = ? WHERE id = ?",
                    arguments: [attempt.attemptedAt, partnerOutcome, Data(receipt), attempt.entry])
            }
        } catch {
            throw RegistryError(.storage, Self.describe(error))
        }
    }

    package func latestOutbound(partner: String) throws(RegistryError) -> LedgerEntry? {
        try read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT \(LedgerRow.summaryColumns) FROM ledger WHERE direction = 'outbound' AND partner = ?
                    ORDER BY id DESC LIMIT 1
                    """,
                arguments: [partner]
            ).map(LedgerRow.entry)
        }
    }

    package func receipt(of id: Int64) throws(RegistryError) -> [UInt8]? {
        try read { db in
            let data = try Data.fetchOne(db, sql: "SELECT receipt FROM ledger WHERE id = ?", arguments: [id])
            return data.map { [UInt8]($0) }
        }
    }

    private static func insert(_ attempt: DeliveryAttempt, _ db: Database) throws -> DeliveryAttempt {
        try db.execute(
            sql: """
                INSERT INTO delivery_attempt (entry, attemptedAt, endpoint, httpStatus, result, code, message)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                attempt.entry, attempt.attemptedAt, attempt.endpoint, attempt.httpStatus, attempt.result.rawValue,
                attempt.code, attempt.message,
            ])
        var recorded = attempt
        recorded.id = db.lastInsertedRowID
        return recorded
    }
}
