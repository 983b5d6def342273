import MRAGateway
import MRARegistry

/// A member's status on a day, from its status history.
struct StatusAsOf {
    var status: MemberStatus?
    var effective: String?
    var reason: String?

    /// The last status-changing event effective on or before `day` (recorded
    /// order breaks ties); `validated` events change nothing.
    init(events: [MemberEvent], day: String) {
        var chosen: MemberEvent?
        for event in events where event.kind != .validated && event.effective <= day {
            if let current = chosen, current.effective > event.effective { continue }
            chosen = event
        }
        guard let chosen else { return }
        switch chosen.kind {
        case .granted, .reinstated, .validated: status = .active
        case .suspended: status = .suspended
        case .revoked: status = .revoked
        case .withdrawn: status = .withdrawn
        }
        effective = chosen.effective
        reason = chosen.reason
    }
}
