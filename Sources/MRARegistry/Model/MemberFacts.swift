package import MRAGateway

/// What the registry holds about one member for a lookup, as a
/// ``RegistryReader`` gives it: the lookup fields of its current record,
/// its status history and its MID links (open and closed).
package struct MemberFacts: Sendable, Hashable {
    /// The current record, with the fields a lookup uses: program, member id
    /// and its scheme, legal name, status, roles, type, linked ids and consent.
    /// A reader leaves the others empty (address, status reason, dates: the
    /// dates a lookup answers from are those of ``events`` and ``links``).
    package var record: TraderRecord
    /// Events in the order they were recorded.
    package var events: [MemberEvent]
    /// Links in the order they were opened.
    package var links: [MIDLink]

    package init(record: TraderRecord, events: [MemberEvent], links: [MIDLink]) {
        self.record = record
        self.events = events
        self.links = links
    }
}
