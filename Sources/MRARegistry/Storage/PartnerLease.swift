/// A partner's lease: while one gateway instance holds it, no other
/// instance on the same registry loads that partner's files or finishes its
/// interrupted entries. A shared registry (PostgreSQL) keeps it for the
/// holder's connection, so it ends when the holder ends, however it ends.
package struct PartnerLease: Sendable, Equatable {
    package var partner: String
    /// The instance that holds it, as it named itself to the registry (`mra-gateway@HOST:PID`).
    package var holder: String
    /// Where the holder connects from, when the registry says.
    package var address: String?
    /// When the holder connected to the registry, when the registry says.
    package var since: String?

    package init(partner: String, holder: String, address: String? = nil, since: String? = nil) {
        self.partner = partner
        self.holder = holder
        self.address = address
        self.since = since
    }

    /// `eu-aeo: mra-gateway@host-b:4211 (10.0.0.7, connected 2026-12-06 09:30:12)`.
    package var description: String {
        var details: [String] = []
        if let address { details.append(address) }
        if let since { details.append("connected " + since) }
        return "\(partner): \(holder)" + (details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")")
    }
}

extension Registry {
    /// The embedded registry has one instance, under the exchange root's lock: every lease is its own.
    package func takeLease(on partner: String) throws(RegistryError) -> PartnerLease? { nil }
    package func releaseLease(on partner: String) throws(RegistryError) {}
    package func leases(on partners: [String]) throws(RegistryError) -> [PartnerLease] { [] }
}
