import Logging
import MRAGateway
import MRAPlumbing
import MRAXML

extension ExchangeJob {
    /// Reads a file, verifying its signature from the same pass, and loads it
    /// in one registry transaction with its ledger entry and receipt (the
    /// commit waits for the verification); or records why it was not applied.
    /// The file is read once, in chunks: the records, the canonical digest,
    /// the file's SHA-256 (which must be `sha256`, `base`'s, taken by a first
    /// reading) and the archive copy all come from the same bytes.
    /// `withdrawalGuard` nil: an operator released this file past the guard.
    func load(
        _ base: LedgerEntry, path: String, sha256: [UInt8], verifier: SignatureVerifier,
        withdrawalGuard: WithdrawalGuard?
    ) throws(ExchangeError) -> LedgerEntry {
        // The copy for the archive (or quarantine) is written while the file loads; filing renames it.
        let copy = ArchiveCopy(path: setup.folders.archiveCopy(partner: base.partner, digest: base.digest))
        defer { copy.discard() }
        var reader = try partnerReader(for: base.partner, limits: verifier.limits)
        reader.progress = progress?.begin(file: base.partner + "/" + base.fileName, measure: .bytes(of: base.byteCount))
        defer { progress?.end() }
        var load = BatchLoad(
            base,
            signature: SignatureCheck(
                verifier: verifier, path: path, sha256: sha256, file: base.fileName,
                acceptsUnsigned: verifier.trust.acceptsUnsignedLists,
                delimited: (try? setup.configuration.program(base.partner))?.mapping.tabular != nil),
            today: setup.today, withdrawalGuard: withdrawalGuard)
        let started = Timestamp.monotonic()
        do {
            let applied = try setup.registry.transaction { session in
                try apply(
                    &load, reader: reader, path: path, copy: copy, sha256: sha256, file: base.fileName, in: session,
                    started: started)
            }
            let committed = Timestamp.monotonic()
            CrashPoints.reach()
            log(applied)
            try file(applied, copy: copy)
            var filed = applied
            filed.filed = true
            setup.logger.debug(
                "filed",
                metadata: [
                    "totalSeconds": "\(Timestamp.monotonic() - started)",
                    "fileSeconds": "\(Timestamp.monotonic() - committed)",
                ])
            return filed
        } catch let changed as FileChanged {
            throw ExchangeError(.filesystem, changed.message(base))
        } catch let refused as BatchLoad.SignatureRefused {
            if let stop = load.stop, stop.code.isLimit {
                return try refuse(base, overLimit: stop, verifier: verifier, copy: copy)
            }
            return try recordAndFile(refused.entry, records: RecordResult.Assignment(), copy: copy)
        } catch let abandon as BatchLoad.Abandon {
            if let stop = load.stop, stop.code.isLimit {
                return try refuse(base, overLimit: stop, verifier: verifier, copy: copy)
            }
            if let refused = load.refusal() {
                return try recordAndFile(refused, records: RecordResult.Assignment(), copy: copy)
            }
            let (entry, records) = load.notApplied(abandon)
            return try recordAndFile(entry, records: records, copy: copy)
        } catch {
            throw ExchangeError(registryFailure: error)
        }
    }

    /// The file's bytes differ from those of its first reading (it was being
    /// written while the run read it): nothing is applied, and it stays in
    /// the inbox for the next run.
    struct FileChanged: Error {
        func message(_ entry: LedgerEntry) -> String {
            "inbox/\(entry.partner)/\(entry.fileName) changed while it was being read (its SHA-256 is no longer \(entry.digest.prefix(16))…): nothing was applied; it stays in the inbox for the next run. Partners' files must be moved into the inbox whole (written elsewhere, then renamed)"
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
        _ load: inout BatchLoad, reader: PartnerFileReader, path: String, copy: ArchiveCopy, sha256: [UInt8],
        file: String, in session: any RegistrySession, started: Double
    ) throws -> LedgerEntry {
        let digest = try FileDigest()
        let feed = ReaderFeed(reader: reader, path: path, chunks: ChunkTee([digest, copy]), file: file)
        let result = load.read(feed, in: session)
        guard digest.value == sha256 || (result.stop?.code == .tooLarge && digest.byteCount == 0) else {
            throw FileChanged()
        }
        copy.finish(expecting: digest.byteCount)
        let readSeconds = Timestamp.monotonic() - started
        var (entry, records) = try load.finish(result, in: session)
        let receiptStarted = Timestamp.monotonic()
        entry.receipt = try receipt(for: entry, records: records)
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
