/// Which ledger entries an operator asks for (the console's ledger and
/// quarantine): every condition given must hold. Entries come newest
/// first, a page at a time.
package struct LedgerQuery: Sendable, Equatable {
    /// The partner program.
    package var partner: String?
    package var direction: LedgerEntry.Direction?
    package var outcome: LedgerEntry.Outcome?
    /// First day received (`YYYY-MM-DD`, UTC), inclusive.
    package var from: String?
    /// Last day received (`YYYY-MM-DD`, UTC), inclusive.
    package var through: String?
    /// Only inbound files not applied whose file is still in the quarantine:
    /// filed there, neither requeued nor released.
    package var quarantinedOnly: Bool
    /// Only entries older than this one (the next page).
    package var before: Int64?
    /// The most entries in one page.
    package var limit: Int

    package init(
        partner: String? = nil, direction: LedgerEntry.Direction? = nil, outcome: LedgerEntry.Outcome? = nil,
        from: String? = nil, through: String? = nil, quarantinedOnly: Bool = false, before: Int64? = nil,
        limit: Int = 100
    ) {
        self.partner = partner
        self.direction = direction
        self.outcome = outcome
        self.from = from
        self.through = through
        self.quarantinedOnly = quarantinedOnly
        self.before = before
        self.limit = limit
    }
}

/// One page of the entries a ``LedgerQuery`` matches.
package struct LedgerPage: Sendable, Equatable {
    /// Newest first, without their receipts.
    package var entries: [LedgerEntry]
    /// How many entries match in all, over every page.
    package var total: Int

    package init(entries: [LedgerEntry], total: Int) {
        self.entries = entries
        self.total = total
    }
}

extension LedgerQuery {
    /// The query's conditions as SQL over the `ledger` table, each with its
    /// one bound value (or none), in order; `placeholder(n)` writes the n-th
    /// parameter (`?` for SQLite, `$n` for PostgreSQL). `filed` is the SQL
    /// that holds for a filed entry. The page bound (`before`, `limit`) is
    /// the caller's.
    package func conditions(
        filed: String, placeholder: (Int) -> String
    ) -> (sql: [String], values: [String]) {
        var sql: [String] = []
        var values: [String] = []
        func add(_ make: (String) -> String, _ value: String) {
            values.append(value)
            sql.append(make(placeholder(values.count)))
        }
        if let partner { add({ "partner = \($0)" }, partner) }
        if let direction { add({ "direction = \($0)" }, direction.rawValue) }
        if let outcome { add({ "outcome = \($0)" }, outcome.rawValue) }
        // receivedAt is ISO 8601 UTC: its first ten characters are the day.
        if let from { add({ "substr(receivedAt, 1, 10) >= \($0)" }, from) }
        if let through { add({ "substr(receivedAt, 1, 10) <= \($0)" }, through) }
        if quarantinedOnly {
            sql.append("direction = 'inbound' AND outcome <> 'applied' AND \(filed) AND disposition IS NULL")
        }
        return (sql, values)
    }
}
