/// Identifiers to member slots of a ``MemberTable``: every member id,
/// every linked id and every MID of a link, to the members that carry them.
///
/// A candidate filter, never the truth: it only grows (between rebuilds), so
/// an id a record dropped still points at it; ``MemberTable`` keeps a member
/// only when its facts still carry the id.
struct IdentifierIndex {
    /// One member in the common case, more only for shared ids.
    private struct Entry {
        var first: UInt32
        var more: [UInt32]?
    }

    private var entries: [String: Entry] = [:]

    var count: Int { entries.count }

    mutating func reserve(_ capacity: Int) { entries.reserveCapacity(capacity) }

    /// Records that the member in `slot` carries `id`.
    mutating func add(_ id: String, slot: UInt32) {
        if var entry = entries[id] {
            if entry.first == slot || entry.more?.contains(slot) == true { return }
            entry.more = (entry.more ?? []) + [slot]
            entries[id] = entry
        } else {
            entries[id] = Entry(first: slot, more: nil)
        }
    }

    /// Calls `body` with each slot that may carry `id`.
    func forEachSlot(_ id: String, _ body: (UInt32) -> Void) {
        guard let entry = entries[id] else { return }
        body(entry.first)
        entry.more?.forEach(body)
    }
}
