import MRAGateway

extension ExchangeJob {
    /// Files a recorded inbound entry: the copy in archive or quarantine with
    /// its report or reason, the receipt, then the inbox file removed and the
    /// entry marked filed. Every step may be repeated after a crash.
    ///
    /// With `copy`, a complete copy of `bytes` written during the load is
    /// renamed into place (archive or quarantine) instead of writing them again;
    /// with `movingInbox`, the inbox file itself is (a file refused over a
    /// limit, whose bytes were never all read).
    func file(
        _ entry: LedgerEntry, bytes: [UInt8], copy: ArchiveCopy? = nil, movingInbox: Bool = false
    ) throws(ExchangeError) {
        let destination = setup.folders.destination(of: entry)
        if movingInbox {
            CrashPoints.reach()
            try DurableFiles.promote(setup.folders.inbox(entry.partner, file: entry.fileName), to: destination)
        } else if let copy, copy.isComplete {
            CrashPoints.reach()
            try DurableFiles.promote(copy.path, to: destination)
        } else {
            try DurableFiles.write(bytes, to: destination)
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
        try DurableFiles.remove(setup.folders.inbox(entry.partner, file: entry.fileName))
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
