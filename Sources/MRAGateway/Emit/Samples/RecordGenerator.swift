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

    package init(configuration: GatewayConfiguration, program: String, today: CalendarDate) throws(MappingError) {
        self.configuration = configuration
        self.program = try configuration.program(program)
        self.today = today
    }

    /// `count` records, deterministic for `seed`, with unique member ids.
    public func records(count: Int, seed: UInt64) -> [TraderRecord] {
        Array(sample(count: count, seed: seed))
    }

    /// The same records as ``records(count:seed:)``, made one at a time as
    /// they are taken, so a large sample is written as it is made and never
    /// held whole.
    public func sample(count: Int, seed: UInt64) -> Sample { Sample(generator: self, count: count, seed: seed) }

    /// A sample's records, made as they are taken.
    public struct Sample: Sequence, Sendable {
        fileprivate let generator: RecordGenerator
        fileprivate let count: Int
        fileprivate let seed: UInt64

        public var underestimatedCount: Int { count }

        public func makeIterator() -> Iterator { Iterator(self) }

        /// Makes the next record from the state the previous ones left.
        public struct Iterator: IteratorProtocol {
            private let generator: RecordGenerator
            private let count: Int
            private let plan: SamplePlan
            private var random: SplitMix64
            private let offset: Int
            private var index = 0

            fileprivate init(_ sample: Sample) {
                generator = sample.generator
                count = sample.count
                plan = SamplePlan(program: sample.generator.program)
                random = SplitMix64(seed: sample.seed)
                offset = Int(random.next() % 1_000_000)
            }

            public mutating func next() -> TraderRecord? {
                guard index < count else { return nil }
                var record = generator.record(index, unique: offset + index, plan: plan, random: &random)
                plan.keepCarried(&record)
                index += 1
                return record
            }
        }
    }

    /// Record `index` of a sample: a member, active or (one in twenty) suspended, authorised some
    /// days to years before today, with an address, roles and an id of each linked scheme.
    private func record(_ index: Int, unique: Int, plan: SamplePlan, random: inout SplitMix64) -> TraderRecord {
        let authType = plan.authTypes.isEmpty ? nil : plan.authTypes[random.below(plan.authTypes.count)]
        let memberId = identifier(
            scheme: plan.scheme, unique: unique, random: &random,
            fitting: authType.flatMap { plan.typeList?.memberIdPatterns[$0] }, typeCode: authType,
            otherTypes: plan.typeList?.canonicalValues ?? [])
        let country = countryOf(memberId)
        let since = today.adding(days: -(60 + random.below(5000)))
        let suspended = random.below(20) == 0
        let validated = since.adding(days: random.below(max(1, today.daysSinceEpoch - since.daysSinceEpoch - 1)))
        var record = TraderRecord(
            program: program.program.id, memberId: memberId, memberIdScheme: plan.scheme,
            legalName: plan.names.name(&random), status: suspended ? .suspended : .active)
        record.statusReason = suspended ? "Security criteria not met at monitoring visit; action plan requested" : nil
        record.authorisedSince = since
        record.statusEffective = suspended ? validated : since
        record.lastValidated = validated
        record.address = Address(
            street: plan.names.street(&random), city: plan.names.city(&random),
            postalCode: String(10_000 + random.below(89_999)), region: plan.names.region(&random), country: country)
        record.authType = authType
        if !plan.roles.isEmpty {
            var picked: [String] = []
            for _ in 0..<(1 + random.below(3)) {
                let role = plan.roles[random.below(plan.roles.count)]
                if !picked.contains(role) { picked.append(role) }
            }
            record.roles = picked
        }
        for linked in plan.linkedSchemes {
            record.linkedIds.append(
                LinkedID(scheme: linked, value: identifier(scheme: linked, unique: index, random: &random)))
        }
        record.consent = true
        return record
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

    /// Replaces the digits of `example`, right to left, with those of
    /// `number`; digits of `number` beyond the example's go before its last
    /// run of digits, so that ids stay unique past the example's range (the
    /// caller checks the longer id still fits the scheme).
    static func renumber(_ example: String, with number: Int) -> String {
        var digits = Array(String(number).reversed())
        var characters = Array(example)
        var lastRunStart: Int?
        for position in characters.indices.reversed()
        where characters[position].isASCII && characters[position].isNumber {
            if lastRunStart == nil || lastRunStart == position + 1 { lastRunStart = position }
            characters[position] = digits.isEmpty ? "0" : digits.removeFirst()
        }
        if let lastRunStart, !digits.isEmpty { characters.insert(contentsOf: digits.reversed(), at: lastRunStart) }
        return String(characters)
    }

    private func countryOf(_ memberId: String) -> String {
        let prefix = String(memberId.prefix(2))
        if configuration.identifiers.countries.contains(prefix) { return prefix }
        let country = program.program.country
        return configuration.identifiers.countries.contains(country) ? country : "US"
    }
}

/// What a program's sample records are made of: the values its code lists and
/// catalogue allow, and the fields its format carries.
private struct SamplePlan {
    /// Eligible authorisation types; none where the catalogue names none and the format does not require one.
    let authTypes: [String]
    let typeList: CodeList?
    let roles: [String]
    /// Schemes the format has a `linkedId` entry for.
    let linkedSchemes: [String]
    let scheme: String
    let names: CompanyNames
    let carried: Set<CanonicalField>

    init(program: LoadedProgram) {
        let mapping = program.mapping
        carried = Set(mapping.fieldEntries.map(\.field))
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
        self.authTypes = authTypes
        roles = codes(.roles)
        typeList = mapping.fieldEntries.first { $0.field == .authType }?.codes.map { mapping.codeList($0) }
        linkedSchemes = mapping.recordEntries.compactMap { entry -> String? in
            if case .linkedId(let scheme, _, _, _) = entry { return scheme }
            return nil
        }
        scheme = program.program.memberIdScheme
        names = CompanyNames(country: program.program.country)
    }

    /// Keeps only what the format carries, so the batch is a faithful sample of it.
    func keepCarried(_ record: inout TraderRecord) {
        if !carried.contains(.legalNameLatin) { record.legalNameLatin = nil }
        if !carried.contains(.addressRegion) { record.address.region = nil }
        if !carried.contains(.addressStreet) { record.address.street = nil }
        if !carried.contains(.addressPostalCode) { record.address.postalCode = nil }
        if !carried.contains(.lastValidated) { record.lastValidated = nil }
        if !carried.contains(.consent) { record.consent = nil }
    }
}
