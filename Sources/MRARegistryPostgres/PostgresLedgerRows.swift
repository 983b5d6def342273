import MRARegistry
import NIOCore
import PostgresNIO

/// Ledger rows of the PostgreSQL registry as ``LedgerEntry`` values, and
/// the ledger's reading statements.
enum PostgresLedgerRows {
    /// Every column but the receipt, in the order ``entry(_:)`` reads them.
    static let summaryColumns = """
        id, direction, partner, fileName, digest, byteCount, batchId, batchKind, batchCreated, batchCreatedInstant,
        receivedAt, processedAt, outcome, reason, message, records, accepted, rejected, inserted, changed, unchanged,
        withdrawn, verification, filed, disposition, dispositionBy, dispositionAt, deliveredAt, partnerOutcome
        """
    /// The same and the receipt, last.
    static let allColumns = summaryColumns + ", receipt"

    static func entry(_ row: PostgresRow) throws -> LedgerEntry {
        let cells = row.makeRandomAccess()
        func text(_ index: Int) throws -> String { try cells[index].decode(String.self) }
        func optional(_ index: Int) throws -> String? { try cells[index].decode(String?.self) }
        func count(_ index: Int) throws -> Int { try cells[index].decode(Int.self) }
        let disposition = try optional(24).flatMap(LedgerEntry.Disposition.Action.init(rawValue:)).map {
            LedgerEntry.Disposition($0, by: try optional(25) ?? "", at: try optional(26) ?? "")
        }
        return LedgerEntry(
            id: try cells[0].decode(Int64.self),
            direction: LedgerEntry.Direction(rawValue: try text(1)) ?? .inbound, partner: try text(2),
            fileName: try text(3), digest: try text(4), byteCount: try count(5), batchId: try optional(6),
            batchKind: try optional(7), batchCreated: try optional(8),
            batchCreatedInstant: try cells[9].decode(Int64?.self), receivedAt: try text(10), processedAt: try text(11),
            outcome: LedgerEntry.Outcome(rawValue: try text(12)) ?? .refused, reason: try optional(13),
            message: try optional(14),
            counts: BatchCounts(
                records: try count(15), accepted: try count(16), rejected: try count(17), inserted: try count(18),
                changed: try count(19), unchanged: try count(20), withdrawn: try count(21)),
            verification: try optional(22),
            receipt: cells.count > 29
                ? try cells[29].decode(ByteBuffer?.self).map { Array($0.readableBytesView) } : nil,
            filed: try cells[23].decode(Bool.self),
            disposition: disposition, deliveredAt: try optional(27), partnerOutcome: try optional(28))
    }

    /// The page `query` asks for, newest first, and how many entries match in all.
    static func page(_ link: PostgresLink, _ query: LedgerQuery) throws(RegistryError) -> LedgerPage {
        let (conditions, values) = query.conditions(filed: "filed") { "$\($0)" }
        var bindings = PostgresBindings()
        for value in values { bindings.append(value) }
        let matching = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let total = try link.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM ledger" + matching, binds: bindings))
        var pageConditions = conditions
        if let before = query.before {
            bindings.append(before)
            pageConditions.append("id < $\(bindings.count)")
        }
        bindings.append(max(0, query.limit))
        let pageMatching = pageConditions.isEmpty ? "" : " WHERE " + pageConditions.joined(separator: " AND ")
        let rows = try link.query(
            PostgresQuery(
                unsafeSQL:
                    "SELECT \(summaryColumns) FROM ledger\(pageMatching) ORDER BY id DESC LIMIT $\(bindings.count)",
                binds: bindings))
        return try link.decoding {
            LedgerPage(entries: try rows.map(entry), total: try total.first?.decode(Int.self) ?? 0)
        }
    }
}
