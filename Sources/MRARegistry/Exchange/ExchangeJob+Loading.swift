import Logging
import MRAGateway
import MRAPlumbing
import MRAXML

extension ExchangeJob {
    /// Reads a file, verifying its signature from the same pass, and loads it
    /// in one registry transaction with its ledger entry and receipt (the
    /// commit waits for the verification); or records why it was not applied.
    /// `withdrawalGuard` nil: an operator released this file past the guard.
    func load(
        _ base: LedgerEntry, bytes: [UInt8], verifier: SignatureVerifier, withdrawalGuard: WithdrawalGuard?
    ) throws(ExchangeError) -> LedgerEntry {
        // The copy for the archive (or quarantine) is written while the file loads; filing renames it.
        let copy = ArchiveCopy(
            bytes: bytes, path: setup.folders.archiveCopy(partner: base.partner, digest: base.digest))
        defer { copy.discard() }
        var reader = try partnerReader(for: base.partner, limits: verifier.limits)
        reader.progress = progress?.begin(file: base.partner + "/" + base.fileName, measure: .bytes(of: bytes.count))
        defer { progress?.end() }
        var load = BatchLoad(
            base,
            signature: SignatureCheck(
                verifier: verifier, bytes: bytes, file: base.fileName,
                acceptsUnsigned: verifier.trust.acceptsUnsignedLists,
                delimited: (try? setup.configuration.program(base.partner))?.mapping.tabular != nil),
            today: setup.today, withdrawalGuard: withdrawalGuard)
        let started = Timestamp.monotonic()
        do {
            let applied = try setup.registry.transaction { session in
                try apply(&load, reader: reader, bytes: bytes, file: base.fileName, in: session, started: started)
            }
            let committed = Timestamp.monotonic()
            CrashPoints.reach()
            log(applied)
            try file(applied, bytes: bytes, copy: copy)
            var filed = applied
            filed.filed = true
            setup.logger.debug(
                "filed",
                metadata: [
                    "totalSeconds": "\(Timestamp.monotonic() - started)",
                    "fileSeconds": "\(Timestamp.monotonic() - committed)",
                ])
            return filed
        } catch let refused as BatchLoad.SignatureRefused {
            return try recordAndFile(refused.entry, bytes: bytes, records: [], fileProblems: [], copy: copy)
        } catch let abandon as BatchLoad.Abandon {
            if let refused = load.refusal() {
                return try recordAndFile(refused, bytes: bytes, records: [], fileProblems: [], copy: copy)
            }
            let (entry, records, fileProblems) = load.notApplied(abandon)
            return try recordAndFile(entry, bytes: bytes, records: records, fileProblems: fileProblems, copy: copy)
        } catch {
            throw ExchangeError(registryFailure: error)
        }
    }

    /// The reader of a partner's files, streaming the signature's digest,
    /// within the partner's limits.
    private func partnerReader(for partner: String, limits: XMLLimits) throws(ExchangeError) -> PartnerFileReader {
        do {
            var reader = try PartnerFileReader(configuration: setup.configuration, program: partner, today: setup.today)
            reader.signatureDigest = SignatureVerifier.streamedDigest
            reader.onlyMembersOf = partner
            reader.limits = limits
            return reader
        } catch {
            throw ExchangeError(.configuration, error.description, cause: error)
        }
    }

    /// The load's transaction: reads the file on a thread of its own while
    /// this one stores, then (once the signature has verified) finishes the
    /// batch and records its entry with the signed receipt.
    private func apply(
        _ load: inout BatchLoad, reader: PartnerFileReader, bytes: [UInt8], file: String,
        in session: any RegistrySession, started: Double
    ) throws -> LedgerEntry {
        let feed = ReaderFeed(reader: reader, bytes: bytes, file: file)
        let result = load.read(feed, in: session)
        let readSeconds = Timestamp.monotonic() - started
        var (entry, records, fileProblems) = try load.finish(result, in: session)
        let receiptStarted = Timestamp.monotonic()
        entry.receipt = try receipt(for: entry, records: records, fileProblems: fileProblems)
        try session.update(entry)
        setup.logger.debug(
            "loaded",
            metadata: [
                "readAndStoreSeconds": "\(readSeconds)", "storeSeconds": "\(load.storeSeconds)",
                "receiptSeconds": "\(Timestamp.monotonic() - receiptStarted)",
            ])
        CrashPoints.reach()
        return entry
    }
}
