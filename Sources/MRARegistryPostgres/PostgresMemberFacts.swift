import MRAGateway
import MRARegistry
import PostgresNIO

/// How ``PostgresRegistryReader`` reads ``MemberFacts``: the lookup fields
/// of `member.record` taken apart by PostgreSQL's JSON functions, events
/// with their batch's partner and batch id, links; a page of members at a
/// time (by id), with the events and links of that page's members.
enum PostgresMemberFacts {
    /// Members read at once: bounds the memory a full read takes.
    static let pageSize = 10_000

    /// Members per program and status.
    static func statusCounts(_ link: PostgresLink) throws(RegistryError) -> [String: MemberStatusCounts] {
        var counts: [String: MemberStatusCounts] = [:]
        let rows = try link.query("SELECT program, status, count(*) FROM member GROUP BY program, status")
        for row in rows {
            let (program, status, count) = try link.decoding { try row.decode((String, String, Int).self) }
            counts[program, default: MemberStatusCounts()].add(count, MemberStatus(rawValue: status) ?? .active)
        }
        return counts
    }

    /// Every member's facts, a page at a time, in member id order. The next page is asked for before this one
    /// is decoded and handed to `body`, so the server reads it meanwhile; the connection answers in order, so
    /// this page's history is asked for first.
    static func forEach(_ link: PostgresLink, _ body: (MemberFacts) -> Void) throws(RegistryError) {
        var next: PostgresLink.PendingRows? = try link.ask(page(after: 0))
        while let pending = next {
            let rows = try link.rows(of: pending)
            let ids = try Self.ids(of: rows, link)
            guard let last = ids.last else { return }
            let history = try askHistory(link, ids: ids)
            next = rows.count == pageSize ? try link.ask(page(after: last)) : nil
            for facts in try facts(link, rows, ids: ids, history: try Self.history(link, history)) { body(facts) }
        }
    }

    /// The facts of the members whose ids are `ids`.
    static func facts(_ link: PostgresLink, ids: [Int64]) throws(RegistryError) -> [MemberFacts] {
        let rows = try link.query(members(where: "m.id = ANY($1) ORDER BY m.id", ids))
        let found = try Self.ids(of: rows, link)
        guard !found.isEmpty else { return [] }
        return try facts(link, rows, ids: found, history: try history(link, askHistory(link, ids: found)))
    }

    /// The ids of the member rows `rows` (their first column).
    private static func ids(of rows: [PostgresRow], _ link: PostgresLink) throws(RegistryError) -> [Int64] {
        try link.decoding { try rows.map { try $0.makeRandomAccess()[0].decode(Int64.self) } }
    }

    /// The `pageSize` members after the member id `after`.
    private static func page(after: Int64) -> PostgresQuery {
        members(where: "m.id > $1 ORDER BY m.id LIMIT \(pageSize)", after)
    }

    /// The members matching `condition` (on `m`, with `$1` bound to `value`): columns ``memberColumns``.
    private static func members<Value: PostgresNonThrowingEncodable & Sendable>(
        where condition: String, _ value: Value
    ) -> PostgresQuery {
        var bindings = PostgresBindings()
        bindings.append(value)
        return PostgresQuery(
            unsafeSQL: "SELECT \(memberColumns) FROM \(membersWithFields) WHERE \(condition)", binds: bindings)
    }

    /// The facts of the member rows `rows`, whose ids are `ids`, with their events and links.
    private static func facts(
        _ link: PostgresLink, _ rows: [PostgresRow], ids: [Int64],
        history: (events: [Int64: [MemberEvent]], links: [Int64: [MIDLink]])
    ) throws(RegistryError) -> [MemberFacts] {
        try link.decoding {
            try zip(rows, ids).map { row, id in
                var facts = try Self.member(row)
                facts.events = history.events[id] ?? []
                facts.links = history.links[id] ?? []
                return facts
            }
        }
    }

    /// The history queries of the members with ids `ids`, asked and not yet answered.
    private struct HistoryAsked {
        let events: PostgresLink.PendingRows
        let links: PostgresLink.PendingRows
    }

