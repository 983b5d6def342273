import Foundation
import MRARegistry
import MRARegistryPostgres
import MRARegistrySQLite
import MRAPostgresTestSupport
import MRATestSupport
import PostgresNIO
import Testing

/// `registry migrate` from the embedded SQLite registry into PostgreSQL
/// (identical by `registry export`), and the PostgreSQL reader: it answers
/// what the SQLite reader answers for the same registry, follows changes committed after it read, and serves
/// the lookup API.
@Suite(.enabled(if: PostgresTestDatabase.available, PostgresTestDatabase.skipped))
struct PostgresMigrationTests {
    /// A registry after a round of the exchange with problems (21 files applied, 4 quarantined, one requeued).
    static func exchangeRoot() async throws -> String {
        let root = NSTemporaryDirectory() + "mra-pg-" + UUID().uuidString
        for arguments in [
            ["exchange", "demo", "--root", root, "--with-problems"], ["exchange", "run", "--root", root],
            ["exchange", "requeue", "8", "--root", root, "--operator", "duty-officer"],
        ] {
            let run = try await ChildProcess.runDetached(
                GatewayCLI.executable, arguments + ["--home", Repository.root])
            #expect(run.status <= 1, "\(arguments): \(run.errors)")
        }
        return root
    }

    /// `registry migrate --from FILE --to URL`, the password in the environment.
    static func migrate(_ file: String, to location: PostgresLocation) async throws -> ChildProcess.Result {
        try await ChildProcess.runDetached(
            GatewayCLI.executable,
            ["registry", "migrate", "--from", file, "--to", location.description, "--home", Repository.root],
            environment: ["MRA_REGISTRY_PASSWORD": location.password ?? ""])
    }

    @Test func aMigratedRegistryReadsTheSameThroughBothBackends() async throws {
        let root = try await Self.exchangeRoot()
        let database = try PostgresTestDatabase()
        let migrated = try await Self.migrate(root + "/registry.sqlite", to: database.location)
        #expect(migrated.status == 0, "\(migrated.errors)")
        #expect(migrated.outputText.contains("ledger 25, member "), "\(migrated.outputText)")
        #expect(migrated.outputText.hasPrefix("copied \(root)/registry.sqlite into \(database.location): "))

        let sqlite = try SQLiteRegistryReader(path: root + "/registry.sqlite")
        let postgres = try PostgresRegistryReader(database.location)
        #expect(try postgres.memberCount() == sqlite.memberCount())
        var fromSQLite: [MemberFacts] = []
        var fromPostgres: [MemberFacts] = []
        _ = try sqlite.forEachMember { fromSQLite.append($0) }
        _ = try postgres.forEachMember { fromPostgres.append($0) }
        #expect(fromSQLite.count > 500)
        #expect(fromPostgres == fromSQLite)
        #expect(try postgres.statusCounts() == sqlite.statusCounts())
        #expect(try postgres.ledgerSummary() == sqlite.ledgerSummary())
        for query in [
            LedgerQuery(), LedgerQuery(partner: "eu-aeo"), LedgerQuery(outcome: .refused),
            LedgerQuery(direction: .outbound), LedgerQuery(quarantinedOnly: true), LedgerQuery(before: 10, limit: 3),
            LedgerQuery(from: "2000-01-01", through: "2999-12-31"), LedgerQuery(from: "2999-01-01"),
        ] {
            #expect(try postgres.ledgerEntries(matching: query) == sqlite.ledgerEntries(matching: query), "\(query)")
        }
        for id: Int64 in [1, 8, 25, 99] {
            #expect(try postgres.ledgerEntry(id) == sqlite.ledgerEntry(id), "ledger entry \(id)")
            #expect(try postgres.deliveryAttempts(entry: id) == sqlite.deliveryAttempts(entry: id))
        }
        #expect(try postgres.ledgerEntry(8)?.disposition?.by == "duty-officer")
        #expect(try postgres.ledgerEntry(8)?.receipt?.isEmpty == false)

        // `registry export` of the file and of the database: the same bytes.
        var exports: [String] = []
        for registry in [root + "/registry.sqlite", database.location.description] {
            let export = try await ChildProcess.runDetached(
                GatewayCLI.executable, ["registry", "export", "--registry", registry, "--home", Repository.root],
                environment: ["MRA_REGISTRY_PASSWORD": database.location.password ?? ""])
            #expect(export.status == 0, "\(export.errors)")
            exports.append(export.outputText)
        }
        #expect(exports[0].split(separator: "\n").count == fromSQLite.count)
        #expect(exports[1] == exports[0])
    }

