import Foundation
import MRARegistry
import MRARegistryPostgres
import MRATestSupport
import MRAPostgresTestSupport
import PostgresNIO
import Testing

/// The PostgreSQL registry's schema: made once at the SQLite registry's
/// version, left alone when current, refused when newer; and the faults an
/// operator meets first (a wrong password, no server), each a clear error.
@Suite(.enabled(if: PostgresTestDatabase.available, PostgresTestDatabase.skipped))
struct PostgresSchemaTests {
    @Test func aNewDatabaseGetsTheSchemaOnceAndAgainLeavesItAlone() throws {
        let database = try PostgresTestDatabase()
        let link = try PostgresLink(database.location)
        try PostgresSchema.migrate(link)
        try PostgresSchema.migrate(link)
        #expect(try PostgresSchema.current(link) == PostgresSchema.version && PostgresSchema.version == 6)
        let rows = try link.query("SELECT version FROM registry_schema ORDER BY version")
        #expect(try rows.map { try $0.decode(Int.self) } == [5, 6])
        let tables = try link.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name"
        ).map { try $0.decode(String.self) }
        #expect(
            tables == [
                "delivery_attempt", "ledger", "member", "member_event", "member_event_entry", "mid_link",
                "mid_link_entry", "registry_schema",
            ])
    }

    /// The ledger is append-only, and a row must refer to an entry of it (checked a statement at a time, as
    /// the foreign keys it replaced did row by row): neither is left to the code that writes.
    @Test func theLedgerIsAppendOnlyAndRowsReferToEntriesOfIt() throws {
        let database = try PostgresTestDatabase()
        _ = try PostgresRegistry(database.location)
        let link = try PostgresLink(database.location)
        try link.query(
            """
            INSERT INTO ledger (direction, partner, fileName, digest, byteCount, receivedAt, processedAt, outcome)
            VALUES ('inbound', 'eu-aeo', 'one.xml', 'd1', 10, 't', 't', 'applied')
            """)
        for statement: PostgresQuery in ["DELETE FROM ledger", "TRUNCATE ledger CASCADE"] {
            let refused = #expect(throws: RegistryError.self) { try link.query(statement) }
            #expect(refused?.message.contains("the ledger is append-only") == true, "\(statement)")
        }
        let member = """
            INSERT INTO member (program, memberId, source, status, record, changedAt, seenIn)
            VALUES ('eu-aeo', 'A1', 'eu-aeo', 'active', '{}', 't',
            """
        let dangling = #expect(throws: RegistryError.self) {
            try link.query(PostgresQuery(unsafeSQL: member + " 99)"))
        }
        #expect(dangling?.message.contains("(SQLSTATE 23503)") == true)
        try link.query(PostgresQuery(unsafeSQL: member + " 1)"))
        for statement: PostgresQuery in [
            "UPDATE member SET seenIn = 99",
            "INSERT INTO member_event (member, kind, effective, cause, ledgerId) SELECT id, 'granted', 'd', 'record', 7 FROM member",
            "INSERT INTO mid_link (member, mid, validFrom, openedBy, closedBy) SELECT id, 'M', 'd', 1, 8 FROM member",
        ] {
            let refused = #expect(throws: RegistryError.self) { try link.query(statement) }
            #expect(refused?.message.contains("refers to a ledger entry that does not exist") == true, "\(statement)")
        }
        let counts = try link.query("SELECT (SELECT count(*) FROM ledger), (SELECT count(*) FROM member_event)")
        let (entries, events) = try #require(try counts.first?.decode((Int, Int).self))
        #expect(entries == 1 && events == 0)
    }

    /// TLS to the database when the URL asks: verified against the given root and the server's name, or only
    /// encrypted (`require`); a server whose certificate the root did not sign is refused, saying so.
    @Test func tlsWhenTheURLAsksVerifiedAgainstItsRoot() throws {
        let server = try #require(PostgresTestDatabase.server)
        let root = try #require(ProcessInfo.processInfo.environment["MRA_TEST_POSTGRES_CA"])
        for query in ["sslmode=verify-full&sslrootcert=\(root)", "sslmode=require"] {
            let location = try PostgresLocation(url: server.description + "?" + query, password: server.password)
            let rows = try PostgresLink(location).query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            #expect(try rows.first?.decode(Bool.self) == true, "\(query)")
        }
        let other = Repository.root + "/Certs/ctpat/demo/chain.pem"
        let stranger = try PostgresLocation(
            url: server.description + "?sslmode=verify-full&sslrootcert=\(other)", password: server.password)
        let refused = #expect(throws: RegistryError.self) { try PostgresLink(stranger) }
        #expect(refused?.code == .unavailable)
        #expect(refused?.message.localizedCaseInsensitiveContains("certificate") == true, "\(refused?.message ?? "")")
    }

    @Test func aSchemaANewerGatewayWroteIsRefusedAndLeftAsItWas() throws {
        let database = try PostgresTestDatabase()
        let link = try PostgresLink(database.location)
        try PostgresSchema.migrate(link)
        try link.query("INSERT INTO registry_schema (version, name) VALUES (99, 'v99: from the future')")
        let error = #expect(throws: RegistryError.self) { try PostgresSchema.migrate(link) }
        #expect(error?.code == .migration)
        #expect(
            error?.message.contains("was written by a newer gateway (schema version 99; this one knows up to 6)")
                == true)
        #expect(try PostgresSchema.current(link) == 99)
    }

    @Test func twoInstancesMigratingAtOnceMakeTheSchemaOnce() async throws {
        let database = try PostgresTestDatabase()
        let location = database.location
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask { try PostgresSchema.migrate(try PostgresLink(location)) }
            }
            try await group.waitForAll()
        }
        #expect(try PostgresSchema.current(try PostgresLink(location)) == PostgresSchema.version)
    }

    @Test func aWrongPasswordIsAClearErrorWithoutThePassword() throws {
        var location = try #require(PostgresTestDatabase.server)
        location.password = "not-the-password-42"
        let error = #expect(throws: RegistryError.self) { try PostgresLink(location) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("password authentication failed for user \"mra\" (SQLSTATE 28P01)") == true)
        #expect(error?.message.contains("not-the-password-42") == false)
    }

    @Test func noServerAtTheAddressIsAClearError() throws {
        var location = try #require(PostgresTestDatabase.server)
        location.port = 1
        let error = #expect(throws: RegistryError.self) { try PostgresLink(location) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.hasPrefix("postgres://mra@127.0.0.1:1/postgres: ") == true)
    }
}
