/// What one `exchange run` did.
public struct ExchangeSummary: Sendable {
    /// The files processed in this run, in order, as their ledger entries say.
    public var files: [LedgerEntry] = []
    /// Entries of an interrupted earlier run whose filing this run finished.
    public var recovered: [LedgerEntry] = []

    public init() {}

    /// Every file processed was applied.
    public var allApplied: Bool { files.allSatisfy { $0.outcome == .applied } }
}
