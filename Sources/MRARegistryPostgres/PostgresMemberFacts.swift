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

    /// Every member's facts, a page at a time, in member id order.
    static func forEach(_ link: PostgresLink, _ body: (MemberFacts) -> Void) throws(RegistryError) {
        var after: Int64 = 0
        while true {
            let page = try facts(link, where: "m.id > $1 ORDER BY m.id LIMIT \(pageSize)", after)
            for facts in page.facts { body(facts) }
            guard page.facts.count == pageSize, let last = page.lastId else { return }
            after = last
        }
    }

    /// The facts of the members whose ids are `ids`.
    static func facts(_ link: PostgresLink, ids: [Int64]) throws(RegistryError) -> [MemberFacts] {
        try facts(link, where: "m.id = ANY($1) ORDER BY m.id", ids).facts
    }

    /// The members matching `condition` (on `m`, with `$1` bound to `value`), their events and links.
    private static func facts<Value: PostgresNonThrowingEncodable & Sendable>(
        _ link: PostgresLink, where condition: String, _ value: Value
    ) throws(RegistryError) -> (facts: [MemberFacts], lastId: Int64?) {
        var bindings = PostgresBindings()
        bindings.append(value)
        let members = try link.query(
            PostgresQuery(
                unsafeSQL: "SELECT \(memberColumns) FROM \(membersWithFields) WHERE \(condition)", binds: bindings))
        guard !members.isEmpty else { return ([], nil) }
        return try link.decoding {
            let decoded = try members.map(Self.member)
            var facts = decoded.map(\.facts)
            let ids = decoded.map(\.id)
            let history = try Self.history(link, ids: ids)
            for (index, id) in ids.enumerated() {
                facts[index].events = history.events[id] ?? []
                facts[index].links = history.links[id] ?? []
            }
            return (facts, ids.last)
        }
    }

    /// The status events (with their batch's partner and batch id) and the MID links of the members with
    /// ids `ids`, each member's in the order they were recorded.
    static func history(
        _ link: PostgresLink, ids: [Int64]
    ) throws(RegistryError) -> (events: [Int64: [MemberEvent]], links: [Int64: [MIDLink]]) {
        let eventRows = try link.query(
            """
            SELECT e.member, e.kind, e.effective, e.reason, e.cause, l.partner, l.batchId
            FROM member_event e JOIN ledger l ON l.id = e.ledgerId WHERE e.member = ANY(\(ids)) ORDER BY e.member, e.id
            """)
        let linkRows = try link.query(
            "SELECT member, mid, validFrom, validTo FROM mid_link WHERE member = ANY(\(ids)) ORDER BY member, id")
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

    /// A member row's id and facts (without events and links).
    private static func member(_ row: PostgresRow) throws -> (id: Int64, facts: MemberFacts) {
        let (id, program, memberId, status, scheme, legalName, authType, consent, roles, linked) = try row.decode(
            (Int64, String, String, String, String?, String?, String?, String?, String?, String?).self)
        let facts = MemberFacts(
            program: program, memberId: memberId, status: status, scheme: scheme, legalName: legalName,
            authType: authType, consent: consent.flatMap { $0 == "true" ? true : $0 == "false" ? false : nil },
            roles: roles, linkedIds: linked)
        return (id, facts)
    }
}
