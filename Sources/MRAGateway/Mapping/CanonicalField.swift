/// The fields of the canonical record (and of its batch) that mapping files name.
public enum CanonicalField: String, CaseIterable, Hashable, Sendable, Codable {
    case program, memberId, memberIdScheme, legalName, legalNameLatin
    case addressStreet = "address.street"
    case addressCity = "address.city"
    case addressPostalCode = "address.postalCode"
    case addressRegion = "address.region"
    case addressCountry = "address.country"
    case status, statusReason, statusEffective, authorisedSince, lastValidated
    case roles, authType, linkedIds, consent
    case batchId = "batch.id"
    case batchKind = "batch.kind"
    case batchCreated = "batch.created"

    /// Fields with several values.
    public var isList: Bool { self == .roles || self == .linkedIds }
    /// Fields held as `YYYY-MM-DD` dates.
    public var isDate: Bool { self == .statusEffective || self == .authorisedSince || self == .lastValidated }
    /// Fields that describe the batch, not a member.
    public var isBatchLevel: Bool { self == .batchId || self == .batchKind || self == .batchCreated }
}
