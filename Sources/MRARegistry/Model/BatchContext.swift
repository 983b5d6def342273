/// The batch a record is loaded with: who sent it, its ledger entry and its date.
public struct BatchContext: Hashable, Sendable {
    /// The ledger entry being written in the same transaction.
    public var ledgerId: Int64
    public var partner: String
    public var batchId: String?
    public var isFull: Bool
    /// The batch's date (`YYYY-MM-DD`): effective date of events the partner
    /// gave no date for, and start or end of MID links.
    public var date: String
    /// Processing time, ISO 8601 UTC (kept for `export --since`, never exported).
    public var processedAt: String

    public init(ledgerId: Int64, partner: String, batchId: String?, isFull: Bool, date: String, processedAt: String) {
        self.ledgerId = ledgerId
        self.partner = partner
        self.batchId = batchId
        self.isFull = isFull
        self.date = date
        self.processedAt = processedAt
    }
}

/// What loading one record did to the registry.
public enum MemberChange: Hashable, Sendable {
    case inserted
    case changed
    case unchanged
}
