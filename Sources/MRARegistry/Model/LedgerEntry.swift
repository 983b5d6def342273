/// One line of the batch ledger: a file received from a partner or sent to
/// one, and what became of it.
///
/// Inbound entries are written in the same transaction as the records they
/// apply, so the ledger and the registry never disagree. ``filed`` turns true
/// only once the file has been copied to `archive/` or `quarantine/` and
/// removed from the inbox (or, outbound, moved into the outbox).
package struct LedgerEntry: Hashable, Sendable {
    package enum Direction: String, Hashable, Sendable {
        case inbound
        case outbound
    }

    /// What became of the file. Stable codes, also in receipts and `exchange status`.
    package enum Outcome: String, Hashable, Sendable, CaseIterable {
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
    package var id: Int64
    package var direction: Direction
    /// The partner program (the inbox or outbox folder).
    package var partner: String
    /// The file's name in the inbox or outbox.
    package var fileName: String
    /// SHA-256 of the file's bytes, lower-case hex.
    package var digest: String
    package var byteCount: Int
    package var batchId: String?
    package var batchKind: String?
    /// As the file gives it.
    package var batchCreated: String?
    /// `batchCreated` as Unix seconds, for ordering a partner's batches.
    package var batchCreatedInstant: Int64?
    /// ISO 8601 UTC.
    package var receivedAt: String
    /// ISO 8601 UTC.
    package var processedAt: String
    package var outcome: Outcome
    /// Stable reason code when not applied (``ExchangeReason``).
    package var reason: String?
    package var message: String?
    package var counts: BatchCounts
    /// The verification report, JSON.
    package var verification: String?
    /// The signed receipt: ours for an inbound file, as written to `receipts/`; the partner's for an outbound
    /// file delivered over the network.
    package var receipt: [UInt8]?
    package var filed: Bool
    /// What an operator did with the quarantined file afterwards (``Disposition``), if anything.
    package var disposition: Disposition?
    /// Outbound, over the network: when the partner's receipt for the file verified (ISO 8601 UTC), if it has.
    package var deliveredAt: String?
    /// Outbound, delivered: the outcome the partner's receipt gives (`applied`, `rejected`, …).
    package var partnerOutcome: String?

    package init(
        id: Int64 = 0, direction: Direction, partner: String, fileName: String, digest: String, byteCount: Int,
        batchId: String? = nil, batchKind: String? = nil, batchCreated: String? = nil,
        batchCreatedInstant: Int64? = nil, receivedAt: String, processedAt: String, outcome: Outcome,
        reason: String? = nil, message: String? = nil, counts: BatchCounts = BatchCounts(),
        verification: String? = nil, receipt: [UInt8]? = nil, filed: Bool = false, disposition: Disposition? = nil,
        deliveredAt: String? = nil, partnerOutcome: String? = nil
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
        self.disposition = disposition
        self.deliveredAt = deliveredAt
        self.partnerOutcome = partnerOutcome
    }
}

/// What a batch held and what loading it changed.
package struct BatchCounts: Hashable, Sendable {
    /// Records in the file.
    package var records = 0
    /// Records without errors.
    package var accepted = 0
    /// Records with at least one error.
    package var rejected = 0
    /// Members new to the registry.
    package var inserted = 0
    /// Members whose record changed.
    package var changed = 0
    /// Members carried again without change.
    package var unchanged = 0
    /// Members of the partner missing from a full list, now withdrawn.
    package var withdrawn = 0

    package init(
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
