import Foundation
import MRARegistry
import MRARegistryPostgres
import MRAPostgresTestSupport
import MRATestSupport
import PostgresNIO
import Testing

/// A lookup server reading a hot standby: the streaming replica
/// `scripts/postgres-cluster.sh standby` makes of the test cluster with
/// pg_basebackup (`MRA_TEST_POSTGRES_STANDBY`). A standby takes no LISTEN,
/// so its readers follow the registry by asking every `--refresh` interval.
@Suite(
    .enabled(
        if: PostgresTestDatabase.standby != nil,
        "no hot standby here: scripts/test.sh starts one by pg_basebackup (MRA_TEST_POSTGRES_STANDBY)"))
struct PostgresStandbyTests {
    /// The database `primary` names, on the standby, once the standby has replayed `ledgerEntries` entries of it.
    static func replica(of primary: PostgresLocation, ledgerEntries: Int) async throws -> PostgresLocation {
        var replica = try #require(PostgresTestDatabase.standby)
        replica.database = primary.database
        for _ in 0..<150 {
            if let link = try? PostgresLink(replica), (try? PostgresSchema.current(link)) == PostgresSchema.version,
                let rows = try? link.query("SELECT count(*) FROM ledger"),
                (try? rows.first?.decode(Int.self)) == ledgerEntries
            {
                return replica
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("the standby did not replay \(primary.database) within 30 s")
        return replica
    }

    @Test func aLookupServerOnTheStandbyAnswersAsThePrimaryAndFollowsItsCommits() async throws {
        let root = try await PostgresMigrationTests.exchangeRoot()
        let database = try PostgresTestDatabase()
        #expect(try await PostgresMigrationTests.migrate(root + "/registry.sqlite", to: database.location).status == 0)
        let replica = try await Self.replica(of: database.location, ledgerEntries: 25)
        let reader = try PostgresRegistryReader(replica)
        #expect(reader.commitSignals() != nil)
        let password = ["MRA_REGISTRY_PASSWORD": database.location.password ?? ""]
        let onPrimary = try await GatewayServer(["--registry", database.location.description], environment: password)
        defer { onPrimary.process.stop() }
        let onStandby = try await GatewayServer(
            ["--registry", replica.description, "--refresh", "0.2"], environment: password)
        defer { onStandby.process.stop() }
        let trader = "/v1/traders/KRAEO2015005348?at=2026-12-10"
        let before = try await Curl.fetch(onStandby.base + trader)
        let fromPrimary = try await Curl.fetch(onPrimary.base + trader)
        #expect(before.status == 200 && before.body == fromPrimary.body)
        #expect(before.body.contains(#""status":"active""#))

        let writer = try PostgresLink(database.location)
        try PostgresTestDatabase.commitStatus(
            "suspended", event: "suspended", of: "KRAEO2015005348", partner: "kr-aeo", through: writer)
        var answer = ""
        for _ in 0..<150 where !answer.contains(#""status":"suspended""#) {
            try await Task.sleep(for: .milliseconds(200))
            answer = try await Curl.fetch(onStandby.base + trader).body
        }
        #expect(answer.contains(#""status":"suspended""#), "\(answer)")
        #expect(onStandby.process.log.contains("reading a hot standby, which sends no notifications"))
        // A standby is read only: the reader never writes, and a migration there fails and says why.
        let migration = #expect(throws: RegistryError.self) { try PostgresSchema.migrate(try PostgresLink(replica)) }
        #expect(migration?.message.contains("read-only transaction") == true, "\(migration?.message ?? "")")
    }
}
