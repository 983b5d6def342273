import MRAGateway
import MRARegistry

extension MemberFacts {
    /// The scheme under which this member carries `id`, if it does: its
    /// member-id scheme, a linked id's scheme, or `MID` for a MID link.
    func scheme(carrying id: String) -> String? {
        if record.memberId == id { return record.memberIdScheme }
        if let linked = record.linkedIds.first(where: { $0.value == id }) { return linked.scheme }
        if links.contains(where: { $0.mid == id }) { return "MID" }
        return nil
    }
}
