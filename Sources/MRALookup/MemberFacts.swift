public import MRAGateway
public import MRARegistry

/// What the registry holds about one member: its current canonical record,
/// its status history and its MID links (open and closed).
public struct MemberFacts: Sendable {
    /// The current record, with the fields a lookup uses: member-id scheme,
    /// legal name, status, roles, type, linked ids, consent (no address or dates).
    public var record: TraderRecord
    /// Events in the order they were recorded.
    public var events: [MemberEvent]
    /// Links in the order they were opened.
    public var links: [MIDLink]

    public init(record: TraderRecord, events: [MemberEvent], links: [MIDLink]) {
        self.record = record
        self.events = events
        self.links = links
    }

    /// The scheme under which this member carries `id`, if it does: its
    /// member-id scheme, a linked id's scheme, or `MID` for a MID link.
    public func scheme(carrying id: String) -> String? {
        if record.memberId == id { return record.memberIdScheme }
        if let linked = record.linkedIds.first(where: { $0.value == id }) { return linked.scheme }
        if links.contains(where: { $0.mid == id }) { return "MID" }
        return nil
    }
}
