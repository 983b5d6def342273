/// One line of the batch ledger: a file received from a partner or sent to
/// one, and what became of it.
///
/// Inbound entries are written in the same transaction as the records they
/// apply, so the ledger and the registry never disagree. ``filed`` turns true
/// only once the file has been copied to `archive/` or `quarantine/` and
/// removed from the inbox (or, outbound, moved into the outbox).
public struct LedgerEntry: Hashable, Sendable {
    public enum Direction: String, Hashable, Sendable {
        case inbound
        case outbound
    }

    /// What became of the file. Stable codes, also in receipts and `exchange status`.
    public enum Outcome: String, Hashable, Sendable, CaseIterable {
        /// Loaded into the registry (one transaction).
        case applied
        /// Valid and signed, but not applied: already received (same content or same batch id).
        case duplicate
        /// Not applied: the file as a whole was refused (signature, unreadable
        /// document, stale batch).
        case refused
        /// Not applied: one or more records have errors; the receipt lists them.
        case rejected
        /// Outbound: written, signed, into the partner's outbox.
        case sent
    }

    /// Assigned by the registry; 0 before the entry is recorded.
    public var id: Int64
    public var direction: Direction
    /// The partner program (the inbox or outbox folder).
    public var partner: String
    /// The file's name in the inbox or outbox.
    public var fileName: String
    /// SHA-256 of the file's bytes, lower-case hex.
    public var digest: String
    public var byteCount: Int
    public var batchId: String?
    public var batchKind: String?
    /// As the file gives it.
    public var batchCreated: String?
    /// `batchCreated` as Unix seconds, for ordering a partner's batches.
    public var batchCreatedInstant: Int64?
    /// ISO 8601 UTC.
    public var receivedAt: String
    /// ISO 8601 UTC.
    public var processedAt: String
    public var outcome: Outcome
    /// Stable reason code when not applied (``ExchangeReason``).
    public var reason: String?
    public var message: String?
    public var counts: BatchCounts
    /// The verification report, JSON.
    public var verification: String?
    /// The signed receipt (inbound) as written to `receipts/`.
    public var receipt: [UInt8]?
    public var filed: Bool

    public init(
        id: Int64 = 0, direction: Direction, partner: String, fileName: String, digest: String, byteCount: Int,
        batchId: String? = nil, batchKind: String? = nil, batchCreated: String? = nil,
        batchCreatedInstant: Int64? = nil, receivedAt: String, processedAt: String, outcome: Outcome,
        reason: String? = nil, message: String? = nil, counts: BatchCounts = BatchCounts(),
        verification: String? = nil, receipt: [UInt8]? = nil, filed: Bool = false
    ) {
        self.id = id
        self.direction = direction
        self.partner = partner
        self.fileName = fileName
        self.digest = digest
        self.byteCount = byteCount
        self.batchId = batchId
        self.batchKind = batchKind
        self.batchCreated = batchCreated
        self.batchCreatedInstant = batchCreatedInstant
        self.receivedAt = receivedAt
        self.processedAt = processedAt
        self.outcome = outcome
        self.reason = reason
        self.message = message
        self.counts = counts
        self.verification = verification
        self.receipt = receipt
        self.filed = filed
    }
}

/// What a batch held and what loading it changed.
public struct BatchCounts: Hashable, Sendable {
    /// Records in the file.
    public var records = 0
    /// Records without errors.
    public var accepted = 0
    /// Records with at least one error.
    public var rejected = 0
    /// Members new to the registry.
    public var inserted = 0
    /// Members whose record changed.
    public var changed = 0
    /// Members carried again without change.
    public var unchanged = 0
    /// Members of the partner missing from a full list, now withdrawn.
    public var withdrawn = 0

    public init(
        records: Int = 0, accepted: Int = 0, rejected: Int = 0, inserted: Int = 0, changed: Int = 0,
        unchanged: Int = 0, withdrawn: Int = 0
    ) {
        self.records = records
        self.accepted = accepted
        self.rejected = rejected
        self.inserted = inserted
        self.changed = changed
        self.unchanged = unchanged
        self.withdrawn = withdrawn
    }
}
