extension TraderRecord {
    /// The field's values in canonical text form (dates `YYYY-MM-DD`, consent
    /// `true`/`false`); empty when absent. Linked ids are not text values: use
    /// ``linkedIds``.
    package func values(of field: CanonicalField) -> [String] {
        func one(_ value: String?) -> [String] { value.map { [$0] } ?? [] }
        switch field {
        case .program: return [program]
        case .memberId: return [memberId]
        case .memberIdScheme: return [memberIdScheme]
        case .legalName: return [legalName]
        case .legalNameLatin: return one(legalNameLatin)
        case .addressStreet: return one(address.street)
        case .addressCity: return one(address.city)
        case .addressPostalCode: return one(address.postalCode)
        case .addressRegion: return one(address.region)
        case .addressCountry: return one(address.country)
        case .status: return [status.rawValue]
        case .statusReason: return one(statusReason)
        case .statusEffective: return one(statusEffective?.description)
        case .authorisedSince: return one(authorisedSince?.description)
        case .lastValidated: return one(lastValidated?.description)
        case .roles: return roles
        case .authType: return one(authType)
        case .linkedIds: return linkedIds.map { "\($0.scheme):\($0.value)" }
        case .consent: return one(consent.map { $0 ? "true" : "false" })
        case .batchId: return one(batchId)
        case .batchKind, .batchCreated: return []
        }
    }
}

/// A record being read: canonical text values per field, before they are
/// checked to make a ``TraderRecord``.
struct RecordDraft {
    var values = FieldTable<[String]>()
    var lines = FieldTable<Int>()
    var linkedIds: [(id: LinkedID, line: Int)] = []
    /// Matched values the record does not carry (several matches of a single-valued field).
    var losses: [Loss] = []

    func first(_ field: CanonicalField) -> String? { values[field]?.first }

    /// Builds the record when every field the record needs is present.
    func record(batchId: String?) -> TraderRecord? {
        guard let program = first(.program), let memberId = first(.memberId),
            let scheme = first(.memberIdScheme), let legalName = first(.legalName),
            let status = first(.status).flatMap(MemberStatus.init(rawValue:))
        else { return nil }
        return TraderRecord(
            program: program, memberId: memberId, memberIdScheme: scheme, legalName: legalName,
            legalNameLatin: first(.legalNameLatin),
            address: Address(
                street: first(.addressStreet), city: first(.addressCity), postalCode: first(.addressPostalCode),
                region: first(.addressRegion), country: first(.addressCountry)),
            status: status, statusReason: first(.statusReason),
            statusEffective: first(.statusEffective).flatMap(CalendarDate.init(iso:)),
            authorisedSince: first(.authorisedSince).flatMap(CalendarDate.init(iso:)),
            lastValidated: first(.lastValidated).flatMap(CalendarDate.init(iso:)),
            roles: values[.roles] ?? [], authType: first(.authType), linkedIds: linkedIds.map(\.id),
            consent: first(.consent).map { $0 == "true" }, batchId: first(.batchId) ?? batchId)
    }
}
