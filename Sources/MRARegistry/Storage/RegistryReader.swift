/// The registry's read side for lookups: every member with its lookup
/// fields, status history and MID links (``MemberFacts``), and what changed
/// since a version.
///
/// The lookup directory (`MRALookup`) reads the registry through this
/// protocol only: it holds what it reads in memory, answers from there, and
/// follows the registry by asking what changed since the version it holds.
/// The embedded default is SQLite (`SQLiteRegistryReader` in
/// `MRARegistrySQLite`); a shared server database implements the same
/// interface. A backend's duties are what the interface promises:
///
/// - Reading never blocks the writer of ``Registry`` nor waits for it, and
///   each call sees one committed state of the registry, never part of a
///   transaction.
/// - A ``Version`` names a committed state. Versions are only compared for
///   equality: when nothing was committed between two calls of
///   ``currentVersion()``, they return equal versions; a commit that inserts
///   or changes a member, appends a status event, or opens or closes a MID
///   link gives a new one (a commit that changes no member may too).
/// - ``changes(since:limit:)`` returns every member whose facts differ from
///   those at `version` (it may return more, never fewer) as of a state no
///   older than the ``currentVersion()`` read before it, with that state's version.
/// - Members are never removed (a withdrawal is a status); events and links
///   come in the order they were recorded and opened.
package protocol RegistryReader: Sendable {
    /// A committed state of the registry; what it holds is the backend's own.
    associatedtype Version: Sendable & Equatable

    /// The version of the last committed state. Cheap: it is asked every
    /// second while a lookup server runs, and most often nothing changed.
    func currentVersion() throws(RegistryError) -> Version

    /// How many members the registry holds, to reserve room before ``forEachMember(_:)``.
    func memberCount() throws(RegistryError) -> Int

    /// Calls `body` with every member's facts, in no particular order, all
    /// read from one committed state, and returns that state's version.
    func forEachMember(_ body: (MemberFacts) -> Void) throws(RegistryError) -> Version

    /// The members that changed since `version`, with the version they are
    /// read at; nil when more than `limit` changed (reading them all is then cheaper).
    func changes(since version: Version, limit: Int) throws(RegistryError) -> RegistryChanges<Version>?

    /// Members per program and status, as operators' metrics count them.
    func statusCounts() throws(RegistryError) -> [String: MemberStatusCounts]

    /// The ledger in figures: files per partner, direction and outcome, and the last success with each partner.
    func ledgerSummary() throws(RegistryError) -> LedgerSummary

    /// The page of ledger entries `query` asks for, newest first, and how many match in all.
    func ledgerEntries(matching query: LedgerQuery) throws(RegistryError) -> LedgerPage

    /// One ledger entry with everything it keeps (verification report, receipt), or nil when none has that id.
    func ledgerEntry(_ id: Int64) throws(RegistryError) -> LedgerEntry?

    /// The delivery attempts of an outbound entry, oldest first.
    func deliveryAttempts(entry: Int64) throws(RegistryError) -> [DeliveryAttempt]

    /// A signal at every commit that may have changed members, when the
    /// backend pushes them (PostgreSQL's LISTEN/NOTIFY); nil when the reader
    /// must be asked (SQLite). Signals may be missed (a dropped connection):
    /// whoever follows them also asks now and then.
    func commitSignals() -> AsyncStream<Void>?
}

extension RegistryReader {
    /// A backend that pushes nothing is followed by asking it.
    package func commitSignals() -> AsyncStream<Void>? { nil }
}
