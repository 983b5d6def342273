/// What a ``RegistryReader`` found changed since a version: the facts of
/// each member that changed, as of ``version``.
package struct RegistryChanges<Version: Sendable & Equatable>: Sendable {
    /// The state the members were read at.
    package var version: Version
    /// The changed members (new ones included), each once, in no particular order.
    package var members: [MemberFacts]

    package init(version: Version, members: [MemberFacts]) {
        self.version = version
        self.members = members
    }
}
