import MRAXML

/// Makes synthetic, valid member lists for any program, driven only by its
/// configuration: the catalogue (scheme, eligibility), the identifier schemes'
/// examples and patterns, and the mapping's code lists and fields. The same
/// seed gives the same records.
public struct RecordGenerator: Sendable {
    public var configuration: GatewayConfiguration
    public var program: LoadedProgram
    /// Latest date used (authorisation and status dates fall before it).
    public var today: CalendarDate

    public init(configuration: GatewayConfiguration, program: String, today: CalendarDate) throws(MappingError) {
        self.configuration = configuration
        self.program = try configuration.program(program)
        self.today = today
    }

    /// `count` records, deterministic for `seed`, with unique member ids.
    public func records(count: Int, seed: UInt64) -> [TraderRecord] {
        var random = SplitMix64(seed: seed)
        let mapping = program.mapping
        let carried = Set(mapping.fieldEntries.map(\.field))
        func codes(_ field: CanonicalField) -> [String] {
            guard let list = mapping.fieldEntries.first(where: { $0.field == field })?.codes else { return [] }
            return mapping.codeList(list).canonicalValues
        }
        let eligible = program.program.eligibility
        // Eligible types only; where the catalogue names none, leave the type out
        // unless the format requires one (the code list may hold other programs' types).
        var authTypes = codes(.authType)
        if !eligible.authTypes.isEmpty {
            authTypes = authTypes.filter(eligible.authTypes.contains)
        } else if mapping.fieldEntries.first(where: { $0.field == .authType })?.required != true {
            authTypes = []
        }
        let roles = codes(.roles)
        let typeList = mapping.fieldEntries.first { $0.field == .authType }?.codes.map { mapping.codeList($0) }
        let linkedSchemes = mapping.recordEntries.compactMap { entry -> String? in
            if case .linkedId(let scheme, _, _, _) = entry { return scheme }
            return nil
        }
        let scheme = program.program.memberIdScheme
        let offset = Int(random.next() % 1_000_000)
        let names = CompanyNames(country: program.program.country)

        var records: [TraderRecord] = []
        records.reserveCapacity(count)
        for index in 0..<count {
            let authType = authTypes.isEmpty ? nil : authTypes[random.below(authTypes.count)]
            let memberId = identifier(
                scheme: scheme, unique: offset + index, random: &random,
                fitting: authType.flatMap { typeList?.memberIdPatterns[$0] }, typeCode: authType,
                otherTypes: typeList?.canonicalValues ?? [])
            let country = countryOf(memberId)
            let since = today.adding(days: -(60 + random.below(5000)))
            let suspended = random.below(20) == 0
            let validated = since.adding(days: random.below(max(1, today.daysSinceEpoch - since.daysSinceEpoch - 1)))
            var record = TraderRecord(
                program: program.program.id, memberId: memberId, memberIdScheme: scheme,
                legalName: names.name(&random), status: suspended ? .suspended : .active)
            record.statusReason = suspended ? "Security criteria not met at monitoring visit; action plan requested" : nil
            record.authorisedSince = since
            record.statusEffective = suspended ? validated : since
            record.lastValidated = validated
            record.address = Address(
                street: names.street(&random), city: names.city(&random),
                postalCode: String(10_000 + random.below(89_999)), region: names.region(&random), country: country)
            record.authType = authType
            if !roles.isEmpty {
                var picked: [String] = []
                for _ in 0..<(1 + random.below(3)) {
                    let role = roles[random.below(roles.count)]
                    if !picked.contains(role) { picked.append(role) }
                }
                record.roles = picked
            }
            for linked in linkedSchemes {
                record.linkedIds.append(
                    LinkedID(scheme: linked, value: identifier(scheme: linked, unique: index, random: &random)))
            }
            record.consent = true
            // Keep only what the format carries, so the batch is a faithful sample of it.
            if !carried.contains(.legalNameLatin) { record.legalNameLatin = nil }
            if !carried.contains(.addressRegion) { record.address.region = nil }
            if !carried.contains(.addressStreet) { record.address.street = nil }
            if !carried.contains(.addressPostalCode) { record.address.postalCode = nil }
            if !carried.contains(.lastValidated) { record.lastValidated = nil }
            if !carried.contains(.consent) { record.consent = nil }
            records.append(record)
        }
        return records
    }

    /// An identifier of `scheme` built from one of its examples: digits
    /// replaced (by `unique`, so ids differ), and, when it must fit an
    /// authorisation type's pattern, the type code swapped in.
    private func identifier(
        scheme: String, unique: Int, random: inout SplitMix64, fitting pattern: XMLPattern? = nil,
        typeCode: String? = nil, otherTypes: [String] = []
    ) -> String {
        guard let definition = configuration.identifiers.schemes[scheme] else { return "ID\(unique)" }
        var candidates = definition.examples
        if let typeCode {
            candidates += definition.examples.flatMap { example in
                otherTypes.filter { example.contains($0) }.map { example.replacing($0, with: typeCode) }
            }
        }
        for example in candidates {
            let value = Self.renumber(example, with: unique)
            if definition.pattern.matches(value) && (pattern?.matches(value) ?? true) { return value }
        }
        return definition.examples.first ?? "ID\(unique)"
    }

    /// Replaces the digits of `example`, right to left, with those of `number`.
    static func renumber(_ example: String, with number: Int) -> String {
        var digits = Array(String(number).reversed())
        var characters = Array(example)
        for position in characters.indices.reversed() where characters[position].isASCII && characters[position].isNumber {
            characters[position] = digits.isEmpty ? "0" : digits.removeFirst()
        }
        return String(characters)
    }

    private func countryOf(_ memberId: String) -> String {
        let prefix = String(memberId.prefix(2))
        if configuration.identifiers.countries.contains(prefix) { return prefix }
        let country = program.program.country
        return configuration.identifiers.countries.contains(country) ? country : "US"
    }
}
