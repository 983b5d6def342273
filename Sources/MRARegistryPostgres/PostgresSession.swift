import MRAGateway
import MRARegistry
import PostgresNIO

/// A transaction on the PostgreSQL registry. Records are read back a group
/// at a time and their new rows written in bulk (``PostgresMemberWrites``):
/// a statement costs a round trip to the server, so thousands of records
/// cost a few statements, not a few each.
///
/// Rows a `put` left pending are written before anything else this session
/// runs, and at the end of the transaction: a method added here starts
/// with ``flush()``.
struct PostgresSession: RegistrySession {
    let link: PostgresLink
    private let writes: PostgresMemberWrites

    init(link: PostgresLink) {
        self.link = link
        writes = PostgresMemberWrites(link: link)
    }

    /// Writes the rows `put` left pending.
    func flush() throws(RegistryError) {
        try writes.flush()
    }

    /// Ends the session's work (``PostgresMemberWrites/finish()``); the transaction calls it last, before it commits.
    func finish() throws(RegistryError) {
        try writes.finish()
    }

    func appliedBatch(partner: String, batchId: String) throws(RegistryError) -> LedgerEntry? {
        try flush()
        return try PostgresLedgerRows.entries(
            link, where: "direction = 'inbound' AND partner = $1 AND batchId = $2 AND outcome = 'applied'",
            [partner, batchId], order: "id LIMIT 1"
        ).first
    }

    func latestApplied(partner: String) throws(RegistryError) -> LedgerEntry? {
        try flush()
        return try PostgresLedgerRows.entries(
            link, where: "direction = 'inbound' AND partner = $1 AND outcome = 'applied'", [partner],
            order: "batchCreatedInstant DESC NULLS LAST, id DESC LIMIT 1"
        ).first
    }

    func currentMemberCount(partner: String) throws(RegistryError) -> Int {
        try flush()
        return try count("SELECT count(*) FROM member WHERE source = \(partner) AND status IN ('active', 'suspended')")
    }

    func absentCurrentMemberCount(in batch: BatchContext) throws(RegistryError) -> Int {
        try flush()
        return try count(
            """
            SELECT count(*) FROM member
            WHERE source = \(batch.partner) AND seenIn <> \(batch.ledgerId) AND status IN ('active', 'suspended')
            """)
    }

    func outboundCount(partner: String) throws(RegistryError) -> Int {
        try flush()
        return try count("SELECT count(*) FROM ledger WHERE direction = 'outbound' AND partner = \(partner)")
    }

    func record(_ entry: LedgerEntry) throws(RegistryError) -> LedgerEntry {
        try flush()
        var values = BoundRows()
        PostgresLedgerRows.add(entry, to: &values)
        let rows = try link.query(
            values.query("INSERT INTO ledger (\(PostgresLedgerRows.writtenColumns)) VALUES", tail: "RETURNING id"))
        var recorded = entry
        recorded.id = try link.decoding { try rows.first?.decode(Int64.self) ?? 0 }
        return recorded
    }

    func update(_ entry: LedgerEntry) throws(RegistryError) {
        try flush()
        var values = BoundRows()
        PostgresLedgerRows.add(entry, to: &values)
        try link.query(
            values.query(
                "UPDATE ledger SET (\(PostgresLedgerRows.writtenColumns)) =", tail: "WHERE id = \(entry.id)"))
    }

    func put(_ record: StoredRecord, in batch: BatchContext) throws(RegistryError) -> MemberChange {
        try put([record], in: batch)[0]
    }

    func put(_ records: [StoredRecord], in batch: BatchContext) throws(RegistryError) -> [MemberChange] {
        try writes.put(records, in: batch)
    }

    func withdrawAbsent(in batch: BatchContext) throws(RegistryError) -> Int {
        try writes.withdrawAbsent(in: batch)
    }

    private func count(_ query: PostgresQuery) throws(RegistryError) -> Int {
        let rows = try link.query(query)
        return try link.decoding { try rows.first?.decode(Int.self) ?? 0 }
    }
}
