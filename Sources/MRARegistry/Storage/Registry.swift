package import MRAGateway

/// The registry's storage interface: canonical records with their status
/// history and MID links, and the batch ledger.
///
/// Everything above it (the exchange job, exports, the CLI) works through
/// this protocol only, and lookups through its read side, ``RegistryReader``;
/// the embedded default is SQLite (`MRARegistrySQLite`), and a shared server
/// database can implement the same interfaces. A backend's duties are what
/// the interface promises:
///
/// - ``transaction(_:)`` is atomic and durable: when it returns, the records
///   and the ledger entry written through the session survive a crash or a
///   power loss; when its body throws, nothing of it is kept.
/// - History events are only appended; links are opened and closed, never deleted.
/// - Member order is `program` then `memberId`, by their UTF-8 bytes.
package protocol Registry: DeliveryLedger {
    /// Runs `body` in one transaction.
    func transaction<T>(_ body: (any RegistrySession) throws -> T) throws -> T

    /// Ledger entries with this content digest, oldest first.
    func ledgerEntries(digest: String) throws(RegistryError) -> [LedgerEntry]
    /// Entries whose file is not yet filed (a crash came between recording and filing).
    func unfiledEntries() throws(RegistryError) -> [LedgerEntry]
    /// The most recent entries, newest first (`limit` nil: all).
    func ledger(limit: Int?) throws(RegistryError) -> [LedgerEntry]
    /// Marks an entry's file as filed.
    func markFiled(_ id: Int64) throws(RegistryError)
    /// The entry with this id (without its receipt), if any.
    func ledgerEntry(_ id: Int64) throws(RegistryError) -> LedgerEntry?
    /// Records what an operator did with an entry's quarantined file.
    func recordDisposition(_ disposition: LedgerEntry.Disposition, of id: Int64) throws(RegistryError)

    /// Every member, in `program`, `memberId` order; `program` nil for all,
    /// `changedSince` (ISO 8601 UTC) for members whose record changed since.
    func forEachMember(
        program: String?, changedSince: String?, _ body: (RegisteredMember) throws -> Void
    ) throws
    /// Members per program, whatever their status (``statusCounts()`` tells them apart).
    func memberCounts() throws(RegistryError) -> [String: Int]
    /// Members per program and status.
    func statusCounts() throws(RegistryError) -> [String: MemberStatusCounts]

    /// Takes the lease on `partner` for this instance (see ``PartnerLease``): nil when taken, else the lease
    /// another instance holds. Given back by ``releaseLease(on:)``, or when the instance ends.
    func takeLease(on partner: String) throws(RegistryError) -> PartnerLease?
    /// Gives back a lease ``takeLease(on:)`` took.
    func releaseLease(on partner: String) throws(RegistryError)
    /// The leases instances hold now, of `partners`.
    func leases(on partners: [String]) throws(RegistryError) -> [PartnerLease]
}

extension RegistrySession {
    /// Loads one record, making its stored form first.
    package func put(_ record: TraderRecord, in batch: BatchContext) throws(RegistryError) -> MemberChange {
        try put(StoredRecord(record), in: batch)
    }

    /// Loads records one by one: a backend whose every statement is cheap (an embedded database) needs nothing more.
    package func put(_ records: [StoredRecord], in batch: BatchContext) throws(RegistryError) -> [MemberChange] {
        var changes: [MemberChange] = []
        changes.reserveCapacity(records.count)
        for record in records { changes.append(try put(record, in: batch)) }
        return changes
    }
}

/// Reads and writes inside one ``Registry/transaction(_:)``.
package protocol RegistrySession {
    /// The applied inbound entry of `partner` with this batch id, if any.
    func appliedBatch(partner: String, batchId: String) throws(RegistryError) -> LedgerEntry?
    /// The applied inbound entry of `partner` with the latest batch creation time.
    func latestApplied(partner: String) throws(RegistryError) -> LedgerEntry?
    /// The current members (active or suspended) that `partner` supplies.
    func currentMemberCount(partner: String) throws(RegistryError) -> Int
    /// After a full list's records are stored: how many of `batch.partner`'s
    /// current members (active or suspended) the list did not carry, whom
    /// ``withdrawAbsent(in:)`` would withdraw.
    func absentCurrentMemberCount(in batch: BatchContext) throws(RegistryError) -> Int
    /// Outbound entries sent to `partner` so far.
    func outboundCount(partner: String) throws(RegistryError) -> Int

    /// Records a ledger entry and returns it with its id.
    func record(_ entry: LedgerEntry) throws(RegistryError) -> LedgerEntry
    /// Replaces a recorded entry (same id): final outcome, counts, receipt.
    func update(_ entry: LedgerEntry) throws(RegistryError)

    /// Loads one record: inserts the member or updates it, appending the
    /// history events ``StatusHistory`` derives and opening or closing MID links.
    func put(_ record: StoredRecord, in batch: BatchContext) throws(RegistryError) -> MemberChange
    /// Loads records in document order, as ``put(_:in:)-(StoredRecord,_)`` would one after the other; a
    /// backend a network away decides and writes a group of them in a few statements.
    func put(_ records: [StoredRecord], in batch: BatchContext) throws(RegistryError) -> [MemberChange]
    /// After a full list: withdraws the members `batch.partner` supplies that
    /// the list did not carry (and that are not withdrawn already). Returns how many.
    func withdrawAbsent(in batch: BatchContext) throws(RegistryError) -> Int
}
