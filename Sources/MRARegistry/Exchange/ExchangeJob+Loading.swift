import Foundation
import Logging
import MRAGateway
import MRAXML

extension ExchangeJob {
    /// The signature was refused: nothing the load wrote is kept.
    private struct SignatureRefused: Error {
        var entry: LedgerEntry
    }

    /// What the reading thread hands to the storing one, in document order.
    private enum ReaderEvent: Sendable {
        case batch(BatchHeader)
        /// Records in document order, a few dozen at a time: handing them over one by one
        /// would cost a lock and a wake-up per record.
        case records([HandedRecord])
        case finished(ReadResult)
    }

    /// What the storing thread needs of a read record.
    private struct HandedRecord: Sendable {
        /// Line of the record's start tag.
        var line: Int
        /// The record's member id, or the one its first problem names.
        var memberId: String?
        var hasError: Bool
        /// The record to store, when it could be made.
        var stored: StoredRecord?

        init(_ read: ReadRecord, encoder: CanonicalJSONEncoder) {
            line = read.line
            memberId = read.record?.memberId ?? read.diagnostics.first?.recordId
            hasError = read.diagnostics.contains { $0.severity == .error }
            stored = read.record.map { StoredRecord($0, encoder: encoder) }
        }
    }

    /// How many read records the reading thread hands over at once.
    private static var recordsPerHandOver: Int { 64 }

    /// Why a batch is abandoned before commit: nothing it wrote is kept.
    private struct Abandon: Error {
        var outcome: LedgerEntry.Outcome
        var reason: String
        var message: String
    }

