import Logging
package import MRAGateway
import MRAPlumbing

/// Writes our members eligible for a partner in the partner's format,
/// signed, into `outbox/<partner>/`, and records it in the ledger.
///
/// Eligibility is our program's catalogue entry (for CTPAT: tiers 1–3,
/// active, with consent to sharing). A full list carries every eligible
/// member. `since` carries the members whose record changed since that
/// time and who meet the authorisation-type and consent rules, whatever
/// their status now: a member suspended, revoked or withdrawn since is sent
/// with that status, so the partner ends its benefits.
///
/// Crash safety: the signed file is written and flushed under a hidden
/// `.partial` name, then the ledger entry is recorded, then the file is
/// renamed into place and the entry marked filed; an interrupted export is
/// finished by the next `exchange run` or `exchange export`.
package struct OutboundExport {
    /// The configuration, registry, folders, signer (ours: signs the lists), day and log it runs with.
    package var setup: ExchangeSetup
    /// Our program, whose members are sent.
    package var program: String { setup.ownProgram }
    /// Told how far writing the list has got.
    package var progress: (any ExchangeProgress)?

    package init(_ setup: ExchangeSetup) {
        self.setup = setup
    }

    /// Exports to `partner`, under the partner's lease (see ``PartnerLease``); `since` (ISO 8601 UTC) sends
    /// only changes. Returns the ledger entry, or nil when there was nothing to send.
    package func run(partner: String, since: String?) throws(ExchangeError) -> LedgerEntry? {
        try setup.underLease(of: partner) { () throws(ExchangeError) in try export(to: partner, since: since) }
    }

    private func export(to partner: String, since: String?) throws(ExchangeError) -> LedgerEntry? {
        guard partner != program else {
            throw ExchangeError(.export, "\(program) is our own program: export to a partner")
        }
        let translator: Translator
        let eligibility: Program.Eligibility
        let format = try self.format(for: partner)
        do {
            translator = try Translator(
                configuration: setup.configuration, from: program, to: format, today: setup.today)
            eligibility = try setup.configuration.program(program).program.eligibility
        } catch {
            throw ExchangeError(.configuration, error.description)
        }
        if since != nil, let kind = Self.fixedBatchKind(translator.target.mapping),
            kind != BatchHeader.Kind.delta.rawValue
        {
            throw ExchangeError(
                .export,
                "\(format)'s format, which \(partner) gets, carries only \(kind) lists (its mapping fixes batch.kind): send with --full"
            )
        }
        try setup.folders.create(programs: [partner])
        if setup.trustWarnings == .everyRun { setup.warnAboutTrustMaterial(of: [partner]) }
        try finishInterrupted(of: partner)
        let records = try eligibleRecords(eligibility, since: since)
        guard !records.isEmpty else {
            setup.logger.info("nothing to send", metadata: ["partner": "\(partner)", "since": "\(since ?? "-")"])
            return nil
        }
        var entry = try record(records, to: partner, since: since, translator: translator)
        CrashPoints.reach()
        try Self.finish(entry, registry: setup.registry, folders: setup.folders)
        entry.filed = true
        setup.logger.info(
            "list written to the outbox",
            metadata: [
                "ledgerEntry": "\(entry.id)", "partner": "\(partner)", "file": "\(entry.fileName)",
                "records": "\(entry.counts.records)", "kind": "\(entry.batchKind ?? "-")",
            ])
        return entry
    }

    /// Whether the format `partner` gets carries only full lists (a delta to it is refused).
    package func carriesOnlyFullLists(_ partner: String) -> Bool {
        guard let format = try? format(for: partner), let mapping = try? setup.configuration.program(format).mapping
        else { return false }
        return Self.fixedBatchKind(mapping).map { $0 != BatchHeader.Kind.delta.rawValue } ?? false
    }

    /// The program whose format `partner` gets: its own, or ours when its `partner.xml` says `sendFormat="own"`
    /// (a partner that runs this gateway too). A trust store that cannot be read stops the export.
    func format(for partner: String) throws(ExchangeError) -> String {
        do {
            return try TrustStore.load(program: partner, home: setup.configuration.home).sendsOwnFormat
                ? program : partner
        } catch {
            throw ExchangeError(.configuration, "trust store of \(partner): \(error)")
        }
    }

    /// The list kind a format always carries (a `batch.kind` constant), if it fixes one.
    private static func fixedBatchKind(_ mapping: ProgramMapping) -> String? {
        for case .field(let entry) in mapping.batchEntries where entry.field == .batchKind {
            return entry.constant
        }
        return nil
    }

    /// Files the outbound entries an interrupted export left unfiled.
    /// Finishes the lists to `partner` an interrupted export left unfiled.
    private func finishInterrupted(of partner: String) throws(ExchangeError) {
        do {
            for entry in try setup.registry.unfiledEntries()
            where entry.direction == .outbound && entry.partner == partner {
                try Self.finish(entry, registry: setup.registry, folders: setup.folders)
            }
        } catch {
            throw ExchangeError(registryFailure: error)
        }
    }

    /// Our members that may be sent: all eligible ones, or those changed since `since`.
    private func eligibleRecords(
        _ eligibility: Program.Eligibility, since: String?
    ) throws(ExchangeError) -> [TraderRecord] {
        var records: [TraderRecord] = []
        do {
            try setup.registry.forEachMember(program: program, changedSince: since) { member in
                let record = try member.record()
                if Self.eligible(record, eligibility, checkStatus: since == nil) { records.append(record) }
            }
        } catch {
            throw ExchangeError(registryFailure: error)
        }
        return records
    }

    /// Writes the signed file under its temporary name and records its ledger
    /// entry, in one transaction.
    private func record(
        _ records: [TraderRecord], to partner: String, since: String?, translator: Translator
    ) throws(ExchangeError) -> LedgerEntry {
        let now = Timestamp.now()
        let created = Timestamp.iso(now)
        do {
            return try setup.registry.transaction { session in
                let sequence = try session.outboundCount(partner: partner) + 1
                let day = String(setup.today.description.filter { $0 != "-" })
                let number = String(zeroPadded: sequence, width: 4)
                let batchId = "\(program.uppercased())-\(partner.uppercased())-\(day)-\(number)"
                let tabular = (try? setup.configuration.program(try format(for: partner)))?.mapping.tabular != nil
                let name =
                    "\(program)-to-\(partner)-\(day)-\(number)\(since == nil ? "-full" : "-delta").\(tabular ? "csv" : "xml")"
                let batch = BatchHeader(id: batchId, kind: since == nil ? .full : .delta, created: created)
                let signed = try signedDocument(
                    records, batch: batch, name: name, partner: partner, translator: translator)
                let path = setup.folders.outbox(partner) + "/" + name
                try DurableFiles.writeTemporary(signed, to: DurableFiles.temporaryPath(for: path))
                CrashPoints.reach()
                return try session.record(
                    LedgerEntry(
                        direction: .outbound, partner: partner, fileName: name, digest: ExchangeJob.digest(signed),
                        byteCount: signed.count, batchId: batchId, batchKind: batch.kind?.rawValue,
                        batchCreated: created,
                        batchCreatedInstant: now, receivedAt: created, processedAt: created, outcome: .sent,
                        counts: BatchCounts(records: records.count, accepted: records.count)))
            }
        } catch {
            throw ExchangeError(registryFailure: error)
        }
    }

    /// The records in the partner's format, as one batch, signed; a
    /// delimited list cannot carry a signature and is sent as it is, trusted
    /// by the channel that delivers it (docs/operations.md).
    private func signedDocument(
        _ records: [TraderRecord], batch: BatchHeader, name: String, partner: String, translator: Translator
    ) throws(ExchangeError) -> [UInt8] {
        var records = records
        for index in records.indices { records[index].batchId = batch.id }
        var document: [UInt8] = []
        var translator = translator
        translator.progress = progress?.begin(file: partner + "/" + name, measure: .records(of: records.count))
        let result = translator.write(records: records, batch: batch) { document += $0 }
        progress?.end()
        if result.outputInvalid {
            throw ExchangeError(
                .invalidOutput,
                "the list for \(partner) is not valid against its schema; nothing was signed, written or recorded as sent: "
                    + result.problems.prefix(5).map(\.description).joined(separator: "; "))
        }
        guard result.succeeded else {
            throw ExchangeError(
                .export,
                "\(partner)'s format cannot carry the records: "
                    + result.problems.prefix(5).map(\.description).joined(separator: "; "))
        }
        if (try? setup.configuration.program(try format(for: partner)))?.mapping.tabular != nil { return document }
        do {
            return try setup.signer.sign(bytes: document, file: name)
        } catch {
            throw ExchangeError(.signing, "cannot sign \(name): \(error)")
        }
    }

    /// Moves a recorded outbound file into place and marks it filed.
    static func finish(_ entry: LedgerEntry, registry: any Registry, folders: ExchangeFolders) throws(ExchangeError) {
        let path = folders.outbox(entry.partner) + "/" + entry.fileName
        let temporary = DurableFiles.temporaryPath(for: path)
        if DurableFiles.exists(temporary) { try DurableFiles.promote(temporary, to: path) }
        CrashPoints.reach()
        do {
            try registry.markFiled(entry.id)
        } catch {
            throw ExchangeError(error)
        }
    }

    /// Whether our member may be sent under the catalogue's eligibility.
    package static func eligible(_ record: TraderRecord, _ eligibility: Program.Eligibility, checkStatus: Bool) -> Bool
    {
        if !eligibility.authTypes.isEmpty && !eligibility.authTypes.contains(record.authType ?? "") { return false }
        if eligibility.consentRequired && record.consent != true { return false }
        if checkStatus && !eligibility.statuses.isEmpty && !eligibility.statuses.contains(record.status.rawValue) {
            return false
        }
        return true
    }
}
