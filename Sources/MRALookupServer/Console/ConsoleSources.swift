package import MRAReconciliation
package import MRARegistry

/// What the console shows beyond the lookup service's registry and
/// catalogue, and what its buttons do; each part is optional, and a page
/// whose part is missing says how to configure it.
package struct ConsoleSources: Sendable {
    /// The trust material (`trust list`).
    package var trust: Cached<TrustReading>?
    /// The reconciliation of the findings folder (`serve.findings`).
    package var reconciliation: Cached<ReconciliationReading>?
    /// Requeue and release of quarantined files, when `serve` knows the exchange root.
    package var quarantine: (any QuarantineActions)?

    package init(
        trust: Cached<TrustReading>? = nil, reconciliation: Cached<ReconciliationReading>? = nil,
        quarantine: (any QuarantineActions)? = nil
    ) {
        self.trust = trust
        self.reconciliation = reconciliation
        self.quarantine = quarantine
    }
}

/// The reconciliation of a findings folder: its report, or why there is none.
package enum ReconciliationReading: Sendable {
    case report(ReconciliationReport, folder: String)
    case failed(String, folder: String)
}

/// What the console's quarantine buttons do: `exchange requeue` and
/// `exchange release`, under the exchange's lock, recorded in the ledger
/// with the operator's name. Each may block on files and the lock; the
/// console calls them off the server's event loops.
package protocol QuarantineActions: Sendable {
    /// Puts the quarantined file of entry `entry` back in its inbox; returns the entry with its disposition.
    func requeue(_ entry: Int64, by operatorName: String) throws -> LedgerEntry
    /// Applies the file the guard against mass withdrawal stopped; returns the ledger entry of that processing.
    func release(_ entry: Int64, by operatorName: String) throws -> LedgerEntry
}
