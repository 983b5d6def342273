import MRARegistry
import MRARegistryPostgres
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
        #expect(try PostgresSchema.current(link) == PostgresSchema.version && PostgresSchema.version == 5)
        let rows = try link.query("SELECT version, name FROM registry_schema")
        #expect(rows.count == 1)
        let tables = try link.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name"
        ).map { try $0.decode(String.self) }
        #expect(
            tables == [
                "delivery_attempt", "ledger", "member", "member_event", "member_event_entry", "mid_link",
                "mid_link_entry", "registry_schema",
            ])
    }

    @Test func aSchemaANewerGatewayWroteIsRefusedAndLeftAsItWas() throws {
        let database = try PostgresTestDatabase()
        let link = try PostgresLink(database.location)
        try PostgresSchema.migrate(link)
        try link.query("INSERT INTO registry_schema (version, name) VALUES (99, 'v99: from the future')")
        let error = #expect(throws: RegistryError.self) { try PostgresSchema.migrate(link) }
        #expect(error?.code == .migration)
        #expect(
            error?.message.contains("was written by a newer gateway (schema version 99; this one knows up to 5)")
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
