import ArgumentParser
import MRALookupServer
import MRARegistry

/// The console's requeue and release buttons: `exchange requeue` and
/// `exchange release` on the root `serve` reads, under the root's lock,
/// with our signing identity from the configuration (a release signs its
/// receipt), in the operator's name.
struct ConsoleQuarantineActions: QuarantineActions {
    let common: CommonOptions
    let exchange: ExchangeOptions

    func requeue(_ entry: Int64, by operatorName: String) throws -> LedgerEntry {
        try run { (job) throws(ExchangeError) in try job.requeue(entry, by: operatorName) }
    }

    func release(_ entry: Int64, by operatorName: String) throws -> LedgerEntry {
        try run { (job) throws(ExchangeError) in try job.release(entry, by: operatorName) }
    }

    private func run(_ action: (ExchangeJob) throws(ExchangeError) -> LedgerEntry) throws -> LedgerEntry {
        try exchange.site(common).withJob(common: common, identity: try IdentityOptions.parse([]), action)
    }
}