    /// Reads a file, verifying its signature from the same pass, and loads it
    /// in one registry transaction with its ledger entry and receipt (the
    /// commit waits for the verification); or records why it was not applied.
    func load(_ base: LedgerEntry, bytes: [UInt8], verifier: SignatureVerifier) throws(ExchangeError) -> LedgerEntry {
        var base = base
        // The copy for the archive (or quarantine) is written while the file loads; filing renames it.
        let copy = ArchiveCopy(bytes: bytes, path: folders.archiveCopy(partner: base.partner, digest: base.digest))
        defer { copy.discard() }
        let reader: PartnerFileReader
        do {
            var configured = try PartnerFileReader(configuration: configuration, program: base.partner, today: today)
            configured.signatureDigest = SignatureVerifier.streamedDigest
            reader = configured
        } catch {
            throw ExchangeError(.configuration, error.description)
        }
        var starts: [(line: Int, memberId: String?)] = []
        var header = BatchHeader()
        var readResult: ReadResult?
        var verification: VerificationReport?
        /// A refused signature outranks any other reason not to apply the file.
        func refusal() -> LedgerEntry? {
            if verification == nil {
                // From what the read gathered; a read that stopped early gathered nothing.
                verification =
                    readResult?.signature.map {
                        verifier.verify(
                            evidence: $0, digestAlgorithm: SignatureVerifier.streamedDigest, bytes: bytes,
                            file: base.fileName)
                    } ?? verifier.verify(bytes: bytes, file: base.fileName)
            }
            return checked(&base, verification!)
        }
        if let progress {
            // Lines are counted only for a progress bar to show.
            progress.begin(file: base.partner + "/" + base.fileName, lines: bytes.reduce(into: 0) { if $1 == 0x0A { $0 += 1 } })
        }
        let started = Timestamp.monotonic()
        var readSeconds = 0.0
        var storeSeconds = 0.0
        defer { progress?.end() }
        do {
            let applied = try registry.transaction { session in
                var entry = base
                var context: BatchContext?
                var abandon: Abandon?
                var failure: (any Error)?
                var errorsSeen = false
                var counts = BatchCounts()

                func begin(_ batch: BatchHeader) {
                    guard context == nil, abandon == nil, failure == nil else { return }
                    header = batch
                    entry.batchId = batch.id
                    entry.batchKind = batch.kind?.rawValue
                    entry.batchCreated = batch.created
                    entry.batchCreatedInstant = batch.created.flatMap(Timestamp.parse)
                    do {
                        abandon = try order(of: entry, in: session)
                        guard abandon == nil else { return }
                        entry = try session.record(entry)
                        let date = batch.created.map { String($0.prefix(10)) }.flatMap(CalendarDate.init(iso:))
                        context = BatchContext(
                            ledgerId: entry.id, partner: entry.partner, batchId: batch.id, isFull: batch.kind == .full,
                            date: (date ?? today).description, processedAt: entry.processedAt)
                    } catch {
                        failure = error
                    }
                }

                // Reading (parse, schema, mapping, rules) runs on its own thread, a record ahead of the
                // store: this thread only writes. It drains the feed to the end whatever happens, so the
                // reader never waits on a full channel.
                let feed = BoundedChannel<ReaderEvent>(capacity: 16)
                let fileName = base.fileName
                let readerThread = Thread {
                    var pending = Batched<HandedRecord>(size: Self.recordsPerHandOver) {
                        feed.send(.records($0))
                    }
                    // The stored form is made here, beside mapping and rules, so the store only writes.
                    let encoder = CanonicalJSONEncoder()
                    let result = reader.read(
                        bytes: bytes, file: fileName, onBatch: { feed.send(.batch($0)) },
                        onRecord: { read in
                            pending.append(HandedRecord(read, encoder: encoder))
                        })
                    pending.flush()
                    feed.send(.finished(result))
                }
                readerThread.stackSize = 1 << 22
                readerThread.start()

                func store(_ read: HandedRecord) {
                    if context == nil { begin(BatchHeader()) }
                    starts.append((read.line, read.memberId))
                    if read.hasError { errorsSeen = true }
                    guard let context, let record = read.stored, !errorsSeen, failure == nil else { return }
                    let putStarted = Timestamp.monotonic()
                    do {
                        switch try session.put(record, in: context) {
                        case .inserted: counts.inserted += 1
                        case .changed: counts.changed += 1
                        case .unchanged: counts.unchanged += 1
                        }
                    } catch {
                        failure = error
                    }
                    storeSeconds += Timestamp.monotonic() - putStarted
                    if starts.count % 8 == 0 { CrashPoints.reach() }
                    if starts.count % 64 == 0 { progress?.update(line: read.line, records: starts.count) }
                }
                var finished: ReadResult?
                while finished == nil {
                    switch feed.receive() {
                    case .batch(let batch): begin(batch)
                    case .finished(let result): finished = result
                    case .records(let records): for read in records { store(read) }
                    }
                }
                let result = finished!
                readResult = result
                readSeconds = Timestamp.monotonic() - started
                if let refused = refusal() { throw SignatureRefused(entry: refused) }
                entry.verification = base.verification
                CrashPoints.reach()
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
                if context == nil { begin(header) }
                if let failure { throw failure }
                guard let context else { throw Abandon(outcome: .refused, reason: ExchangeReason.documentRefused, message: "no batch") }
                if context.isFull {
                    counts.withdrawn = try session.withdrawAbsent(in: context)
                    CrashPoints.reach()
                }
                let receiptStarted = Timestamp.monotonic()
                let (records, fileProblems) = RecordResult.assign(result.diagnostics, to: starts, applied: true)
                counts.records = result.recordCount
                counts.accepted = records.count
                entry.counts = counts
                entry.outcome = .applied
                entry.receipt = try receipt(for: entry, records: records, fileProblems: fileProblems)
                try session.update(entry)
                logger.debug(
                    "loaded",
                    metadata: [
                        "readAndStoreSeconds": "\(readSeconds)", "storeSeconds": "\(storeSeconds)", "receiptSeconds": "\(Timestamp.monotonic() - receiptStarted)",
                    ])
                CrashPoints.reach()
                return entry
            }
            let committed = Timestamp.monotonic()
            CrashPoints.reach()
            log(applied)
            try file(applied, bytes: bytes, copy: copy)
            logger.debug(
                "filed",
                metadata: ["totalSeconds": "\(Timestamp.monotonic() - started)", "fileSeconds": "\(Timestamp.monotonic() - committed)"])
            return applied
        } catch let refused as SignatureRefused {
            return try recordAndFile(refused.entry, bytes: bytes, records: [], fileProblems: [], copy: copy)
        } catch let abandon as Abandon {
            if let refused = refusal() {
                return try recordAndFile(refused, bytes: bytes, records: [], fileProblems: [], copy: copy)
            }
            var entry = base
            entry.batchId = header.id
            entry.batchKind = header.kind?.rawValue
            entry.batchCreated = header.created
            entry.batchCreatedInstant = header.created.flatMap(Timestamp.parse)
            entry.outcome = abandon.outcome
            entry.reason = abandon.reason
            let diagnostics = readResult?.diagnostics ?? []
            var records: [RecordResult] = []
            var fileProblems: [Diagnostic] = []
            if abandon.reason == ExchangeReason.invalidRecords || abandon.reason == ExchangeReason.documentRefused {
                (records, fileProblems) = RecordResult.assign(diagnostics, to: starts, applied: false)
                entry.counts.records = readResult?.recordCount ?? starts.count
                entry.counts.rejected = records.filter { $0.result == .rejected }.count
                entry.counts.accepted = 0
            }
            if abandon.reason == ExchangeReason.invalidRecords {
                let errors = diagnostics.filter { $0.severity == .error }
                var message = "\(entry.counts.rejected) of \(entry.counts.records) records have errors (\(errors.count) in all); nothing was applied; the receipt lists every one"
                for diagnostic in errors.prefix(20) { message += "\n" + diagnostic.description }
                if errors.count > 20 { message += "\n…" }
                entry.message = message
            } else {
                entry.message = abandon.message
            }
            return try recordAndFile(entry, bytes: bytes, records: records, fileProblems: fileProblems, copy: copy)
        } catch let error as ExchangeError {
            throw error
        } catch let error as RegistryError {
            throw ExchangeError(error)
        } catch {
            throw ExchangeError(.registry, "\(error)")
        }
    }

    /// Whether a batch may be applied after what the partner sent before:
    /// not a batch id already applied, not older than the latest applied batch.
    private func order(of entry: LedgerEntry, in session: any RegistrySession) throws(RegistryError) -> Abandon? {
        if let batchId = entry.batchId, let applied = try session.appliedBatch(partner: entry.partner, batchId: batchId) {
            return Abandon(
                outcome: .duplicate, reason: ExchangeReason.duplicateBatch,
                message: "batch \(batchId) of \(entry.partner) was already applied as ledger entry \(applied.id) (\(applied.fileName)); not applied again")
        }
        if let created = entry.batchCreatedInstant, let latest = try session.latestApplied(partner: entry.partner),
            let latestCreated = latest.batchCreatedInstant, created < latestCreated
        {
            let kind = entry.batchKind == "delta" ? "delta" : "list"
            return Abandon(
                outcome: .refused, reason: ExchangeReason.staleBatch,
                message: "\(kind) \(entry.batchId ?? "(no id)") created \(entry.batchCreated ?? "?") is older than batch \(latest.batchId ?? "(no id)") created \(latest.batchCreated ?? "?"), already applied (ledger entry \(latest.id)); applying it would undo newer changes. Send the changes since \(latest.batchCreated ?? "then") as a new batch")
        }
        return nil
    }
}
