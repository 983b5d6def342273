extension LedgerEntry {
    /// What an operator did with a quarantined file: released it past the
    /// guard that stopped it (`exchange release`), or put it back in the
    /// inbox once its cause was fixed (`exchange requeue`). Who and when, in
    /// the ledger entry of the quarantined file; the file's next processing
    /// gets an entry of its own.
    package struct Disposition: Hashable, Sendable {
        package enum Action: String, Hashable, Sendable, CaseIterable {
            /// Applied with the mass-withdrawal guard waived for this file only.
            case released
            /// Put back in the inbox, to be processed again by the next run.
            case requeued
        }

        package var action: Action
        /// The operator, as given to the command (by default the login name).
        package var by: String
        /// ISO 8601 UTC.
        package var at: String

        package init(_ action: Action, by: String, at: String) {
            self.action = action
            self.by = by
            self.at = at
        }
    }
}
