import MRAGateway

extension ExchangeJob {
    /// Files a recorded inbound entry: the copy in archive or quarantine with
    /// its report or reason, the receipt, then the inbox file removed and the
    /// entry marked filed. Every step may be repeated after a crash.
    ///
    /// A complete `copy` of the bytes read (``ArchiveCopy``) is renamed into
    /// place (archive or quarantine) first; without one, the inbox file
    /// itself is, last, in place of its removal (a file that applied nothing,
    /// such as a duplicate, or one whose copy could not be made whole).
    func file(_ entry: LedgerEntry, copy: ArchiveCopy? = nil) throws(ExchangeError) {
        let destination = setup.folders.destination(of: entry)
        let inbox = setup.folders.inbox(entry.partner, file: entry.fileName)
        let copied = copy?.isComplete == true
        if let copy, copied {
            CrashPoints.reach()
            try DurableFiles.promote(copy.path, to: destination)
        }
        CrashPoints.reach()
        if let verification = entry.verification {
            try DurableFiles.write(Array((verification + "\n").utf8), to: destination + ".verification.json")
        }
        if entry.outcome != .applied {
            try DurableFiles.write(Array(reasonText(entry).utf8), to: destination + ".reason.txt")
        }
        CrashPoints.reach()
        if let receipt = entry.receipt {
            try DurableFiles.write(receipt, to: setup.folders.receipt(of: entry))
            CrashPoints.reach()
        }
        if copied {
            try DurableFiles.remove(inbox)
        } else {
            try DurableFiles.promote(inbox, to: destination)
        }
        CrashPoints.reach()
        try markFiled(entry)
    }

    func markFiled(_ entry: LedgerEntry) throws(ExchangeError) {
        do {
            try setup.registry.markFiled(entry.id)
        } catch {
            throw ExchangeError(error)
        }
    }

    /// The reason file next to a quarantined file.
    func reasonText(_ entry: LedgerEntry) -> String {
        var lines = [
            "file: \(entry.fileName)",
            "partner: \(entry.partner)",
            "outcome: \(entry.outcome.rawValue)",
            "reason: \(entry.reason ?? "-")",
            "ledger entry: \(entry.id)",
            "sha256: \(entry.digest)",
        ]
        if let batchId = entry.batchId {
            lines.append("batch: \(batchId) (\(entry.batchKind ?? "?"), created \(entry.batchCreated ?? "?"))")
        }
        lines.append("processed at: \(entry.processedAt)")
        lines.append(
            "receipt: receipts/\(entry.partner)/\((setup.folders.receipt(of: entry) as String).split(separator: "/").last ?? "")"
        )
        lines.append("")
        lines.append(entry.message ?? "")
        return lines.joined(separator: "\n") + "\n"
    }
}
