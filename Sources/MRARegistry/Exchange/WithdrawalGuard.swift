/// The guard against a full list that would withdraw too many of a
/// partner's members at once (a truncated export, the wrong file): such a
/// list is not applied but quarantined (`mass-withdrawal`) until an
/// operator releases it (`exchange release ENTRY`).
///
/// A full list withdraws the members the partner supplies that it no longer
/// carries. The share is those of them that are current members (active or
/// suspended) over the partner's current members before the list; a list
/// into a registry that holds none of the partner's members never trips it.
package struct WithdrawalGuard: Hashable, Sendable {
    /// The largest share of current members a full list may withdraw (0…1): more is refused.
    package var maxShare: Double

    /// The share when neither `partner.xml` nor `exchange run` sets one: 20%.
    package static let defaultMaxShare = 0.2

    package init(maxShare: Double = Self.defaultMaxShare) {
        self.maxShare = maxShare
    }

    /// Why a list that would withdraw `absent` of the partner's `members`
    /// current members may not be applied; nil when it may.
    func refusal(withdrawing absent: Int, of members: Int) -> String? {
        guard members > 0, Double(absent) > maxShare * Double(members) else { return nil }
        return
            "the full list would withdraw \(absent) of the partner's \(members) current members (\(Self.percent(Double(absent) / Double(members)))), more than the \(Self.percent(maxShare)) allowed; nothing was applied. If the partner confirms the list, an operator applies it with `mra-gateway exchange release` and this file's ledger entry"
    }

    /// A share as a percentage with at most one decimal: `20%`, `12.5%`.
    static func percent(_ share: Double) -> String {
        let tenths = (share * 1000).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0
            ? "\(Int(tenths / 10))%" : "\(Int(tenths) / 10).\(Int(tenths) % 10)%"
    }
}
