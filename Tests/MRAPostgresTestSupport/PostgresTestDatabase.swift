import Foundation
import MRARegistry
package import MRARegistryPostgres
import PostgresNIO
package import Testing

/// A database of its own for one test, on the throwaway cluster
/// `scripts/postgres-cluster.sh` starts (`MRA_TEST_POSTGRES`, a superuser,
/// and `MRA_TEST_POSTGRES_PASSWORD`); dropped when the value goes away.
package final class PostgresTestDatabase: Sendable {
    /// The cluster, when the test script started one.
    package static let server: PostgresLocation? = {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["MRA_TEST_POSTGRES"] else { return nil }
        return try? PostgresLocation(url: url, password: environment["MRA_TEST_POSTGRES_PASSWORD"])
    }()

    /// The cluster's hot standby (`MRA_TEST_POSTGRES_STANDBY`), when the test script made one.
    package static let standby: PostgresLocation? = {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["MRA_TEST_POSTGRES_STANDBY"] else { return nil }
        return try? PostgresLocation(url: url, password: environment["MRA_TEST_POSTGRES_PASSWORD"])
    }()

    /// Whether the PostgreSQL cases can run; they are skipped, saying so, when not.
    package static var available: Bool { server != nil }
    package static let skipped: Comment =
        "no PostgreSQL here: scripts/test.sh starts a cluster on loopback (MRA_TEST_POSTGRES)"

    /// A tablespace on a small file system of its own (`MRA_TEST_POSTGRES_SMALL_TABLESPACE`), when the test
    /// script could mount one (as root): for the disk-full case.
    package static let smallTablespace = ProcessInfo.processInfo.environment["MRA_TEST_POSTGRES_SMALL_TABLESPACE"]
    package static let noSmallTablespace: Comment =
        "no small tablespace: scripts/postgres-cluster.sh mounts its file system as root only"

    package let location: PostgresLocation
    private let administration: PostgresLink

    /// A new database, in `tablespace` when one is named.
    package init(tablespace: String? = nil) throws {
        let server = try #require(Self.server, Self.skipped)
        administration = try PostgresLink(server)
        let name = "mra_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let placed = tablespace.map { " TABLESPACE \($0)" } ?? ""
        try administration.query(.init(unsafeSQL: "CREATE DATABASE \(name)\(placed)"))
        var location = server
        location.database = name
        self.location = location
    }

    deinit {
        _ = try? administration.query(.init(unsafeSQL: "DROP DATABASE IF EXISTS \(location.database) WITH (FORCE)"))
    }

    /// Commits what another instance's load of a partner's delta would: a ledger entry, the member's new status
    /// and its event, in one transaction.
    package static func commitStatus(
        _ status: String, event kind: String, of memberId: String, partner: String, through link: PostgresLink
    ) throws {
        try link.transaction {
            try link.query(
                """
                INSERT INTO ledger (direction, partner, fileName, digest, byteCount, receivedAt, processedAt, outcome,
                    filed) VALUES ('inbound', \(partner), 'delta.xml', 'ef', 1, '2026-12-06T00:00:00Z',
                    '2026-12-06T00:00:01Z', 'applied', true)
                """)
            try link.query("UPDATE member SET status = \(status) WHERE memberId = \(memberId)")
            try link.query(
                """
                INSERT INTO member_event (member, kind, effective, cause, ledgerId)
                SELECT m.id, \(kind), '2026-12-06', 'record', (SELECT max(id) FROM ledger)
                FROM member m WHERE m.memberId = \(memberId)
                """)
        }
    }
}
