import MRAGateway
import MRAXML

/// The state of one file's load: its ledger entry, the batch it declares,
/// the records stored so far and why it may not be applied. Inside the
/// load's registry transaction it is begun at the batch header (``begin(_:in:)``),
/// takes the read records (``store(_:in:)``) and is finished once the read
/// and the signature have said yes (``finish(_:in:)``); when the transaction
/// is abandoned, it makes the entry to record instead (``notApplied(_:)``).
struct BatchLoad {
    /// The signature was refused: nothing the load wrote is kept.
    struct SignatureRefused: Error {
        var entry: LedgerEntry
    }

    /// Why a batch is abandoned before commit: nothing it wrote is kept.
    struct Abandon: Error {
        var outcome: LedgerEntry.Outcome
        var reason: String
        var message: String
    }

    /// The entry before loading; it gains the verification report.
    private var base: LedgerEntry
    /// The entry as recorded in the transaction.
    private var entry: LedgerEntry
    private var signature: SignatureCheck
    private let today: CalendarDate
    private var header = BatchHeader()
    /// Each read record's first line, in document order: the receipt places problems in records by line.
    private var starts = RecordStarts()
    private var readResult: ReadResult?
    private var context: BatchContext?
    private var abandon: Abandon?
    /// What the registry threw while storing; the transaction is given up with it.
    private var failure: (any Error)?
    private var errorsSeen = false
    private var counts = BatchCounts()
    /// Time spent in the registry's writes, for the log.
    private(set) var storeSeconds = 0.0
    /// The guard against mass withdrawal; nil when an operator waived it for this file.
    private let withdrawalGuard: WithdrawalGuard?
    /// The partner's current members before this batch (full lists only).
    private var membersBefore = 0

    init(
        _ base: LedgerEntry, signature: SignatureCheck, today: CalendarDate, withdrawalGuard: WithdrawalGuard?
    ) {
        self.base = base
        entry = base
        self.signature = signature
        self.today = today
        self.withdrawalGuard = withdrawalGuard
    }

    /// What stopped the read, when it stopped early.
    var stop: XMLError? { readResult?.stop }

    /// Takes the feed's events up to the end of the read: batch headers and
    /// records. Returns the read's result.
    mutating func read(_ feed: ReaderFeed, in session: any RegistrySession) -> ReadResult {
        while true {
            switch feed.next() {
            case .batch(let batch): begin(batch, in: session)
            case .records(let records): store(records, in: session)
            case .finished(let result):
                readResult = result
                return result
            }
        }
    }

    /// Starts the batch: checks its order against what the partner sent
    /// before and records its ledger entry. Once only.
    mutating func begin(_ batch: BatchHeader, in session: any RegistrySession) {
        guard context == nil, abandon == nil, failure == nil else { return }
        header = batch
        entry.describe(batch)
        do {
            abandon = try Self.order(of: entry, in: session)
            guard abandon == nil else { return }
            if batch.kind == .full && withdrawalGuard != nil {
                membersBefore = try session.currentMemberCount(partner: entry.partner)
            }
            entry = try session.record(entry)
            let date = batch.created.map { String($0.prefix(10)) }.flatMap(CalendarDate.init(iso:))
            context = BatchContext(
                ledgerId: entry.id, partner: entry.partner, batchId: batch.id, isFull: batch.kind == .full,
                date: (date ?? today).description, processedAt: entry.processedAt)
        } catch {
            failure = error
        }
    }

    /// Stores read records, in document order, unless a record up to them had
    /// errors or the registry failed (the batch will not be applied then).
    mutating func store(_ reads: [HandedRecord], in session: any RegistrySession) {
        if context == nil { begin(BatchHeader(), in: session) }
        var records: [StoredRecord] = []
        records.reserveCapacity(reads.count)
        for read in reads {
            starts.append(read.line)
            if read.hasError { errorsSeen = true }
            if let stored = read.stored { records.append(stored) }
        }
        guard let context, !errorsSeen, failure == nil, !records.isEmpty else { return }
        let putStarted = Timestamp.monotonic()
        do {
            for change in try session.put(records, in: context) {
                switch change {
                case .inserted: counts.inserted += 1
                case .changed: counts.changed += 1
                case .unchanged: counts.unchanged += 1
                }
            }
        } catch {
            failure = error
        }
        storeSeconds += Timestamp.monotonic() - putStarted
        // A crash point every eighth record.
        for _ in 0..<(starts.count / 8 - (starts.count - reads.count) / 8) { CrashPoints.reach() }
    }

