import MRAGateway
import MRARegistry
import PostgresNIO

/// Every member with its status history and MID links, in `program`, `memberId` order by their UTF-8 bytes
/// (`COLLATE "C"`, whatever the database's collation), for `registry export` and the outbound lists: a
/// cursor over the members, a page at a time, with the events and links of that page's members.
enum PostgresMemberExport {
    /// Members read at once: bounds the memory an export takes.
    static let pageSize = 5_000

    static func run(
        _ link: PostgresLink, program: String?, changedSince: String?, _ body: (RegisteredMember) throws -> Void
    ) throws {
        var filters: [String] = []
        var bindings = PostgresBindings()
        if let program {
            bindings.append(program)
            filters.append("program = $\(bindings.count)")
        }
        if let changedSince {
            bindings.append(changedSince)
            filters.append("changedAt COLLATE \"C\" >= $\(bindings.count)")
        }
        let condition = filters.isEmpty ? "" : "WHERE " + filters.joined(separator: " AND ")
        try link.transaction {
            // One snapshot for the whole export, as the SQLite registry's read transaction gives.
            try link.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try link.query(
                PostgresQuery(
                    unsafeSQL: """
                        DECLARE members NO SCROLL CURSOR FOR
                        SELECT id, program, memberId, source, status, record, changedBy FROM member \(condition)
                        ORDER BY program COLLATE "C", memberId COLLATE "C"
                        """, binds: bindings))
            while true {
                let rows = try link.query(PostgresQuery(unsafeSQL: "FETCH \(pageSize) FROM members"))
                guard !rows.isEmpty else { break }
                try page(rows, link, body)
            }
        }
    }

    private static func page(
        _ rows: [PostgresRow], _ link: PostgresLink, _ body: (RegisteredMember) throws -> Void
    ) throws {
        var members: [(id: Int64, member: RegisteredMember)] = []
        members.reserveCapacity(rows.count)
        for row in rows {
            let (id, program, memberId, source, status, record, changedBy) = try link.decoding {
                try row.decode((Int64, String, String, String, String, String, String?).self)
            }
            members.append(
                (
                    id,
                    RegisteredMember(
                        program: program, memberId: memberId,
                        canonicalJSON: CanonicalJSON.withBatchId(record, changedBy),
                        source: source, status: MemberStatus(rawValue: status) ?? .active, history: [], links: [])
                ))
        }
        let history = try PostgresMemberFacts.history(link, ids: members.map(\.id))
        for (id, var member) in members {
            member.history = history.events[id] ?? []
            member.links = history.links[id] ?? []
            try body(member)
        }
    }
}
