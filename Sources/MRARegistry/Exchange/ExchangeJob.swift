import Logging
import MRACrypto
import MRAGateway
import MRAXML

/// The daily inbound job: every file in `inbox/<program>/` is verified
/// against that partner's trust store, read, checked, mapped and loaded into
/// the registry in one transaction, then archived (or quarantined with its
/// reason) and answered with a signed receipt.
///
/// Crash safety rests on one order of steps: (1) the registry transaction
/// that loads the records also records the ledger entry, the verification
/// report and the signed receipt; (2) the archive or quarantine copy, its
/// report and the receipt are written durably; (3) the inbox file is
/// removed; (4) the entry is marked filed. A run first finishes any entry
/// left unfiled by a crash (the inbox file is still there until (3), and
/// (2) is complete once it is gone), so killing the process at any point
/// loses nothing and applies nothing twice.
package struct ExchangeJob {
    /// The configuration, registry, folders, signer (ours: signs receipts), day and log it runs with.
    package var setup: ExchangeSetup
    /// Our program id, the receipts' issuer.
    package var issuer: String { setup.ownProgram }
    package var progress: (any ExchangeProgress)?
    /// The receipts' schema (`Schemas/receipt-1.xsd`): every receipt is checked against it before it is signed.
    let receiptSchema: Result<Schema, XMLError>

    package init(_ setup: ExchangeSetup, progress: (any ExchangeProgress)? = nil) {
        self.setup = setup
        self.progress = progress
        receiptSchema = Result { () throws(XMLError) in
            try Schema(path: setup.configuration.home.schemas + "/" + Receipt.schemaFile)
        }
    }

    /// The catalogue's programs, whose inbox folders are read in this order.
    package var programs: [String] { setup.configuration.catalogue.programs.map(\.id).sorted() }

    /// The programs whose inbox this run reads: all but those the configuration disables
    /// (`partners.<program>.enabled: false`), whose files wait in their inbox.
    package var inboundPrograms: [String] { programs.filter { setup.partners[$0]?.enabled != false } }

    /// Processes the files in the inbox when the run starts, partner by
    /// partner, each folder's files in name order, after finishing what an
    /// interrupted run left of that partner. Each partner is worked on under
    /// its lease (see ``PartnerLease``): a partner another instance on the
    /// same registry holds is left to it (``ExchangeSummary/leasedElsewhere``).
    package func run() throws(ExchangeError) -> ExchangeSummary {
        try setup.folders.create(programs: programs)
        if setup.trustWarnings == .everyRun { setup.warnAboutTrustMaterial(of: inboundPrograms) }
        var summary = ExchangeSummary()
        for program in programs where !inboundPrograms.contains(program) {
            let waiting = try DurableFiles.files(in: setup.folders.inbox(program)).count
            setup.logger.notice(
                "partner disabled in the configuration: its inbox is left alone",
                metadata: ["partner": "\(program)", "waiting": "\(waiting)"])
        }
        // What waits, as seen before taking the leases; each partner's is read again under its lease.
        let interrupted = Set(try unfiledEntries().map(\.partner))
        for program in programs {
            let inbound = inboundPrograms.contains(program)
            let waiting = inbound ? try inboxFiles(program) : []
            guard interrupted.contains(program) || !waiting.isEmpty else { continue }
            if let holder = try setup.takeLease(on: program) {
                setup.logger.notice(
                    "another instance holds this partner's lease: its files are left to it",
                    metadata: ["partner": "\(program)", "holder": "\(holder.holder)"])
                summary.leasedElsewhere.append(holder)
                continue
            }
            defer { setup.giveBackLease(on: program) }
            summary.recovered += try finishInterrupted(of: program)
            guard inbound else { continue }
            let files = try inboxFiles(program)
            guard !files.isEmpty else { continue }
            let verifier = try partnerVerifier(program)
            for name in files {
                CrashPoints.reach()
                summary.files.append(try process(program: program, name: name, verifier: verifier))
            }
        }
        return summary
    }

    private func inboxFiles(_ program: String) throws(ExchangeError) -> [String] {
        try DurableFiles.files(in: setup.folders.inbox(program))
    }

    /// The verifier of a partner's files, from `Certs/<program>/`; a setting
    /// that accepts unsigned lists is refused unless the format is delimited
    /// (an XML list is always signed).
    func partnerVerifier(_ program: String) throws(ExchangeError) -> SignatureVerifier {
        var store: TrustStore
        do {
            store = try TrustStore.load(program: program, home: setup.configuration.home)
            if !setup.requiresRevocationCheck { store = store.optingOutOfRevocationCheck() }
        } catch {
            throw ExchangeError(.configuration, "trust store of \(program): \(error)")
        }
        if store.acceptsUnsignedLists, (try? setup.configuration.program(program))?.mapping.tabular == nil {
            throw ExchangeError(
                .configuration,
                "trust store of \(program): partner.xml sets unsignedLists=\"accept\", allowed only for a program whose lists are delimited text; \(program)'s lists are XML and must be signed"
            )
        }
        return SignatureVerifier(trust: store)
    }

    /// Files the entries a crash left unfiled: those of `partner`, or all.
    func finishInterrupted(of partner: String? = nil) throws(ExchangeError) -> [LedgerEntry] {
        let unfiled = try unfiledEntries().filter { partner == nil || $0.partner == partner }
        var finished: [LedgerEntry] = []
        for entry in unfiled {
            if entry.direction == .outbound {
                try OutboundExport.finish(entry, registry: setup.registry, folders: setup.folders)
            } else {
                let inboxPath = setup.folders.inbox(entry.partner, file: entry.fileName)
                // A copy the crash may have cut short: the file is copied again from the inbox.
                try DurableFiles.remove(setup.folders.archiveCopy(partner: entry.partner, digest: entry.digest))
                if DurableFiles.exists(inboxPath) {
                    if try DurableFiles.digest(inboxPath) == entry.digest {
                        try file(entry)
                    } else {
                        setup.logger.warning(
                            "an unfiled entry's inbox file was replaced; the new file is processed on its own",
                            metadata: ["ledgerEntry": "\(entry.id)", "file": "\(entry.fileName)"])
                        try markFiled(entry)
                    }
                } else {
                    // Removed from the inbox, so its copy and receipt were complete.
                    try markFiled(entry)
                }
            }
            setup.logger.notice(
                "finished an interrupted entry",
                metadata: ["ledgerEntry": "\(entry.id)", "partner": "\(entry.partner)", "file": "\(entry.fileName)"])
            finished.append(entry)
        }
        return finished
    }

    private func unfiledEntries() throws(ExchangeError) -> [LedgerEntry] {
        do {
            return try setup.registry.unfiledEntries()
        } catch {
            throw ExchangeError(error)
        }
    }

    /// Processes one inbox file to its recorded and filed outcome.
    func process(
        program: String, name: String, verifier: SignatureVerifier
    ) throws(ExchangeError) -> LedgerEntry {
        let path = setup.folders.inbox(program, file: name)
        // A first, cheap reading names the file by its digest (a duplicate is not read further);
        // the load's reading computes it again from the bytes it loads, and they must agree.
        let (sha256, size) = try DurableFiles.survey(path)
        let now = Timestamp.now()
        var entry = LedgerEntry(
            direction: .inbound, partner: program, fileName: name, digest: Hex.encode(sha256), byteCount: size,
            receivedAt: Timestamp.iso(DurableFiles.modificationTime(path) ?? now), processedAt: Timestamp.iso(now),
            outcome: .refused)

        let earlier: [LedgerEntry]
        do {
            earlier = try setup.registry.ledgerEntries(digest: entry.digest)
        } catch {
            throw ExchangeError(error)
        }
        if let applied = earlier.last(where: {
            $0.direction == .inbound && $0.partner == program && $0.outcome == .applied
        }) {
            entry.outcome = .duplicate
            entry.reason = ExchangeReason.duplicateFile
            entry.batchId = applied.batchId
            entry.batchKind = applied.batchKind
            entry.batchCreated = applied.batchCreated
            entry.message =
                "the same content (SHA-256 \(entry.digest.prefix(16))…) was applied as ledger entry \(applied.id) (\(applied.fileName)); not applied again"
            return try recordAndFile(entry, records: RecordResult.Assignment())
        }

        // The guard is waived for the bytes of a mass-withdrawal entry an operator released, once:
        // only while that entry is the latest of these bytes.
        var withdrawalGuard: WithdrawalGuard? = WithdrawalGuard(
            maxShare: setup.partners[program]?.maxWithdrawalShare ?? verifier.trust.maxWithdrawalShare
                ?? setup.maxWithdrawalShare)
        if let released = earlier.last(where: { $0.direction == .inbound && $0.partner == program }),
            released.reason == ExchangeReason.massWithdrawal, let disposition = released.disposition,
            disposition.action == .released
        {
            withdrawalGuard = nil
            entry.message =
                "released by \(disposition.by) at \(disposition.at) from the quarantine (ledger entry \(released.id), \(ExchangeReason.massWithdrawal)): applied with the guard against mass withdrawal waived for this file"
        }

        // The signature is verified from the same pass that reads and loads the
        // records; the load commits only once the signature has verified.
        return try load(
            entry, path: path, sha256: sha256, verifier: verifier, withdrawalGuard: withdrawalGuard)
    }

    /// Records an entry that applies nothing, with its receipt, and files it
    /// (its `copy`, when one was made whole, or else the inbox file itself).
    func recordAndFile(
        _ entry: LedgerEntry, records: RecordResult.Assignment, copy: ArchiveCopy? = nil
    ) throws(ExchangeError) -> LedgerEntry {
        let recorded: LedgerEntry
        do {
            recorded = try setup.registry.transaction { session in
                var recorded = try session.record(entry)
                recorded.receipt = try receipt(for: recorded, records: records)
                try session.update(recorded)
                CrashPoints.reach()
                return recorded
            }
        } catch {
            throw ExchangeError(registryFailure: error)
        }
        CrashPoints.reach()
        log(recorded)
        try file(recorded, copy: copy)
        var filed = recorded
        filed.filed = true
        return filed
    }

    /// The signed receipt of an entry, checked against the receipt schema before it is signed.
    func receipt(
        for entry: LedgerEntry, records: RecordResult.Assignment
    ) throws(ExchangeError) -> [UInt8] {
        var canonical: CanonicalDigest
        do {
            canonical = try CanonicalDigest(setup.signer.digest)
        } catch {
            throw ExchangeError(.signing, "cannot sign the receipt: \(error)")
        }
        let document = Receipt.document(
            entry: entry, issuer: issuer, records: records, canonical: &canonical)
        try Receipt.check(document, of: entry, records: records.listed, schema: receiptSchema)
        do {
            return try setup.signer.sign(
                bytes: document, canonicalDigest: canonical.finalize(), rootQualifiedName: Receipt.rootName)
        } catch {
            throw ExchangeError(.signing, "cannot sign the receipt: \(error)")
        }
    }

    func log(_ entry: LedgerEntry) {
        var metadata: Logger.Metadata = [
            "ledgerEntry": "\(entry.id)", "partner": "\(entry.partner)", "file": "\(entry.fileName)",
            "outcome": "\(entry.outcome.rawValue)", "records": "\(entry.counts.records)",
        ]
        if let batchId = entry.batchId { metadata["batch"] = "\(batchId)" }
        if let reason = entry.reason {
            metadata["reason"] = "\(reason)"
            setup.logger.warning("file not applied", metadata: metadata)
        } else {
            metadata["inserted"] = "\(entry.counts.inserted)"
            metadata["changed"] = "\(entry.counts.changed)"
            metadata["unchanged"] = "\(entry.counts.unchanged)"
            metadata["withdrawn"] = "\(entry.counts.withdrawn)"
            setup.logger.info("file applied", metadata: metadata)
        }
    }

    static func digest(_ bytes: [UInt8]) -> String {
        do {
            return Hex.encode(try Digest.hash(bytes, algorithm: .sha256))
        } catch {
            // SHA-256 is always available in OpenSSL 3; failing here means a broken installation.
            fatalError("SHA-256 unavailable: \(error)")
        }
    }
}
