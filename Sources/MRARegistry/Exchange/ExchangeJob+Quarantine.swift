import Logging
import MRAGateway

extension ExchangeJob {
    /// `exchange release ENTRY`: applies the file the guard against mass
    /// withdrawal quarantined as ledger entry `id`, with the guard waived for
    /// that file only. The release (who, when) is recorded in the entry
    /// first; the file then goes back to the inbox and is processed at once
    /// like any other (signature, checks, order, one transaction, a signed
    /// receipt) under a ledger entry of its own, which is returned.
    ///
    /// A release the process did not finish is finished by running it again
    /// (or, once the file is back in the inbox, by the next run); a release
    /// whose file was processed is refused, so the file is applied once.
    package func release(_ id: Int64, by operatorName: String) throws(ExchangeError) -> LedgerEntry {
        try setup.folders.create(programs: programs)
        let partner = try quarantinedEntry(id).partner
        return try setup.underLease(of: partner) { () throws(ExchangeError) in
            _ = try finishInterrupted(of: partner)
            return try releaseUnderLease(id, by: operatorName)
        }
    }

    private func releaseUnderLease(_ id: Int64, by operatorName: String) throws(ExchangeError) -> LedgerEntry {
        var entry = try quarantinedEntry(id)
        guard entry.reason == ExchangeReason.massWithdrawal else {
            throw ExchangeError(
                .entryRefused,
                "ledger entry \(id) was quarantined for \(entry.reason ?? "no reason"), not \(ExchangeReason.massWithdrawal): only a file the guard against mass withdrawal stopped can be released; fix the cause and use `exchange requeue \(id)`"
            )
        }
        switch entry.disposition {
        case .some(let done) where done.action == .requeued:
            throw ExchangeError(
                .entryRefused,
                "ledger entry \(id) was requeued by \(done.by) at \(done.at), not released; nothing done")
        case .some(let done):
            if let later = try laterEntries(of: entry).first {
                throw ExchangeError(
                    .entryRefused,
                    "ledger entry \(id) was already released by \(done.by) at \(done.at) and processed as ledger entry \(later.id) (\(later.outcome.rawValue)\(later.reason.map { ", " + $0 } ?? "")); nothing done"
                )
            }
            setup.logger.notice("finishing an interrupted release", metadata: ["ledgerEntry": "\(id)"])
        case .none:
            try checkInbox(for: entry)
            entry.disposition = try record(.released, by: operatorName, of: entry)
        }
        let name = try returnToInbox(entry)
        return try process(program: entry.partner, name: name, verifier: try partnerVerifier(entry.partner))
    }

    /// `exchange requeue ENTRY`: puts the file quarantined as ledger entry
    /// `id` back in its partner's inbox for the next run, once its cause is
    /// fixed (a trust store completed, a partner setting changed). The
    /// requeue (who, when) is recorded in the entry before the file moves;
    /// the quarantine keeps the file until its copy in the inbox is on disk.
    /// Returns the entry with its disposition. Running it again finishes a
    /// requeue the process did not finish; one whose file left the
    /// quarantine is refused.
    package func requeue(_ id: Int64, by operatorName: String) throws(ExchangeError) -> LedgerEntry {
        try setup.folders.create(programs: programs)
        let partner = try quarantinedEntry(id).partner
        return try setup.underLease(of: partner) { () throws(ExchangeError) in
            _ = try finishInterrupted(of: partner)
            return try requeueUnderLease(id, by: operatorName)
        }
    }

    private func requeueUnderLease(_ id: Int64, by operatorName: String) throws(ExchangeError) -> LedgerEntry {
        var entry = try quarantinedEntry(id)
        switch entry.disposition {
        case .some(let done) where done.action == .released:
            throw ExchangeError(
                .entryRefused, "ledger entry \(id) was released by \(done.by) at \(done.at); nothing to requeue")
        case .some(let done):
            guard DurableFiles.exists(setup.folders.destination(of: entry)) else {
                throw ExchangeError(
                    .entryRefused,
                    "ledger entry \(id) was already requeued by \(done.by) at \(done.at): its file left the quarantine for inbox/\(entry.partner)/; nothing done"
                )
            }
            setup.logger.notice("finishing an interrupted requeue", metadata: ["ledgerEntry": "\(id)"])
        case .none:
            try checkInbox(for: entry)
            entry.disposition = try record(.requeued, by: operatorName, of: entry)
        }
        _ = try returnToInbox(entry)
        setup.logger.info(
            "requeued",
            metadata: ["ledgerEntry": "\(id)", "partner": "\(entry.partner)", "file": "\(entry.fileName)"])
        return entry
    }

