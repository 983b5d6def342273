import Foundation
import MRAExchangeLink
import MRAGateway
import MRAPostgresTestSupport
import MRARegistry
import MRARegistryPostgres
import MRATestSupport
import NIOSSL
import PostgresNIO
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Several gateway instances on one PostgreSQL registry and one exchange root: a lease per partner keeps two
/// instances from loading the same partner at once; an instance killed at any moment holds nothing, applies
/// nothing twice, and what it left is finished by another.
@Suite(.enabled(if: PostgresTestDatabase.available, PostgresTestDatabase.skipped))
struct TwoInstanceTests {
    @Test func aPartnersLeaseHasOneHolderAndEndsWithIt() throws {
        let database = try PostgresTestDatabase()
        var first: PostgresRegistry? = try PostgresRegistry(database.location, instance: "instance-a")
        let second = try PostgresRegistry(database.location, instance: "instance-b")

        #expect(try first?.takeLease(on: "eu-aeo") == nil)
        #expect(try second.takeLease(on: "jp-aeo") == nil)
        let refused = try #require(try second.takeLease(on: "eu-aeo"))
        #expect(refused.partner == "eu-aeo" && refused.holder == "instance-a")
        #expect(refused.address == "127.0.0.1")
        #expect(
            try second.leases(on: ["ctpat", "eu-aeo", "jp-aeo"]).map { "\($0.partner) \($0.holder)" } == [
                "eu-aeo instance-a", "jp-aeo instance-b",
            ])

