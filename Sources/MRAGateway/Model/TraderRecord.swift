/// The canonical trusted-trader record: one member of one program, as every
/// format maps to and from it.
///
/// Its JSON form (``JSONLines``) is a documented contract read by other tools:
/// camelCase field names as below, dates as `YYYY-MM-DD`, absent values left
/// out. See `docs/canonical-record.md`.
public struct TraderRecord: Hashable, Sendable, Codable {
    /// Gateway id of the program the member belongs to (`ctpat`, `eu-aeo`, …).
    public var program: String
    /// The member's id in its program, in the program's native form.
    public var memberId: String
    /// The id scheme of `memberId` (`EU-AEO`, `CTPAT`, …), as in `Mappings/identifiers.xml`.
    public var memberIdScheme: String
    /// Name as registered, in any script.
    public var legalName: String
    /// Latin-script name, where the program keeps one beside a native-script name.
    public var legalNameLatin: String?
    public var address: Address
    public var status: MemberStatus
    public var statusReason: String?
    /// When the current status took effect.
    public var statusEffective: CalendarDate?
    /// When the member was first authorised or certified.
    public var authorisedSince: CalendarDate?
    /// The last (re)validation of the member.
    public var lastValidated: CalendarDate?
    /// Roles in the supply chain (`importer`, `exporter`, `manufacturer`, …).
    public var roles: [String]
    /// Authorisation type or tier (`AEOS`, `AEOF`, `tier2`, …).
    public var authType: String?
    /// Other identifiers of the member (MID, EORI, IOR, BN, …).
    public var linkedIds: [LinkedID]
    /// Whether the member consented to its data being exchanged.
    public var consent: Bool?
    /// Id of the batch the record came in.
    public var batchId: String?

    public init(
        program: String, memberId: String, memberIdScheme: String, legalName: String, legalNameLatin: String? = nil,
        address: Address = Address(), status: MemberStatus, statusReason: String? = nil,
        statusEffective: CalendarDate? = nil, authorisedSince: CalendarDate? = nil, lastValidated: CalendarDate? = nil,
        roles: [String] = [], authType: String? = nil, linkedIds: [LinkedID] = [], consent: Bool? = nil,
        batchId: String? = nil
    ) {
        self.program = program
        self.memberId = memberId
        self.memberIdScheme = memberIdScheme
        self.legalName = legalName
        self.legalNameLatin = legalNameLatin
        self.address = address
        self.status = status
        self.statusReason = statusReason
        self.statusEffective = statusEffective
        self.authorisedSince = authorisedSince
        self.lastValidated = lastValidated
        self.roles = roles
        self.authType = authType
        self.linkedIds = linkedIds
        self.consent = consent
        self.batchId = batchId
    }
}

extension TraderRecord {
    /// Reads the canonical JSON form (docs/canonical-record.md), where a field
    /// without a value is left out: `address`, `roles` and `linkedIds` included.
    public init(from decoder: any Decoder) throws {
        let field = try decoder.container(keyedBy: CodingKeys.self)
        func optional<T: Decodable>(_ key: CodingKeys) throws -> T? { try field.decodeIfPresent(T.self, forKey: key) }
        self.init(
            program: try field.decode(String.self, forKey: .program),
            memberId: try field.decode(String.self, forKey: .memberId),
            memberIdScheme: try field.decode(String.self, forKey: .memberIdScheme),
            legalName: try field.decode(String.self, forKey: .legalName), legalNameLatin: try optional(.legalNameLatin),
            address: try optional(.address) ?? Address(), status: try field.decode(MemberStatus.self, forKey: .status),
            statusReason: try optional(.statusReason), statusEffective: try optional(.statusEffective),
            authorisedSince: try optional(.authorisedSince), lastValidated: try optional(.lastValidated),
            roles: try optional(.roles) ?? [], authType: try optional(.authType),
            linkedIds: try optional(.linkedIds) ?? [],
            consent: try optional(.consent), batchId: try optional(.batchId))
    }
}

/// A structured postal address.
public struct Address: Hashable, Sendable, Codable {
    public var street: String?
    public var city: String?
    public var postalCode: String?
    public var region: String?
    /// ISO 3166-1 alpha-2 code.
    public var country: String?

    public init(
        street: String? = nil, city: String? = nil, postalCode: String? = nil, region: String? = nil,
        country: String? = nil
    ) {
        self.street = street
        self.city = city
        self.postalCode = postalCode
        self.region = region
        self.country = country
    }
}

/// Another identifier of the same member, in a named scheme.
public struct LinkedID: Hashable, Sendable, Codable {
    public var scheme: String
    public var value: String
    public init(scheme: String, value: String) {
        self.scheme = scheme
        self.value = value
    }
}

/// Membership status, the same four values in every program.
public enum MemberStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case active
    case suspended
    case revoked
    case withdrawn
}