    /// The inbound entry `id` whose file was not applied.
    private func quarantinedEntry(_ id: Int64) throws(ExchangeError) -> LedgerEntry {
        let found: LedgerEntry?
        do {
            found = try setup.registry.ledgerEntry(id)
        } catch {
            throw ExchangeError(error)
        }
        guard let entry = found else { throw ExchangeError(.entryRefused, "there is no ledger entry \(id)") }
        guard entry.direction == .inbound else {
            throw ExchangeError(.entryRefused, "ledger entry \(id) is a list we sent, not a file received")
        }
        guard entry.outcome != .applied else {
            throw ExchangeError(.entryRefused, "ledger entry \(id) was applied; nothing of it is in the quarantine")
        }
        return entry
    }

    /// Entries of the same partner and bytes recorded after `entry`.
    private func laterEntries(of entry: LedgerEntry) throws(ExchangeError) -> [LedgerEntry] {
        do {
            return try setup.registry.ledgerEntries(digest: entry.digest).filter {
                $0.id > entry.id && $0.direction == .inbound && $0.partner == entry.partner
            }
        } catch {
            throw ExchangeError(error)
        }
    }

    private func record(
        _ action: LedgerEntry.Disposition.Action, by operatorName: String, of entry: LedgerEntry
    ) throws(ExchangeError) -> LedgerEntry.Disposition {
        let disposition = LedgerEntry.Disposition(action, by: operatorName, at: Timestamp.iso(Timestamp.now()))
        do {
            try setup.registry.recordDisposition(disposition, of: entry.id)
        } catch {
            throw ExchangeError(error)
        }
        CrashPoints.reach()
        return disposition
    }

    /// Refuses when another file of the same name waits in the inbox (it would be overwritten).
    private func checkInbox(for entry: LedgerEntry) throws(ExchangeError) {
        let path = setup.folders.inbox(entry.partner, file: entry.fileName)
        guard DurableFiles.exists(path) else { return }
        guard try DurableFiles.digest(path) == entry.digest else {
            throw ExchangeError(
                .entryRefused,
                "another file named \(entry.fileName) waits in inbox/\(entry.partner)/: let a run process it, then run this again; nothing done"
            )
        }
    }

    /// Copies the entry's quarantined file back to the inbox under its name,
    /// durably, then removes it and its reason and report from the quarantine
    /// (the ledger keeps them). Every step may be repeated after a crash.
    private func returnToInbox(_ entry: LedgerEntry) throws(ExchangeError) -> String {
        let quarantined = setup.folders.destination(of: entry)
        let inbox = setup.folders.inbox(entry.partner, file: entry.fileName)
        guard DurableFiles.exists(quarantined) else {
            // Moved by a run of this command that stopped after the copy.
            guard DurableFiles.exists(inbox), try DurableFiles.digest(inbox) == entry.digest else {
                throw ExchangeError(
                    .entryRefused,
                    "the file of ledger entry \(entry.id) is neither in quarantine/\(entry.partner)/ nor in inbox/\(entry.partner)/"
                )
            }
            return entry.fileName
        }
        try checkInbox(for: entry)
        let intact =
            DurableFiles.exists(inbox)
            ? try DurableFiles.digest(quarantined) == entry.digest
            : try DurableFiles.copy(quarantined, to: inbox, ifDigest: entry.digest)
        guard intact else {
            throw ExchangeError(
                .entryRefused,
                "\(quarantined) no longer has the SHA-256 the ledger recorded for entry \(entry.id); it was left where it is"
            )
        }
        CrashPoints.reach()
        try DurableFiles.remove(quarantined + ".reason.txt")
        try DurableFiles.remove(quarantined + ".verification.json")
        CrashPoints.reach()
        try DurableFiles.remove(quarantined)
        return entry.fileName
    }
}
