import MRARegistry
import MRARegistryPostgres
import Testing

/// `--registry postgres://…` as an operator writes it: the parts, TLS by
/// default beyond loopback, and never a password in the URL.
@Suite struct PostgresLocationTests {
    @Test func aURLGivesUserHostPortDatabaseAndTLS() throws {
        let local = try PostgresLocation(url: "postgres://mra@127.0.0.1:5433/registry", password: "s")
        #expect(local.user == "mra" && local.host == "127.0.0.1" && local.port == 5433 && local.database == "registry")
        #expect(local.tls == .disable && local.password == "s")
        #expect(local.description == "postgres://mra@127.0.0.1:5433/registry")
        let remote = try PostgresLocation(url: "postgresql://gateway@db.customs.example/mra", password: nil)
        #expect(remote.port == 5432 && remote.tls == .verifyFull)
        let pinned = try PostgresLocation(
            url: "postgres://gateway@db.customs.example/mra?sslmode=verify-full&sslrootcert=/etc/mra-gateway/db-ca.pem",
            password: nil)
        #expect(pinned.rootCertificates == "/etc/mra-gateway/db-ca.pem")
        #expect(try PostgresLocation(url: "postgres://g@db/mra?sslmode=require", password: nil).tls == .require)
    }

    @Test(arguments: [
        ("postgres://mra:secret@127.0.0.1/registry", "never on a command line"),
        ("postgres://127.0.0.1/registry", "name the database user"),
        ("postgres://mra@127.0.0.1/", "name one database"),
        ("postgres://mra@127.0.0.1/registry?sslmode=maybe", "sslmode is disable, require or verify-full"),
        ("postgres://mra@127.0.0.1/registry?timeout=3", "unknown parameter timeout"),
        ("/var/lib/mra-gateway/registry.sqlite", "is not a PostgreSQL registry URL"),
    ])
    func aURLItCannotUseIsRefusedSayingWhy(url: String, message: String) {
        let error = #expect(throws: RegistryError.self) { try PostgresLocation(url: url, password: nil) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("secret") == false)
    }
}
