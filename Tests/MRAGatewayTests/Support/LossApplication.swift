import MRAGateway

extension TraderRecord {
    /// The record without the values a translation reported as lost: what a
    /// round trip through a narrower format can give back at best.
    func removing(_ losses: [Loss]) -> TraderRecord {
        var record = self
        for loss in losses where loss.recordId == memberId {
            guard let field = CanonicalField(rawValue: loss.field) else { continue }
            // A value the read did not carry (one of several matches) leaves the carried one in place.
            if let lost = loss.value, let kept = record.text(of: field), lost != kept { continue }
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

    /// The value of a single-valued field as a loss names it; nil for list fields and absent values.
    private func text(of field: CanonicalField) -> String? {
        switch field {
        case .legalNameLatin: legalNameLatin
        case .addressStreet: address.street
        case .addressCity: address.city
        case .addressPostalCode: address.postalCode
        case .addressRegion: address.region
        case .statusReason: statusReason
        case .statusEffective: statusEffective?.description
        case .authorisedSince: authorisedSince?.description
        case .lastValidated: lastValidated?.description
        default: nil
        }
    }
}
