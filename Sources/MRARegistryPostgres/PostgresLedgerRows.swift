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
    /// The columns an entry is written with: all but the id, in the order ``add(_:to:)`` binds them.
    static let writtenColumns = String(allColumns.dropFirst("id, ".count))

    /// Adds an entry's values (all but its id) to `rows` as a row of ``writtenColumns``.
    static func add(_ entry: LedgerEntry, to rows: inout BoundRows) {
        rows.add(entry.direction.rawValue)
        rows.add(entry.partner)
        rows.add(entry.fileName)
        rows.add(entry.digest)
        rows.add(Int64(entry.byteCount))
        rows.add(entry.batchId)
        rows.add(entry.batchKind)
        rows.add(entry.batchCreated)
        rows.add(entry.batchCreatedInstant)
        rows.add(entry.receivedAt)
        rows.add(entry.processedAt)
        rows.add(entry.outcome.rawValue)
        rows.add(entry.reason)
        rows.add(entry.message)
        let counts = entry.counts
        for count in [
            counts.records, counts.accepted, counts.rejected, counts.inserted, counts.changed, counts.unchanged,
            counts.withdrawn,
        ] { rows.add(Int32(clamping: count)) }
        rows.add(entry.verification)
        rows.add(entry.filed)
        rows.add(entry.disposition?.action.rawValue)
        rows.add(entry.disposition?.by)
        rows.add(entry.disposition?.at)
        rows.add(entry.deliveredAt)
        rows.add(entry.partnerOutcome)
        rows.add(entry.receipt.map { ByteBuffer(bytes: $0) })
        rows.endRow()
    }

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

    /// The attempts at delivering entry `entry`, oldest first.
    static func attempts(_ link: PostgresLink, entry: Int64) throws(RegistryError) -> [DeliveryAttempt] {
        let rows = try link.query(
            """
            SELECT id, entry, attemptedAt, endpoint, httpStatus, result, code, message
            FROM delivery_attempt WHERE entry = \(entry) ORDER BY id
            """)
        return try link.decoding {
            try rows.map { row in
                let (id, entry, at, endpoint, status, result, code, message) = try row.decode(
                    (Int64, Int64, String, String, Int?, String, String?, String?).self)
                return DeliveryAttempt(
                    id: id, entry: entry, attemptedAt: at, endpoint: endpoint, httpStatus: status,
                    result: DeliveryAttempt.Result(rawValue: result) ?? .refused, code: code, message: message)
            }
        }
    }

    /// The entries `condition` picks (with `$1`… bound to `values`), without their receipts, in `order`.
    static func entries(
        _ link: PostgresLink, where condition: String, _ values: [String] = [], order: String = "id"
    ) throws(RegistryError) -> [LedgerEntry] {
        var bindings = PostgresBindings()
        for value in values { bindings.append(value) }
        let rows = try link.query(
            PostgresQuery(
                unsafeSQL: "SELECT \(summaryColumns) FROM ledger WHERE \(condition) ORDER BY \(order)", binds: bindings)
        )
        return try link.decoding { try rows.map(entry) }
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
