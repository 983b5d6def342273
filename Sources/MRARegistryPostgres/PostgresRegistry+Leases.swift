import Foundation
package import MRARegistry
import PostgresNIO

/// Partner leases as PostgreSQL advisory locks of the registry's connection: taken with
/// `pg_try_advisory_lock(MRAG, hashtext(partner))`, and released by the server when the connection ends, so a
/// killed instance holds nothing. The holders are read from `pg_locks` and `pg_stat_activity`, where each
/// instance names itself (`application_name`). Advisory locks belong to a database, so registries in other
/// databases of the same server have leases of their own.
extension PostgresRegistry {
    /// The advisory locks' first key: "MRAG" in ASCII.
    static let leaseClass: Int32 = 0x4D52_4147

    /// This process as the registry's connections name it: `mra-gateway@HOST:PID`.
    package static var instanceName: String {
        "mra-gateway@\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }

    package func takeLease(on partner: String) throws(RegistryError) -> PartnerLease? {
        try serially { link in
            let rows = try link.query("SELECT pg_try_advisory_lock(\(Self.leaseClass), hashtext(\(partner)))")
            guard try !link.decoding({ try rows.first?.decode(Bool.self) ?? false }) else { return nil }
            // Held elsewhere; its holder may have let go since: then say so rather than nothing.
            return try Self.holders(of: [partner], link).first
                ?? PartnerLease(partner: partner, holder: "another instance, which has just released it")
        }
    }

    package func releaseLease(on partner: String) throws(RegistryError) {
        try serially { link in
            try link.query("SELECT pg_advisory_unlock(\(Self.leaseClass), hashtext(\(partner)))")
        }
    }

    package func leases(on partners: [String]) throws(RegistryError) -> [PartnerLease] {
        try serially { link in try Self.holders(of: partners, link) }
    }

    /// The leases of `partners` held now, in `partners`' order.
    private static func holders(of partners: [String], _ link: PostgresLink) throws(RegistryError) -> [PartnerLease] {
        let rows = try link.query(
            """
            SELECT p.partner, a.application_name, host(a.client_addr), to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS')
            FROM unnest(\(partners)::text[]) WITH ORDINALITY AS p(partner, position)
            JOIN pg_locks l ON l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                AND l.classid::bigint = \(Int64(leaseClass)) AND l.objid::bigint = hashtext(p.partner)::bigint & 4294967295
            JOIN pg_stat_activity a ON a.pid = l.pid
            ORDER BY p.position
            """)
        return try link.decoding {
            try rows.map { row in
                let (partner, holder, address, since) = try row.decode((String, String?, String?, String?).self)
                return PartnerLease(
                    partner: partner, holder: holder.flatMap { $0.isEmpty ? nil : $0 } ?? "an unnamed connection",
                    address: address, since: since)
            }
        }
    }
}