        try first?.releaseLease(on: "eu-aeo")
        #expect(try second.takeLease(on: "eu-aeo") == nil)
        try second.releaseLease(on: "eu-aeo")
        #expect(try first?.takeLease(on: "eu-aeo") == nil)
        // The holder's connection ends: the server ends its lease.
        first = nil
        var taken = false
        for _ in 0..<50 where !taken {
            taken = try second.takeLease(on: "eu-aeo") == nil
            if !taken { usleep(20_000) }
        }
        #expect(taken)
    }

    @Test func aRunLeavesAPartnerWhoseLeaseAnotherInstanceHoldsAndStatusNamesTheHolder() throws {
        let folders = try Fixture.exchangeRoot(.postgres)
        let registry = RegistryBackend.registry(of: folders.root)
        let environment = RegistryBackend.environment(registry: registry)
        for program in ["eu-aeo", "jp-aeo"] {
            let sample = try Fixture.sample(program)
            try Fixture.dropSigned(sample.bytes, by: program, as: sample.name, for: program, in: folders)
        }
        let holder = try PostgresRegistry(
            try PostgresLocation(url: registry, password: environment["MRA_REGISTRY_PASSWORD"]),
            instance: "mra-gateway@elsewhere:1")
        #expect(try holder.takeLease(on: "eu-aeo") == nil)

        let (_, status, _) = try GatewayCLI.run(
            ["exchange", "status", "--root", folders.root, "--registry", registry, "--home", Repository.root],
            environment: environment)
        #expect(status.contains("partner leases: \n  eu-aeo: mra-gateway@elsewhere:1 (127.0.0.1, connected "))
        let (ran, output, errors) = try GatewayCLI.run(
            ["exchange", "run", "--root", folders.root, "--registry", registry, "--home", Repository.root],
            environment: environment)
        #expect(ran == 0, "\(errors)")
        #expect(output.contains("left to the instance that holds its lease: eu-aeo: mra-gateway@elsewhere:1"))
        #expect(try DurableFiles.files(in: folders.inbox("eu-aeo")).count == 1)
        #expect(try DurableFiles.files(in: folders.inbox("jp-aeo")).isEmpty)

        try holder.releaseLease(on: "eu-aeo")
        let (againStatus, againOutput, againErrors) = try GatewayCLI.run(
            ["exchange", "run", "--root", folders.root, "--registry", registry, "--home", Repository.root],
            environment: environment)
        #expect(againStatus == 0 && againOutput.contains("1 file(s): 1 applied"), "\(againErrors)")
        #expect(try DurableFiles.files(in: folders.inbox("eu-aeo")).isEmpty)
    }

    @Test func deliveriesLeaveAPartnerWhoseLeaseAnotherInstanceHolds() async throws {
        let folders = try Fixture.exchangeRoot(.postgres)
        let registry = RegistryBackend.registry(of: folders.root)
        let holder = try PostgresRegistry(
            try PostgresLocation(
                url: registry, password: RegistryBackend.environment(registry: registry)["MRA_REGISTRY_PASSWORD"]),
            instance: "mra-gateway@elsewhere:1")
        #expect(try holder.takeLease(on: "eu-aeo") == nil)
        // No file waits and nothing listens at the address: only the lease decides what happens.
        let courier = Courier(
            setup: try Fixture.setup(folders),
            routes: ["eu-aeo": DeliveryRoute(url: "https://127.0.0.1:9", tls: .makeClientConfiguration())])
        let leased = await courier.deliver()
        #expect(leased.map(\.stopped?.code) == ["leased-elsewhere"])
        #expect(leased.first?.stopped?.message.contains("eu-aeo: mra-gateway@elsewhere:1") == true)
        try holder.releaseLease(on: "eu-aeo")
        let free = await courier.deliver()
        #expect(free.map(\.stopped) == [nil] && free.first?.delivered == [])
    }

    @Test func anInstanceKilledWhileItsStatementWaitsForALockLetsItsLeaseGoBeforeTheLockEnds() throws {
        let folders = try Fixture.exchangeRoot(.postgres)
        let (staged, _, stageErrors) = try GatewayCLI.run(
            ["exchange", "demo", "--root", folders.root, "--records", "100", "--home", Repository.root])
        #expect(staged == 0, "\(stageErrors)")
        _ = try Fixture.registry(folders)  // its schema, before the lock
        let dba = try Fixture.databaseLink(folders)
        try dba.query("BEGIN")
        try dba.query("LOCK TABLE member_event IN SHARE MODE")
        defer { _ = try? dba.query("ROLLBACK") }
        let process = try Fixture.startExchangeRun(folders)
        let watch = try Fixture.databaseLink(folders)
        let waiting = try Fixture.eventually(within: 30) {
            try !Fixture.gatewayBackends(on: watch, waitingForALock: true).isEmpty
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(waiting, "the run never waited for the lock")

        // The lock is still held: the killed instance's statement would wait on and keep its lease, but the
        // server finds its client gone.
        let gone = try Fixture.eventually(within: 10) { try Fixture.gatewayBackends(on: watch).isEmpty }
        #expect(gone, "the killed instance's connection still waits on the server")
        let leases = try watch.query(
            """
            SELECT count(*) FROM pg_locks
            WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """)
        #expect(try leases.first?.decode(Int.self) == 0)
    }

    /// The issue's crash test: a round of 25 files (every program's list, a duplicate, a tampered, an unsigned
    /// and an out-of-order file), two instances on it at once, one killed with SIGKILL at a random moment while
    /// the other works on, then one more run: the registry (`registry export`), the ledger and the filed files
    /// equal those of one uninterrupted instance.
    @Test func twoInstancesOneKilledAtRandomThenARerunEqualOneUninterruptedInstance() throws {
        let template = try Self.stagedRound()
        let single = try Self.copy(template)
        #expect(try Fixture.runExchange(single).status == 1)
        let expected = try Self.outcome(single)
        #expect(expected.ledger.count == 25)

        var generator = SystemRandomNumberGenerator()
        var killedMidRun = 0
        for round in 0..<5 {
            let folders = try Self.copy(template)
            let killed = try Fixture.startExchangeRun(folders)
            let survivorErrors = Pipe()
            let survivor = try Fixture.startExchangeRun(folders, errorsTo: survivorErrors)
            usleep(UInt32.random(in: 100_000...1_500_000, using: &generator))
            kill(killed.processIdentifier, SIGKILL)
            killed.waitUntilExit()
            if killed.terminationReason == .uncaughtSignal { killedMidRun += 1 }
            let survived = Fixture.finish(survivor, errors: survivorErrors)
            #expect(
                survivor.terminationReason == .exit && survived.status <= 1, "round \(round): \(survived.errors)")
            // The rerun comes once the killed instance's connections are gone, as a scheduler's next run would:
            // until the server has seen it die (within a second), it holds its lease.
            let watch = try Fixture.databaseLink(folders)
            let ended = try Fixture.eventually(within: 10) { try Fixture.gatewayBackends(on: watch).isEmpty }
            #expect(ended, "round \(round): the killed instance's connection is still open on the server")
            let rerun = try Fixture.runExchange(folders)
            #expect(rerun.status == 0 || rerun.status == 1, "round \(round): exit \(rerun.status), \(rerun.errors)")
            let outcome = try Self.outcome(folders)
            #expect(outcome.registry == expected.registry, "round \(round): the registry differs")
            #expect(outcome.ledger == expected.ledger, "round \(round)")
            #expect(outcome.files == expected.files, "round \(round)")
            try? FileManager.default.removeItem(atPath: folders.root)
            RegistryBackend.release(root: folders.root)
        }
        #expect(killedMidRun > 0, "no instance was killed before its run ended")
        print(
            "two instances on one PostgreSQL registry: one killed mid-run in \(killedMidRun) of 5 rounds; equal after a rerun"
        )
    }

    /// `exchange demo --with-problems` in a root of its own (files only: the registry comes with each copy).
    static func stagedRound() throws -> ExchangeFolders {
        let folders = try Fixture.exchangeRoot()
        let (status, _, errors) = try GatewayCLI.run(
            ["exchange", "demo", "--root", folders.root, "--with-problems", "--home", Repository.root])
        #expect(status == 0, "\(errors)")
        return folders
    }

    /// A copy of `template`'s files with a registry of its own on PostgreSQL.
    static func copy(_ template: ExchangeFolders) throws -> ExchangeFolders {
        let folders = try Fixture.exchangeRoot(.postgres)
        try FileManager.default.removeItem(atPath: folders.root)
        try FileManager.default.copyItem(atPath: template.root, toPath: folders.root)
        return folders
    }

    /// What must not depend on how the instances shared the work: the export, the ledger (in order of
    /// partner and file, without ids: the instances interleave), and the files (without their entry ids).
    static func outcome(_ folders: ExchangeFolders) throws -> CrashSafetyTests.Outcome {
        let ledger = try Fixture.registry(folders).ledger(limit: nil).map { entry in
            "\(entry.partner) \(entry.fileName) \(entry.outcome.rawValue) \(entry.reason ?? "-") \(entry.batchId ?? "-") \(entry.counts) filed=\(entry.filed)"
        }
        let files = Fixture.files(under: folders.root).filter { $0 != ".exchange.lock" }
        return CrashSafetyTests.Outcome(
            registry: try Fixture.export(folders), ledger: ledger.sorted(),
            files: files.map(CrashSafetyTests.withoutEntryId).sorted())
    }
}
