/// The batch a record is loaded with: who sent it, its ledger entry and its date.
package struct BatchContext: Hashable, Sendable {
    /// The ledger entry being written in the same transaction.
    package var ledgerId: Int64
    package var partner: String
    package var batchId: String?
    package var isFull: Bool
    /// The batch's date (`YYYY-MM-DD`): effective date of events the partner
    /// gave no date for, and start or end of MID links.
    package var date: String
    /// Processing time, ISO 8601 UTC (kept for `export --since`, never exported).
    package var processedAt: String

    package init(ledgerId: Int64, partner: String, batchId: String?, isFull: Bool, date: String, processedAt: String) {
        self.ledgerId = ledgerId
        self.partner = partner
        self.batchId = batchId
        self.isFull = isFull
        self.date = date
        self.processedAt = processedAt
    }
}

/// What loading one record did to the registry.
package enum MemberChange: Hashable, Sendable {
    case inserted
    case changed
    case unchanged
}
