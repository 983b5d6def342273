import MRAGateway
import MRAReconciliation

extension LookupService {
    /// The program `id`, or ``LookupError/Code/unknownProgram``.
    func program(_ id: String) throws(LookupError) -> Program {
        let known = configuration.catalogue.programs.map(\.id)
        guard let program = configuration.catalogue.program(NameMatch.find(id, in: known) ?? id) else {
            throw LookupError(.unknownProgram, NameMatch.unknown("program", id, known: known))
        }
        return program
    }

    /// `GET /v1/programs`: the catalogue with eligibility and each program's recognition by CTPAT.
    package func programsJSON() -> String {
        var json = JSONText()
        json.object { json in
            json.array("programs", configuration.catalogue.programs) { json, program in
                json.object { json in
                    json.field("id", program.id)
                    json.field("name", program.name)
                    json.field("shortName", program.shortName)
                    json.field("country", program.country)
                    json.field("memberIdScheme", program.memberIdScheme)
                    json.object("eligibility") { json in
                        json.array("authTypes", strings: program.eligibility.authTypes)
                        json.field("consentRequired", program.eligibility.consentRequired)
                    }
                    json.array("arrangements", program.arrangements)
                }
            }
        }
        return json.text
    }

    /// `equivalence program P [Q]`: whether P is recognized by Q (default
    /// `ctpat`) through an arrangement recorded on either side. MRAs are
    /// bilateral and not transitive: no edge is "not at all".
    package func programEquivalenceJSON(_ p: String, by q: String = "ctpat") throws(LookupError) -> String {
        let first = try program(p)
        let second = try program(q)
        let mra = rules.arrangement(first.id, second.id)
        var json = JSONText()
        json.object { json in
            json.field("program", first.id)
            json.field("by", second.id)
            json.field("recognized", mra != nil || first.id == second.id)
            json.field("relation", first.id == second.id ? "same" : mra == nil ? "none" : "direct")
            json.key("arrangement")
            if let mra {
                mra.write(to: &json)
            } else {
                json.null()
            }
            if mra == nil && first.id != second.id {
                let partners = configuration.catalogue.programs.map(\.id).filter {
                    rules.arrangement(first.id, $0) != nil && rules.arrangement(second.id, $0) != nil
                }
                json.array("commonPartners", strings: partners.sorted())
                json.field("note", "arrangements are bilateral: a common partner gives no recognition")
            }
        }
        return json.text
    }

    /// `equivalence role R [--program P]`: the canonical role `R` (or `P`'s
    /// native code `R`) and its native codes in every program.
    package func roleEquivalenceJSON(_ role: String, program id: String? = nil) throws(LookupError) -> String {
        var canonical = role
        if let id {
            _ = try program(id)
            if let list = roleCodes(id), let mapped = list.canonical(role) {
                canonical = mapped
            }
        }
        var rows: [(program: String, codes: [String])] = []
        for program in configuration.catalogue.programs {
            guard let list = roleCodes(program.id) else { continue }
            rows.append((program.id, list.nativeCodes.filter { list.canonical($0) == canonical }))
        }
        guard canonicalRoles.contains(canonical) else {
            throw LookupError(
                .unknownRole, "unknown role \"\(role)\"\(id.map { " (canonical, or a native code of \($0))" } ?? "")")
        }
        var json = JSONText()
        json.object { json in
            json.field("role", canonical)
            json.field("given", role)
            json.field("givenIn", id)
            json.array("programs", rows) { json, row in
                json.object { json in
                    json.field("program", row.program)
                    json.array("codes", strings: row.codes)
                }
            }
        }
        return json.text
    }

    /// The code list a program's mapping reads roles through (named `role`,
    /// `sector`, `businessType`… per mapping), if roles are coded there.
    func roleCodes(_ program: String) -> CodeList? { Self.roleCodes(program, in: configuration) }

    /// ``roleCodes(_:)`` of `configuration`.
    static func roleCodes(_ program: String, in configuration: GatewayConfiguration) -> CodeList? {
        guard let mapping = configuration.programs[program]?.mapping else { return nil }
        for case .field(let entry) in mapping.recordEntries where entry.field == .roles {
            if let list = entry.codeList { return list }
        }
        return nil
    }

    /// `equivalence criterion FRAMEWORK:ID [--to FRAMEWORK]`: its links
    /// through the crosswalk, declared or derived through the hub.
    package func criterionEquivalenceJSON(_ reference: String, to target: String? = nil) throws(LookupError) -> String {
        guard let criteria else { throw LookupError(.unknownCriterion, "no criteria catalogues (Mappings/criteria/)") }
        guard let ref = CriterionReference(reference), let node = criteria.catalogues[ref.framework]?.node(ref.id)
        else {
            throw LookupError(
                .unknownCriterion,
                "unknown criterion \"\(reference)\": give FRAMEWORK:ID, frameworks: \(criteria.catalogues.keys.sorted().joined(separator: ", "))"
            )
        }
        if let target, criteria.catalogues[target] == nil {
            throw LookupError(.unknownCriterion, "unknown framework \"\(target)\"")
        }
        let frameworks = criteria.catalogues.keys.sorted().filter { $0 != ref.framework && (target ?? $0) == $0 }
        let links = frameworks.flatMap { framework in
            criteria.crosswalk.links(between: ref.framework, and: framework).filter { $0.from == ref }
                .map { (framework, $0) }
        }
        var json = JSONText()
        json.object { json in
            json.field("criterion", ref.description)
            json.field("text", node.text)
            json.field("crosswalkVersion", criteria.crosswalk.version)
            json.array("links", links) { json, item in
                let (framework, link) = item
                json.object { json in
                    json.field("to", link.to.description)
                    json.field("text", criteria.catalogues[framework]?.node(link.to.id)?.text)
                    json.field("strength", link.strength.rawValue)
                    json.field("confidence", link.confidence)
                    json.field("via", link.via?.description)
                    json.field("source", link.source)
                }
            }
        }
        return json.text
    }
}
