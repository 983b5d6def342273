import ArgumentParser
import MRARegistry

/// What a command that decides the fate of a quarantined file takes
/// (release, requeue): the exchange root and identity, who does it, and the
/// file's ledger entry.
struct QuarantinedEntryOptions: ParsableArguments {
    @OptionGroup var common: CommonOptions
    @OptionGroup var exchange: ExchangeOptions
    @OptionGroup var identity: IdentityOptions
    @OptionGroup var operatorOption: OperatorOption
    @Argument(help: "The quarantined file's ledger entry.") var entry: Int64

    /// Runs `action` on the entry, for the operator, under the root's lock,
    /// and reports crash points as every exchange command does; returns the
    /// entry the action left.
    func run(
        _ action: (ExchangeJob, _ entry: Int64, _ by: String) throws(ExchangeError) -> LedgerEntry
    ) throws -> LedgerEntry {
        do {
            return try exchange.site(common).withJob(common: common, identity: identity) {
                (job) throws(ExchangeError) in try action(job, entry, operatorOption.resolved)
            }
        } catch let error as ExchangeError {
            throw error.commandError
        }
    }
}
