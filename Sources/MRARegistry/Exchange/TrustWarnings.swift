/// When an exchange job warns about partners' trust material that expires
/// soon or is invalid (`trust-material-expiring`): loading every partner's
/// inventory for that is cheap once, not for every file a long-running
/// process takes in.
package enum TrustWarnings: Sendable, Hashable {
    /// Each run warns: the one-shot commands (`exchange run`, `exchange export`).
    case everyRun
    /// The jobs never warn: the process warns on its own schedule (`exchange serve`: at start, then daily).
    case skip
}