    /// Asks for the status events (with their batch's partner and batch id) and the MID links of the members
    /// with ids `ids`, each member's in the order they were recorded.
    private static func askHistory(_ link: PostgresLink, ids: [Int64]) throws(RegistryError) -> HistoryAsked {
        HistoryAsked(
            events: try link.ask(
                """
                SELECT e.member, e.kind, e.effective, e.reason, e.cause, l.partner, l.batchId
                FROM member_event e JOIN ledger l ON l.id = e.ledgerId WHERE e.member = ANY(\(ids))
                ORDER BY e.member, e.id
                """),
            links: try link.ask(
                "SELECT member, mid, validFrom, validTo FROM mid_link WHERE member = ANY(\(ids)) ORDER BY member, id"))
    }

    /// The events and links of the members with ids `ids`, each member's in the order they were recorded.
    static func history(
        _ link: PostgresLink, ids: [Int64]
    ) throws(RegistryError) -> (events: [Int64: [MemberEvent]], links: [Int64: [MIDLink]]) {
        try history(link, askHistory(link, ids: ids))
    }

    /// The answers to the history queries `asked`, by member id.
    private static func history(
        _ link: PostgresLink, _ asked: HistoryAsked
    ) throws(RegistryError) -> (events: [Int64: [MemberEvent]], links: [Int64: [MIDLink]]) {
        let eventRows = try link.rows(of: asked.events)
        let linkRows = try link.rows(of: asked.links)
        return try link.decoding {
            var events: [Int64: [MemberEvent]] = [:]
            for row in eventRows {
                let (member, kind, effective, reason, cause, partner, batchId) = try row.decode(
                    (Int64, String, String, String?, String, String, String?).self)
                guard let kind = MemberEvent.Kind(rawValue: kind) else { continue }
                events[member, default: []].append(
                    MemberEvent(
                        kind: kind, effective: effective, reason: reason,
                        cause: MemberEvent.Cause(rawValue: cause) ?? .record, partner: partner, batchId: batchId))
            }
            var links: [Int64: [MIDLink]] = [:]
            for row in linkRows {
                let (member, mid, validFrom, validTo) = try row.decode((Int64, String, String, String?).self)
                links[member, default: []].append(MIDLink(mid: mid, validFrom: validFrom, validTo: validTo))
            }
            return (events, links)
        }
    }

    /// Each member `m` beside its record's lookup fields `r`. `jsonb_to_record` parses the record once a
    /// row; a `::jsonb` cast in each field's expression parsed it once a field (for 100k members in psql,
    /// 0.9 s against 3.3 s).
    private static let membersWithFields = """
        member m CROSS JOIN LATERAL jsonb_to_record(m.record::jsonb) AS r("memberIdScheme" text, "legalName" text,
            "authType" text, consent text, roles jsonb, "linkedIds" jsonb)
        """

    /// Columns 0–9 of a member row: id, program, member id, status, then the
    /// record's lookup fields. Lists come as text joined by unit separators
    /// (31), a linked id's scheme and value by a record separator (30).
    private static let memberColumns = """
        m.id, m.program, m.memberId, m.status, r."memberIdScheme", r."legalName", r."authType", r.consent,
        (SELECT string_agg(value, chr(31)) FROM jsonb_array_elements_text(r.roles)),
        (SELECT string_agg((v ->> 'scheme') || chr(30) || (v ->> 'value'), chr(31))
            FROM jsonb_array_elements(r."linkedIds") v)
        """

    /// A member row's facts (without events and links).
    private static func member(_ row: PostgresRow) throws -> MemberFacts {
        let (_, program, memberId, status, scheme, legalName, authType, consent, roles, linked) = try row.decode(
            (Int64, String, String, String, String?, String?, String?, String?, String?, String?).self)
        let facts = MemberFacts(
            program: program, memberId: memberId, status: status, scheme: scheme, legalName: legalName,
            authType: authType, consent: consent.flatMap { $0 == "true" ? true : $0 == "false" ? false : nil },
            roles: roles, linkedIds: linked)
        return facts
    }
}
