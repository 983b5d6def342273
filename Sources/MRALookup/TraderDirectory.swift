import MRAGateway
import MRAPlumbing
package import MRARegistry
import Synchronization

/// The registry as lookups see it, answered from memory, fast enough to serve.
///
/// - The registry is read through a ``RegistryReader`` only (the SQLite
///   file, or another backend): what a lookup reads of every member (the
///   lookup fields of its record, its status history, its MID links) is
///   held in a ``MemberTable`` with an index of every identifier, so
///   answering reads no storage at all.
/// - ``refresh()`` brings the table up to date with what the registry
///   committed since: nothing to do when the reader's version is the one
///   the table is at; otherwise only the members that changed are read
///   again, or everything when most of them did.
package final class TraderDirectory: Sendable {
    private let reader: any RegistryReader
    private let state: Mutex<State>
    /// Held for the whole of a refresh, so that two refreshes never apply their reads out of order.
    private let refreshing = Mutex(())

    private struct State {
        var table = MemberTable()
        /// The reader's version the table is at; nil before the first load.
        var version: (any Sendable)?
    }

    /// Reads every member through `reader` and follows the registry through it.
    package init(reader: some RegistryReader) throws(LookupError) {
        self.reader = reader
        state = Mutex(State())
        try refresh()
    }

    /// Number of identifiers indexed.
    package var indexedIdentifiers: Int { state.withLock { $0.table.indexedIdentifiers } }

    /// Brings the table up to date with what the registry committed since
    /// the last call. Cheap when nothing changed (one version read); reads
    /// everything at the first call or when more than a quarter of the
    /// members (and more than a thousand) changed.
    package func refresh() throws(LookupError) {
        do {
            try refreshing.withLock { _ throws(RegistryError) in try refresh(reader) }
        } catch {
            throw LookupError(.registry, error.description)
        }
    }

    /// The members that carry `id` (as member id, linked id or MID),
    /// ordered by program and member id.
    package func members(carrying id: String) -> [MemberFacts] {
        Snapshot.ordered(state.withLock { $0.table.members(carrying: id) })
    }

    /// The registry's signal at every commit, when its backend pushes them (see ``RegistryReader/commitSignals()``).
    package func commitSignals() -> AsyncStream<Void>? { reader.commitSignals() }

    /// Asks the registry now, through its reader: the figures of the metrics, the console's ledger.
    package func read<T>(_ body: (any RegistryReader) throws(RegistryError) -> T) throws(LookupError) -> T {
        do { return try body(reader) } catch { throw LookupError(.registry, error.description) }
    }

    /// The table as it is now, read without the lock: every answer of a screening batch comes from one state of the
    /// registry, and the batch does not take the lock once per line.
    package func snapshot() -> Snapshot { Snapshot(table: state.withLock { $0.table }) }

    /// The members the directory held at one moment (a copy that shares the directory's storage until a refresh
    /// changes it).
    package struct Snapshot: Sendable {
        let table: MemberTable

        /// ``TraderDirectory/members(carrying:)`` as of the snapshot.
        package func members(carrying id: String) -> [MemberFacts] { Self.ordered(table.members(carrying: id)) }

        /// `members` by program and member id.
        static func ordered(_ members: [MemberFacts]) -> [MemberFacts] {
            guard members.count > 1 else { return members }
            return members.sorted {
                ($0.record.program, $0.record.memberId) < ($1.record.program, $1.record.memberId)
            }
        }
    }

    private func refresh<Reader: RegistryReader>(_ reader: Reader) throws(RegistryError) {
        let (version, count) = state.withLock { ($0.version as? Reader.Version, $0.table.count) }
        guard let version else { return try reload(reader) }
        guard try reader.currentVersion() != version else { return }
        guard let changes = try reader.changes(since: version, limit: max(1_000, count / 4)) else {
            return try reload(reader)
        }
        state.withLock { state in
            for member in changes.members { state.table.upsert(member) }
            state.version = changes.version
        }
    }

    /// Reads every member into a new table, then puts it in place of the old one.
    private func reload<Reader: RegistryReader>(_ reader: Reader) throws(RegistryError) {
        var table = MemberTable()
        table.reserve(members: try reader.memberCount())
        let version = try reader.forEachMember { table.upsert($0) }
        state.withLock { state in
            state.table = table
            state.version = version
        }
    }
}