    @Test func aMigrationIntoADatabaseThatHoldsARegistryIsRefusedAndChangesNothing() async throws {
        let root = try await Self.exchangeRoot()
        let database = try PostgresTestDatabase()
        #expect(try await Self.migrate(root + "/registry.sqlite", to: database.location).status == 0)
        let again = try await Self.migrate(root + "/registry.sqlite", to: database.location)
        #expect(again.status == 2)
        #expect(again.errors.contains("already holds a registry (25 ledger entries): migrate into an empty database"))
        #expect(try PostgresRegistryReader(database.location).ledgerEntries(matching: LedgerQuery()).total == 25)
        var wrong = database.location
        wrong.password = "wrong"
        let refused = try await Self.migrate(root + "/registry.sqlite", to: wrong)
        #expect(refused.status == 2 && refused.errors.contains("password authentication failed"))
        let inURL = try await ChildProcess.runDetached(
            GatewayCLI.executable,
            ["registry", "migrate", "--from", root + "/registry.sqlite", "--to", "postgres://mra:secret@127.0.0.1/x"])
        #expect(inURL.status == 2 && inURL.errors.contains("never on a command line"))
    }

    @Test func theReaderFollowsWhatIsCommittedAfterItRead() async throws {
        let root = try await Self.exchangeRoot()
        let database = try PostgresTestDatabase()
        #expect(try await Self.migrate(root + "/registry.sqlite", to: database.location).status == 0)
        let reader = try PostgresRegistryReader(database.location)
        let before = try reader.currentVersion()
        #expect(try reader.changes(since: before, limit: 10)?.members.isEmpty == true)
        // A suspension committed by another instance: a ledger entry and a status event for member 1.
        let writer = try PostgresLink(database.location)
        try writer.transaction {
            try writer.query(
                """
                INSERT INTO ledger (direction, partner, fileName, digest, byteCount, receivedAt, processedAt, outcome,
                    filed) VALUES ('inbound', 'eu-aeo', 'delta.xml', 'ab', 1, '2026-12-06T00:00:00Z',
                    '2026-12-06T00:00:01Z', 'applied', true)
                """)
            try writer.query(
                """
                INSERT INTO member_event (member, kind, effective, reason, cause, ledgerId)
                SELECT 1, 'suspended', '2026-12-06', 'test', 'record', max(id) FROM ledger
                """)
        }
        let after = try reader.currentVersion()
        #expect(after != before)
        let changes = try #require(try reader.changes(since: before, limit: 10))
        #expect(changes.version == after)
        let member = try #require(changes.members.first)
        #expect(changes.members.count == 1 && member.events.last?.kind == .suspended)
        #expect(try reader.changes(since: before, limit: 0) == nil, "more than the limit: read everything again")
    }

    @Test func theLookupServerAnswersFromPostgreSQLAsFromSQLite() async throws {
        let root = try await Self.exchangeRoot()
        let database = try PostgresTestDatabase()
        #expect(try await Self.migrate(root + "/registry.sqlite", to: database.location).status == 0)
        let onSQLite = try await GatewayServer(["--root", root])
        defer { onSQLite.process.stop() }
        let onPostgres = try await GatewayServer(
            ["--registry", database.location.description],
            environment: ["MRA_REGISTRY_PASSWORD": database.location.password ?? ""])
        defer { onPostgres.process.stop() }
        for path in [
            "/v1/traders/MXMANELE2047TIJ?at=2026-12-01", "/v1/traders/KRAEO2015005348?at=2026-12-01",
            "/v1/traders/ZZ0000?at=2026-12-01", "/console/ledger?partner=eu-aeo&format=json",
            "/console/members?q=JOGL076245&at=2026-12-01&format=json",
        ] {
            let expected = try await Curl.fetch(onSQLite.base + path)
            let answer = try await Curl.fetch(onPostgres.base + path)
            #expect(answer.status == 200 && answer.body == expected.body, "\(path)")
        }
    }

