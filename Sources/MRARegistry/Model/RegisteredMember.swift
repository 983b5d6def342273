package import MRAGateway

/// A member as the registry holds it: the current canonical record, where it
/// came from, its status history and its MID links.
package struct RegisteredMember: Sendable {
    package var program: String
    package var memberId: String
    /// The current record as one canonical JSON line (docs/canonical-record.md);
    /// its `batchId` is the partner batch that last changed it.
    package var canonicalJSON: String
    /// The partner program whose batches supply this member.
    package var source: String
    package var status: MemberStatus
    /// Oldest first.
    package var history: [MemberEvent]
    /// In the order they were opened.
    package var links: [MIDLink]

    package init(
        program: String, memberId: String, canonicalJSON: String, source: String, status: MemberStatus,
        history: [MemberEvent], links: [MIDLink]
    ) {
        self.program = program
        self.memberId = memberId
        self.canonicalJSON = canonicalJSON
        self.source = source
        self.status = status
        self.history = history
        self.links = links
    }

    /// The current record, decoded from its canonical JSON.
    package func record() throws(RegistryError) -> TraderRecord {
        try CanonicalJSON.decode(canonicalJSON)
    }
}
