extension ExchangeJob {
    /// Processes one file that has just arrived in `inbox/<program>/` (the
    /// exchange endpoint put it there), exactly as ``run()`` processes each
    /// inbox file: same checks, ledger entry, filing and signed receipt.
    /// Finishes first what an interrupted job left unfiled of that partner; all under the partner's lease.
    package func processArrived(program: String, name: String) throws(ExchangeError) -> LedgerEntry {
        try setup.folders.create(programs: [program])
        return try setup.underLease(of: program) { () throws(ExchangeError) in
            _ = try finishInterrupted(of: program)
            return try process(program: program, name: name, verifier: try partnerVerifier(program))
        }
    }

    /// The latest filed inbound entry of `program` whose file had this
    /// SHA-256 (lower-case hex), whatever its outcome: the answer to a
    /// partner that sends the same bytes again.
    package func received(program: String, digest: String) throws(ExchangeError) -> LedgerEntry? {
        do {
            return try setup.registry.ledgerEntries(digest: digest).last {
                $0.direction == .inbound && $0.partner == program && $0.filed
            }
        } catch {
            throw ExchangeError(error)
        }
    }

    /// Whether any partner's inbox holds a file (visible, not being uploaded).
    package var inboxHasFiles: Bool {
        get throws(ExchangeError) {
            for program in inboundPrograms where !(try DurableFiles.files(in: setup.folders.inbox(program)).isEmpty) {
                return true
            }
            return false
        }
    }
}
