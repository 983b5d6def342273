import Foundation
import MRAGateway
import MRAPostgresTestSupport
import MRARegistry
import MRARegistryPostgres
import MRATestSupport
import PostgresNIO
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Faults of the database under a running exchange: each is a clear error and exit 2, nothing is half-applied,
/// and the file being loaded waits in the inbox for the next run.
@Suite(.enabled(if: PostgresTestDatabase.available, PostgresTestDatabase.skipped))
struct PostgresFaultTests {
    @Test func aConnectionDroppedMidTransactionAppliesNothingOfThatFileAndTheNextRunFinishes() throws {
        let folders = try Fixture.exchangeRoot(.postgres)
        // 21 lists of 1,000 generated members.
        let (staged, _, stageErrors) = try GatewayCLI.run(
            ["exchange", "demo", "--root", folders.root, "--records", "1000", "--home", Repository.root])
        #expect(staged == 0, "\(stageErrors)")

        // A DBA's lock on the member events keeps the first load waiting inside its transaction, after its
        // ledger entry and first members are written; the gateway's connection is ended there, as a DBA or a
        // failover would end it.
        let store = try Fixture.registry(folders)
        let dba = try Fixture.databaseLink(folders)
        try dba.query("BEGIN")
        try dba.query("LOCK TABLE member_event IN SHARE MODE")
        let errorsPipe = Pipe()
        let process = try Fixture.startExchangeRun(folders, errorsTo: errorsPipe)
        let watch = try Fixture.databaseLink(folders)
        let dropped = try Fixture.eventually(within: 30) {
            let waiting = try Fixture.gatewayBackends(on: watch, waitingForALock: true)
            for pid in waiting { try watch.query("SELECT pg_terminate_backend(\(pid))") }
            return !waiting.isEmpty
        }
        // Never leave the run waiting on the lock: dropped, it ends; else it goes on once the lock is let go.
        if !dropped { try dba.query("ROLLBACK") }
        let (status, errors) = Fixture.finish(process, errors: errorsPipe)
        if dropped { try dba.query("ROLLBACK") }
        #expect(dropped)
        #expect(status == 2, "\(errors)")
        // The server's message when postgres-nio passes it on, else that the connection closed unanswered.
        #expect(
            errors.contains("registry-storage")
                && (errors.contains("terminating connection")
                    || errors.contains("the connection to the database was closed")),
            "\(errors)")

        #expect(try Self.listsWaiting(folders, store) > 0)
        let next = try Fixture.runExchange(folders)
        #expect(next.status == 0, "\(next.errors)")
        try Self.expectEveryListApplied(store)
    }

    @Test(.enabled(if: PostgresTestDatabase.smallTablespace != nil, PostgresTestDatabase.noSmallTablespace))
    func aFullDiskOnTheDatabaseIsExit2WithItsReasonAndTheNextRunFinishesOnceSpaceIsFreed() throws {
        let tablespace = try #require(PostgresTestDatabase.smallTablespace)
        let folders = ExchangeFolders(root: NSTemporaryDirectory() + "mra-registry-tests-" + UUID().uuidString)
        RegistryBackend.assign(try PostgresTestDatabase(tablespace: tablespace), to: folders.root)
        let (staged, _, stageErrors) = try GatewayCLI.run(
            ["exchange", "demo", "--root", folders.root, "--records", "1000", "--home", Repository.root])
        #expect(staged == 0, "\(stageErrors)")

        // A DBA's table takes all but about 8 MB of the tablespace's file system: a few lists fit (the 21 take
        // about 23 MB), then the disk is full.
        let store = try Fixture.registry(folders)
        let dba = try Fixture.databaseLink(folders)
        let place = try dba.query("SELECT pg_tablespace_location(oid) FROM pg_tablespace WHERE spcname = \(tablespace)")
        var fileSystem = statvfs()
        #expect(statvfs(try #require(try place.first?.decode(String.self)), &fileSystem) == 0)
        let free = Int(fileSystem.f_bavail) * Int(fileSystem.f_frsize)
        try dba.query("CREATE TABLE ballast (filler text)")
        try dba.query("ALTER TABLE ballast ALTER filler SET STORAGE PLAIN")  // 4 rows a page, uncompressed
        try dba.query(
            "INSERT INTO ballast SELECT repeat('x', 1800) FROM generate_series(1, \((free - (8 << 20)) / 2_048))")

        let (status, errors) = try Fixture.runExchange(folders)
        #expect(status == 2, "\(errors)")
        #expect(errors.contains("registry-storage") && errors.contains("No space left on device"), "\(errors)")
        #expect(try Self.listsWaiting(folders, store) > 0)

        try dba.query("DROP TABLE ballast")
        let next = try Fixture.runExchange(folders)
        #expect(next.status == 0, "\(next.errors)")
        try Self.expectEveryListApplied(store)
    }

    /// How many partners' lists wait in their inbox, checking that every partner is either applied whole (and
    /// filed) or untouched with its list in the inbox.
    static func listsWaiting(_ folders: ExchangeFolders, _ store: any Registry) throws -> Int {
        let counts = try store.memberCounts()
        let applied = try store.ledger(limit: nil).filter { $0.outcome == .applied }
        var waiting = 0
        for program in Fixture.programs {
            let inbox = try DurableFiles.files(in: folders.inbox(program))
            if let entry = applied.first(where: { $0.partner == program }) {
                #expect(inbox.isEmpty && entry.filed, "\(program)")
                #expect(counts[program] == entry.counts.inserted, "\(program)")
            } else {
                #expect(inbox.count == 1 && counts[program] == nil, "\(program): \(inbox), \(counts[program] ?? 0)")
                waiting += 1
            }
        }
        return waiting
    }

    /// The 21 lists of 1,000 members `exchange demo --records 1000` stages, all applied and filed.
    static func expectEveryListApplied(_ store: any Registry) throws {
        #expect(try store.memberCounts().values.reduce(0, +) == 21 * 1_000)
        #expect(try store.ledger(limit: nil).allSatisfy { $0.outcome == .applied && $0.filed })
    }
}