    /// After the read: throws why the batch may not be applied (a refused
    /// signature first), else withdraws what a full list leaves out and
    /// returns the applied entry (without its receipt) and the receipt's
    /// per-record results.
    mutating func finish(
        _ result: ReadResult, in session: any RegistrySession
    ) throws -> (entry: LedgerEntry, records: RecordResult.Assignment) {
        if let refused = refusal() { throw SignatureRefused(entry: refused) }
        entry.verification = base.verification
        CrashPoints.reach()
        try checkApplicable(result)
        if context == nil { begin(header, in: session) }
        if let failure { throw failure }
        guard let context else {
            throw Abandon(outcome: .refused, reason: ExchangeReason.documentRefused, message: "no batch")
        }
        if context.isFull {
            if let withdrawalGuard {
                let absent = try session.absentCurrentMemberCount(in: context)
                if let refusal = withdrawalGuard.refusal(withdrawing: absent, of: membersBefore) {
                    throw Abandon(outcome: .refused, reason: ExchangeReason.massWithdrawal, message: refusal)
                }
            }
            counts.withdrawn = try session.withdrawAbsent(in: context)
            CrashPoints.reach()
        }
        let records = RecordResult.assign(
            result.diagnostics, toRecordsStartingAt: starts, applied: true, limit: Receipt.maxListedRecords)
        counts.records = result.recordCount
        counts.accepted = result.recordCount - records.rejected - records.notLoaded
        entry.counts = counts
        entry.outcome = .applied
        return (entry, records)
    }

    /// Throws what stored records met, or why the read refuses the batch.
    private func checkApplicable(_ result: ReadResult) throws {
        if let failure { throw failure }
        if let abandon { throw abandon }
        if result.refused {
            let first = result.diagnostics.first { $0.severity == .error }
            throw Abandon(
                outcome: .refused, reason: ExchangeReason.documentRefused,
                message: first.map { "\($0.rule): \($0.message)" } ?? "the document cannot be read")
        }
        if !result.isValid {
            throw Abandon(outcome: .rejected, reason: ExchangeReason.invalidRecords, message: "")
        }
    }

    /// Puts the verification report in the entry; returns the entry to
    /// record when the signature is refused. A refused signature outranks
    /// any other reason not to apply the file.
    mutating func refusal() -> LedgerEntry? {
        let report = signature.report(after: readResult)
        var json = JSONText()
        report.write(to: &json)
        base.verification = json.text
        guard let failure = report.failure else { return nil }
        var refused = base
        refused.reason = ExchangeReason.signatureRefused(failure.reason)
        refused.message = (failure.line.map { "line \($0): " } ?? "") + failure.message
        return refused
    }

    /// The entry to record for a batch abandoned before commit, with the
    /// receipt's per-record results when its records were read.
    func notApplied(_ abandon: Abandon) -> (entry: LedgerEntry, records: RecordResult.Assignment) {
        var entry = base
        entry.describe(header)
        entry.outcome = abandon.outcome
        entry.reason = abandon.reason
        entry.message = abandon.message
        let diagnostics = readResult?.diagnostics ?? []
        let listsRecords = [
            ExchangeReason.invalidRecords, ExchangeReason.documentRefused, ExchangeReason.massWithdrawal,
        ]
        guard listsRecords.contains(abandon.reason) else {
            return (entry, RecordResult.Assignment())
        }
        let records = RecordResult.assign(
            diagnostics, toRecordsStartingAt: starts, applied: false, limit: Receipt.maxListedRecords)
        entry.counts.records = readResult?.recordCount ?? starts.count
        entry.counts.rejected = records.rejected
        entry.counts.accepted = 0
        if abandon.reason == ExchangeReason.invalidRecords {
            entry.message = Self.invalidRecordsMessage(
                entry.counts, errors: diagnostics.filter { $0.severity == .error })
        }
        return (entry, records)
    }

    private static func invalidRecordsMessage(_ counts: BatchCounts, errors: [Diagnostic]) -> String {
        var message =
            "\(counts.rejected) of \(counts.records) records have errors (\(errors.count) in all); nothing was applied; the receipt lists them"
        for diagnostic in errors.prefix(20) { message += "\n" + diagnostic.description }
        if errors.count > 20 { message += "\n…" }
        return message
    }

    /// Whether a batch may be applied after what the partner sent before:
    /// not a batch id already applied, not older than the latest applied batch.
    private static func order(of entry: LedgerEntry, in session: any RegistrySession) throws(RegistryError) -> Abandon?
    {
        if let batchId = entry.batchId, let applied = try session.appliedBatch(partner: entry.partner, batchId: batchId)
        {
            return Abandon(
                outcome: .duplicate, reason: ExchangeReason.duplicateBatch,
                message:
                    "batch \(batchId) of \(entry.partner) was already applied as ledger entry \(applied.id) (\(applied.fileName)); not applied again"
            )
        }
        if let created = entry.batchCreatedInstant, let latest = try session.latestApplied(partner: entry.partner),
            let latestCreated = latest.batchCreatedInstant, created < latestCreated
        {
            let kind = entry.batchKind == "delta" ? "delta" : "list"
            return Abandon(
                outcome: .refused, reason: ExchangeReason.staleBatch,
                message:
                    "\(kind) \(entry.batchId ?? "(no id)") created \(entry.batchCreated ?? "?") is older than batch \(latest.batchId ?? "(no id)") created \(latest.batchCreated ?? "?"), already applied (ledger entry \(latest.id)); applying it would undo newer changes. Send the changes since \(latest.batchCreated ?? "then") as a new batch"
            )
        }
        return nil
    }
}

extension LedgerEntry {
    /// Takes the batch id, kind and creation time the file's header declares.
    fileprivate mutating func describe(_ batch: BatchHeader) {
        batchId = batch.id
        batchKind = batch.kind?.rawValue
        batchCreated = batch.created
        batchCreatedInstant = batch.created.flatMap(Timestamp.parse)
    }
}
