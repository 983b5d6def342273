/// The ledger in figures, for operators' metrics: how many files were
/// exchanged with each partner, each way, by outcome, and when an exchange
/// with each partner last succeeded.
package struct LedgerSummary: Sendable, Equatable {
    /// Files of one partner, one direction and one outcome.
    package struct Count: Sendable, Equatable {
        package var partner: String
        package var direction: LedgerEntry.Direction
        package var outcome: String
        package var files: Int

        package init(partner: String, direction: LedgerEntry.Direction, outcome: String, files: Int) {
            self.partner = partner
            self.direction = direction
            self.outcome = outcome
            self.files = files
        }
    }

    /// The last success with one partner one way: an inbound file applied, an outbound file delivered.
    package struct LastSuccess: Sendable, Equatable {
        package var partner: String
        package var direction: LedgerEntry.Direction
        /// ISO 8601 UTC.
        package var at: String

        package init(partner: String, direction: LedgerEntry.Direction, at: String) {
            self.partner = partner
            self.direction = direction
            self.at = at
        }
    }

    package var counts: [Count]
    package var lastSuccesses: [LastSuccess]

    package init(counts: [Count], lastSuccesses: [LastSuccess]) {
        self.counts = counts
        self.lastSuccesses = lastSuccesses
    }
}
