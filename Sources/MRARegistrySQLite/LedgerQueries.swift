import GRDB
import MRARegistry

/// The ledger's reading statements that the registry and its reader share.
enum LedgerQueries {
    /// The page `query` asks for, newest first, and how many entries match in all.
    static func page(_ db: Database, _ query: LedgerQuery) throws -> LedgerPage {
        let (conditions, values) = query.conditions(filed: "filed = 1") { _ in "?" }
        let arguments: [(any DatabaseValueConvertible)?] = values.map { $0 }
        let matching = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let total =
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM ledger" + matching, arguments: StatementArguments(arguments))
            ?? 0
        var pageConditions = conditions
        var pageArguments = arguments
        if let before = query.before {
            pageConditions.append("id < ?")
            pageArguments.append(before)
        }
        let pageMatching = pageConditions.isEmpty ? "" : " WHERE " + pageConditions.joined(separator: " AND ")
        pageArguments.append(max(0, query.limit))
        let entries = try Row.fetchAll(
            db, sql: "SELECT \(LedgerRow.summaryColumns) FROM ledger\(pageMatching) ORDER BY id DESC LIMIT ?",
            arguments: StatementArguments(pageArguments)
        ).map(LedgerRow.entry)
        return LedgerPage(entries: entries, total: total)
    }

    /// The entry `id` with its receipt.
    static func entry(_ db: Database, _ id: Int64) throws -> LedgerEntry? {
        try Row.fetchOne(db, sql: "SELECT * FROM ledger WHERE id = ?", arguments: [id]).map(LedgerRow.entry)
    }

    /// The delivery attempts of an outbound entry, oldest first.
    static func attempts(_ db: Database, entry: Int64) throws -> [DeliveryAttempt] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM delivery_attempt WHERE entry = ? ORDER BY id", arguments: [entry]
        ).map { row in
            DeliveryAttempt(
                id: row["id"], entry: row["entry"], attemptedAt: row["attemptedAt"], endpoint: row["endpoint"],
                httpStatus: row["httpStatus"], result: DeliveryAttempt.Result(rawValue: row["result"]) ?? .refused,
                code: row["code"], message: row["message"])
        }
    }
}