    @Test func anEmptyDatabaseIsNoRegistryUntilMigratedAndThenTheExchangeRunsOnIt() async throws {
        let root = try await Self.exchangeRoot()
        let database = try PostgresTestDatabase()
        let empty = #expect(throws: RegistryError.self) { try PostgresRegistryReader(database.location) }
        #expect(empty?.message.contains("holds no registry yet: fill it with `mra-gateway registry migrate") == true)
        let environment = [
            "MRA_REGISTRY_PASSWORD": database.location.password ?? "",
            "MRA_EXCHANGE_REGISTRY": database.location.description,
        ]
        let unfilled = try await ChildProcess.runDetached(
            GatewayCLI.executable, ["config", "check", "--home", Repository.root], environment: environment)
        #expect(unfilled.status != 0 && unfilled.outputText.contains("holds no registry yet"), "\(unfilled.outputText)")
        #expect(try await Self.migrate(root + "/registry.sqlite", to: database.location).status == 0)
        let check = try await ChildProcess.runDetached(
            GatewayCLI.executable, ["config", "check", "--home", Repository.root], environment: environment)
        #expect(check.outputText.contains("\(database.location) opens (schema version 6)"), "\(check.outputText)")
        let run = try await ChildProcess.runDetached(
            GatewayCLI.executable,
            [
                "exchange", "run", "--root", root, "--registry", database.location.description, "--home",
                Repository.root,
            ],
            environment: environment)
        // The requeued file is processed again (and quarantined again, exit 1): a 26th ledger entry.
        #expect(run.status == 1, "\(run.errors)")
        let status = try await ChildProcess.runDetached(
            GatewayCLI.executable,
            [
                "exchange", "status", "--root", root, "--registry", database.location.description, "--home",
                Repository.root,
            ],
            environment: environment)
        #expect(
            status.outputText.contains("ledger (26 entries):")
                && status.outputText.contains("partner leases: none held"))
    }

    @Test func aLookupServerLearnsOfCommitsByNotificationAndListensAgainAfterADrop() async throws {
        let root = try await Self.exchangeRoot()
        let database = try PostgresTestDatabase()
        #expect(try await Self.migrate(root + "/registry.sqlite", to: database.location).status == 0)
        // Asked only every ten minutes: an answer that changes within seconds came by notification.
        let server = try await GatewayServer(
            ["--registry", database.location.description, "--refresh", "600"],
            environment: ["MRA_REGISTRY_PASSWORD": database.location.password ?? ""])
        defer { server.process.stop() }
        let trader = server.base + "/v1/traders/KRAEO2015005348?at=2026-12-10"
        #expect(try await Curl.fetch(trader).body.contains(#""status":"active""#))
        // Another instance suspends the member: a ledger entry, the new status, its event, in one commit.
        let writer = try PostgresLink(database.location)
        try PostgresTestDatabase.commitStatus(
            "suspended", event: "suspended", of: "KRAEO2015005348", partner: "kr-aeo", through: writer)
        var answer = ""
        for _ in 0..<100 where !answer.contains(#""status":"suspended""#) {
            try await Task.sleep(for: .milliseconds(100))
            answer = try await Curl.fetch(trader).body
        }
        #expect(answer.contains(#""status":"suspended""#), "\(answer)")
        #expect(answer.contains(#""mraBenefits":false"#))

        // The listening connection dropped (a restart of the database, a network cut): it is opened again, and
        // what was committed meanwhile is read then.
        try writer.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()"
        )
        try PostgresTestDatabase.commitStatus(
            "active", event: "reinstated", of: "KRAEO2015005348", partner: "kr-aeo", through: writer)
        for _ in 0..<100 where !answer.contains(#""status":"active""#) {
            try await Task.sleep(for: .milliseconds(100))
            answer = try await Curl.fetch(trader).body
        }
        #expect(answer.contains(#""status":"active""#), "\(answer)")
        #expect(server.process.log.contains("the registry's notifications stopped"))
    }
}
