import MRAGateway
import MRARegistry

/// Everything a lookup reads about every member, in memory: the fields of
/// ``MemberFacts`` with repeated strings shared (schemes, types, roles,
/// dates, reasons, partners, batch ids), and the ``IdentifierIndex`` over
/// them. A lookup is then a hash probe and a few copies; no storage read.
struct MemberTable {
    private var members: [StoredMember] = []
    private var index = IdentifierIndex()
    private var strings = StringInterner()

    /// Number of identifiers indexed.
    var indexedIdentifiers: Int { index.count }
    /// Number of members held.
    var count: Int { members.count }

    mutating func reserve(members count: Int) {
        members.reserveCapacity(count)
        index.reserve(count * 5 / 2)
    }

    /// Puts `facts` in place of what the table held for that member (or adds it).
    mutating func upsert(_ facts: MemberFacts) {
        let stored = StoredMember(facts, strings: &strings)
        if let slot = slot(program: stored.program, memberId: stored.memberId) {
            members[Int(slot)] = stored
            indexIdentifiers(of: stored, slot: slot)
        } else {
            let slot = UInt32(members.count)
            members.append(stored)
            indexIdentifiers(of: stored, slot: slot)
        }
    }

    /// The members whose facts carry `id` (member id, linked id or MID).
    func members(carrying id: String) -> [MemberFacts] {
        var found: [MemberFacts] = []
        index.forEachSlot(id) { slot in
            let facts = members[Int(slot)].facts
            if facts.scheme(carrying: id) != nil { found.append(facts) }
        }
        return found
    }

    private func slot(program: String, memberId: String) -> UInt32? {
        var match: UInt32?
        index.forEachSlot(memberId) { slot in
            let member = members[Int(slot)]
            if match == nil && member.memberId == memberId && member.program == program { match = slot }
        }
        return match
    }

    private mutating func indexIdentifiers(of member: StoredMember, slot: UInt32) {
        index.add(member.memberId, slot: slot)
        for linked in member.linkedIds { index.add(linked.value, slot: slot) }
        for link in member.links { index.add(link.mid, slot: slot) }
    }
}

/// One member as ``MemberTable`` holds it: the lookup fields of its record,
/// its events and its links, strings shared through a ``StringInterner``.
struct StoredMember {
    var program: String
    var memberId: String
    var memberIdScheme: String
    var legalName: String
    var status: MemberStatus
    var authType: String?
    var consent: Bool?
    var roles: [String]
    var linkedIds: [LinkedID]
    var events: [MemberEvent]
    var links: [MIDLink]

    init(_ facts: MemberFacts, strings: inout StringInterner) {
        let record = facts.record
        program = strings.intern(record.program)
        memberId = record.memberId
        memberIdScheme = strings.intern(record.memberIdScheme)
        legalName = record.legalName
        status = record.status
        authType = record.authType.map { strings.intern($0) }
        consent = record.consent
        roles = strings.intern(record.roles)
        linkedIds = record.linkedIds.map { LinkedID(scheme: strings.intern($0.scheme), value: $0.value) }
        events = facts.events.map { Self.event($0, strings: &strings) }
        links = facts.links.map { Self.link($0, strings: &strings) }
    }

    static func event(_ event: MemberEvent, strings: inout StringInterner) -> MemberEvent {
        MemberEvent(
            kind: event.kind, effective: strings.intern(event.effective),
            reason: event.reason.map { strings.intern($0) },
            cause: event.cause, partner: strings.intern(event.partner),
            batchId: event.batchId.map { strings.intern($0) })
    }

    static func link(_ link: MIDLink, strings: inout StringInterner) -> MIDLink {
        MIDLink(
            mid: link.mid, validFrom: strings.intern(link.validFrom), validTo: link.validTo.map { strings.intern($0) })
    }

    /// The facts a lookup works on.
    var facts: MemberFacts {
        MemberFacts(
            record: TraderRecord(
                program: program, memberId: memberId, memberIdScheme: memberIdScheme, legalName: legalName,
                status: status, roles: roles, authType: authType, linkedIds: linkedIds, consent: consent),
            events: events, links: links)
    }
}

/// Shares the storage of equal strings (and string lists): a million
/// members carry a few dozen distinct schemes, dates and reasons.
struct StringInterner {
    private var strings: Set<String> = []
    private var lists: [[String]: [String]] = [:]

    mutating func intern(_ string: String) -> String {
        if let known = strings.firstIndex(of: string) { return strings[known] }
        strings.insert(string)
        return string
    }

    mutating func intern(_ list: [String]) -> [String] {
        if let known = lists[list] { return known }
        let interned = list.map { intern($0) }
        lists[interned] = interned
        return interned
    }
}
