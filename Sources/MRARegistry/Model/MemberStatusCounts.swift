package import MRAGateway

/// A program's members by status: who is a member now (active or
/// suspended) and who is no longer (revoked, withdrawn).
package struct MemberStatusCounts: Hashable, Sendable {
    package var active = 0
    package var suspended = 0
    package var revoked = 0
    package var withdrawn = 0

    package init(active: Int = 0, suspended: Int = 0, revoked: Int = 0, withdrawn: Int = 0) {
        self.active = active
        self.suspended = suspended
        self.revoked = revoked
        self.withdrawn = withdrawn
    }

    /// Current members: active or suspended (a suspended member is still a member, without its benefits).
    package var members: Int { active + suspended }

    /// The members of `status`.
    package subscript(status: MemberStatus) -> Int {
        switch status {
        case .active: active
        case .suspended: suspended
        case .revoked: revoked
        case .withdrawn: withdrawn
        }
    }

    /// Adds `count` members of `status`.
    package mutating func add(_ count: Int, _ status: MemberStatus) {
        switch status {
        case .active: active += count
        case .suspended: suspended += count
        case .revoked: revoked += count
        case .withdrawn: withdrawn += count
        }
    }
}
