/// Identifiers to members, in memory: every member id, every linked id and
/// every MID of a link, to the members that carry them.
///
/// A candidate filter, never the truth: it only grows (between rebuilds), so
/// an id a record dropped still points at it; ``TraderDirectory`` reads the
/// member and keeps it only when it still carries the id.
struct IdentifierIndex {
    /// A member: its program (index into ``programs``) and member id.
    struct Member: Hashable {
        var program: UInt16
        var memberId: String
    }

    /// One member in the common case, more only for shared ids.
    private struct Entry {
        var first: Member
        var more: [Member]?
    }

    private var entries: [String: Entry] = [:]
    private(set) var programs: [String] = []
    private var programIndex: [String: UInt16] = [:]

    var count: Int { entries.count }

    mutating func reserve(_ capacity: Int) { entries.reserveCapacity(capacity) }

    /// Records that member `memberId` of `program` carries `id`.
    mutating func add(_ id: String, program: String, memberId: String) {
        let member = Member(program: number(program), memberId: memberId)
        if var entry = entries[id] {
            if entry.first == member || entry.more?.contains(member) == true { return }
            entry.more = (entry.more ?? []) + [member]
            entries[id] = entry
        } else {
            entries[id] = Entry(first: member, more: nil)
        }
    }

    /// The members that may carry `id`, as (program, member id).
    func members(_ id: String) -> [(program: String, memberId: String)] {
        guard let entry = entries[id] else { return [] }
        return ([entry.first] + (entry.more ?? [])).map { (programs[Int($0.program)], $0.memberId) }
    }

    private mutating func number(_ program: String) -> UInt16 {
        if let number = programIndex[program] { return number }
        let number = UInt16(programs.count)
        programs.append(program)
        programIndex[program] = number
        return number
    }
}
