/// What a ``RegistryReader`` found changed since a version: the facts of
/// each member that changed, as of ``version``.
public struct RegistryChanges<Version: Sendable & Equatable>: Sendable {
    /// The state the members were read at.
    public var version: Version
    /// The changed members (new ones included), each once, in no particular order.
    public var members: [MemberFacts]

    public init(version: Version, members: [MemberFacts]) {
        self.version = version
        self.members = members
    }
}
