import Foundation
import GRDB
import MRARegistry

/// Converts ledger rows to and from ``LedgerEntry``.
enum LedgerRow {
    static func entry(_ row: Row) -> LedgerEntry {
        let receipt: Data? = row["receipt"]
        return LedgerEntry(
            id: row["id"], direction: LedgerEntry.Direction(rawValue: row["direction"]) ?? .inbound,
            partner: row["partner"], fileName: row["fileName"], digest: row["digest"], byteCount: row["byteCount"],
            batchId: row["batchId"], batchKind: row["batchKind"], batchCreated: row["batchCreated"],
            batchCreatedInstant: row["batchCreatedInstant"], receivedAt: row["receivedAt"],
            processedAt: row["processedAt"], outcome: LedgerEntry.Outcome(rawValue: row["outcome"]) ?? .refused,
            reason: row["reason"], message: row["message"],
            counts: BatchCounts(
                records: row["records"], accepted: row["accepted"], rejected: row["rejected"],
                inserted: row["inserted"], changed: row["changed"], unchanged: row["unchanged"],
                withdrawn: row["withdrawn"]),
            verification: row["verification"], receipt: receipt.map { [UInt8]($0) }, filed: row["filed"],
            disposition: disposition(row), deliveredAt: row["deliveredAt"], partnerOutcome: row["partnerOutcome"])
    }

    private static func disposition(_ row: Row) -> LedgerEntry.Disposition? {
        guard let action = (row["disposition"] as String?).flatMap(LedgerEntry.Disposition.Action.init(rawValue:))
        else { return nil }
        return LedgerEntry.Disposition(action, by: row["dispositionBy"] ?? "", at: row["dispositionAt"] ?? "")
    }

    static let columns = [
        "direction", "partner", "fileName", "digest", "byteCount", "batchId", "batchKind", "batchCreated",
        "batchCreatedInstant", "receivedAt", "processedAt", "outcome", "reason", "message", "records", "accepted",
        "rejected", "inserted", "changed", "unchanged", "withdrawn", "verification", "receipt", "filed",
        "disposition", "dispositionBy", "dispositionAt", "deliveredAt", "partnerOutcome",
    ]

    /// Every column but the receipt (which can be megabytes): for listings.
    static let summaryColumns = (["id"] + columns.filter { $0 != "receipt" }).joined(separator: ", ")

    static func arguments(_ entry: LedgerEntry) -> StatementArguments {
        let values: [(any DatabaseValueConvertible)?] = [
            entry.direction.rawValue, entry.partner, entry.fileName, entry.digest, entry.byteCount, entry.batchId,
            entry.batchKind, entry.batchCreated, entry.batchCreatedInstant, entry.receivedAt, entry.processedAt,
            entry.outcome.rawValue, entry.reason, entry.message, entry.counts.records, entry.counts.accepted,
            entry.counts.rejected, entry.counts.inserted, entry.counts.changed, entry.counts.unchanged,
            entry.counts.withdrawn, entry.verification, entry.receipt.map { Data($0) }, entry.filed,
            entry.disposition?.action.rawValue, entry.disposition?.by, entry.disposition?.at, entry.deliveredAt,
            entry.partnerOutcome,
        ]
        return StatementArguments(values)
    }
}
