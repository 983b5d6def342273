/// What one `exchange run` did.
package struct ExchangeSummary: Sendable {
    /// The files processed in this run, in order, as their ledger entries say.
    package var files: [LedgerEntry] = []
    /// Entries of an interrupted earlier run whose filing this run finished.
    package var recovered: [LedgerEntry] = []
    /// Partners left alone because another instance on the same registry held their lease.
    package var leasedElsewhere: [PartnerLease] = []

    package init() {}

    /// Every file processed was applied.
    package var allApplied: Bool { files.allSatisfy { $0.outcome == .applied } }
}
