import MRAGateway

/// A link between a member (a foreign program's member id, or a CTPAT
/// account) and a US Manufacturer ID, valid over a period.
///
/// The relation is many-to-many: a member may have several MIDs (one per
/// site) and a MID may be linked to members of several programs. A link
/// opens when a batch first carries the MID on the member's record and
/// closes when a later batch no longer does; it is never deleted.
package struct MIDLink: Hashable, Sendable, Encodable {
    package var mid: String
    /// First day the link held (the date of the batch that brought it).
    package var validFrom: String
    /// Day the link ended (the date of the batch that dropped it); nil while it holds.
    package var validTo: String?

    package init(mid: String, validFrom: String, validTo: String? = nil) {
        self.mid = mid
        self.validFrom = validFrom
        self.validTo = validTo
    }
}

/// `{"mid":…,"validFrom":…,"validTo":…}` (no `validTo` while the link holds),
/// its `Encodable` form: the registry export writes it.
extension MIDLink: JSONWritable {}
