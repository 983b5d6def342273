/// The fields of the canonical record (and of its batch) that mapping files name.
package enum CanonicalField: String, CaseIterable, Hashable, Sendable, Codable {
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

    /// Number of fields.
    static let count = allCases.count

    /// Position in `allCases`, for tables indexed by field.
    var ordinal: Int {
        switch self {
        case .program: 0
        case .memberId: 1
        case .memberIdScheme: 2
        case .legalName: 3
        case .legalNameLatin: 4
        case .addressStreet: 5
        case .addressCity: 6
        case .addressPostalCode: 7
        case .addressRegion: 8
        case .addressCountry: 9
        case .status: 10
        case .statusReason: 11
        case .statusEffective: 12
        case .authorisedSince: 13
        case .lastValidated: 14
        case .roles: 15
        case .authType: 16
        case .linkedIds: 17
        case .consent: 18
        case .batchId: 19
        case .batchKind: 20
        case .batchCreated: 21
        }
    }

    /// Fields with several values.
    package var isList: Bool { self == .roles || self == .linkedIds }
    /// Fields held as `YYYY-MM-DD` dates.
    package var isDate: Bool { self == .statusEffective || self == .authorisedSince || self == .lastValidated }
    /// Fields that describe the batch, not a member.
    package var isBatchLevel: Bool { self == .batchId || self == .batchKind || self == .batchCreated }
}

/// A value per canonical field, stored in an array: the hot path of reading
/// fills one per record, and hashing field names there would dominate.
struct FieldTable<Value> {
    private var storage: [Value?] = Array(repeating: nil, count: CanonicalField.count)

    subscript(field: CanonicalField) -> Value? {
        get { storage[field.ordinal] }
        set { storage[field.ordinal] = newValue }
    }

    /// The fields that have a value, in field order.
    var entries: [(field: CanonicalField, value: Value)] {
        CanonicalField.allCases.compactMap { field in storage[field.ordinal].map { (field, $0) } }
    }
}
