import MRAGateway

extension TraderRecord {
    /// The record without the values a translation reported as lost: what a
    /// round trip through a narrower format can give back at best.
    func removing(_ losses: [Loss]) -> TraderRecord {
        var record = self
        for loss in losses where loss.recordId == memberId {
            guard let field = CanonicalField(rawValue: loss.field) else { continue }
            switch field {
            case .legalNameLatin: record.legalNameLatin = nil
            case .addressStreet: record.address.street = nil
            case .addressCity: record.address.city = nil
            case .addressPostalCode: record.address.postalCode = nil
            case .addressRegion: record.address.region = nil
            case .addressCountry: record.address.country = nil
            case .statusReason: record.statusReason = nil
            case .statusEffective: record.statusEffective = nil
            case .authorisedSince: record.authorisedSince = nil
            case .lastValidated: record.lastValidated = nil
            case .authType: record.authType = nil
            case .consent: record.consent = nil
            case .roles: record.roles.removeAll { $0 == loss.value }
            case .linkedIds: record.linkedIds.removeAll { "\($0.scheme):\($0.value)" == loss.value }
            case .program, .memberId, .memberIdScheme, .legalName, .status, .batchId, .batchKind, .batchCreated:
                break
            }
        }
        return record
    }
}
