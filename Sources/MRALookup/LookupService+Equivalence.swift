import MRAGateway
import MRAReconciliation

extension LookupService {
    /// The program `id`, or ``LookupError/Code/unknownProgram``.
    func program(_ id: String) throws(LookupError) -> Program {
        guard let program = configuration.catalogue.program(id) else {
            throw LookupError(
                .unknownProgram,
                "unknown program \"\(id)\"; known: \(configuration.catalogue.programs.map(\.id).joined(separator: ", "))")
        }
        return program
    }

    /// `GET /v1/programs`: the catalogue with eligibility and each program's recognition by CTPAT.
    public func programsJSON() -> String {
        var json = JSONText()
        json.openObject()
        json.key("programs")
        json.openArray()
        for program in configuration.catalogue.programs {
            json.openObject()
            json.field("id", program.id)
            json.field("name", program.name)
            json.field("shortName", program.shortName)
            json.field("country", program.country)
            json.field("memberIdScheme", program.memberIdScheme)
            json.key("eligibility")
            json.openObject()
            json.key("authTypes")
            json.strings(program.eligibility.authTypes)
            json.key("consentRequired")
            json.bool(program.eligibility.consentRequired)
            json.closeObject()
            json.key("arrangements")
            json.openArray()
            for mra in program.arrangements { mra.write(into: &json) }
            json.closeArray()
            json.closeObject()
        }
        json.closeArray()
        json.closeObject()
        return json.text
    }

    /// `equivalence program P [Q]`: whether P is recognized by Q (default
    /// `ctpat`) through an arrangement recorded on either side. MRAs are
    /// bilateral and not transitive: no edge is "not at all".
    public func programEquivalenceJSON(_ p: String, by q: String = "ctpat") throws(LookupError) -> String {
        let first = try program(p)
        let second = try program(q)
        let mra = rules.arrangement(first.id, second.id)
        var json = JSONText()
        json.openObject()
        json.field("program", first.id)
        json.field("by", second.id)
        json.key("recognized")
        json.bool(mra != nil || first.id == second.id)
        json.field("relation", first.id == second.id ? "same" : mra == nil ? "none" : "direct")
        json.key("arrangement")
        if let mra {
            mra.write(into: &json)
        } else {
            json.null()
        }
        if mra == nil && first.id != second.id {
            let partners = Set(configuration.catalogue.programs.filter { rules.arrangement(first.id, $0.id) != nil }.map(\.id))
                .intersection(configuration.catalogue.programs.filter { rules.arrangement(second.id, $0.id) != nil }.map(\.id))
            json.key("commonPartners")
            json.strings(partners.sorted())
            json.field("note", "arrangements are bilateral: a common partner gives no recognition")
        }
        json.closeObject()
        return json.text
    }

    /// `equivalence role R [--program P]`: the canonical role `R` (or `P`'s
    /// native code `R`) and its native codes in every program.
    public func roleEquivalenceJSON(_ role: String, program id: String? = nil) throws(LookupError) -> String {
        var canonical = role
        if let id {
            _ = try program(id)
            if let list = roleCodes(id), let mapped = list.canonical(role) {
                canonical = mapped
            }
        }
        var rows: [(program: String, codes: [String])] = []
        var known = false
        for program in configuration.catalogue.programs {
            guard let list = roleCodes(program.id) else { continue }
            if list.canonicalValues.contains(canonical) { known = true }
            rows.append((program.id, list.nativeCodes.filter { list.canonical($0) == canonical }))
        }
        guard known else {
            throw LookupError(.unknownRole, "unknown role \"\(role)\"\(id.map { " (canonical, or a native code of \($0))" } ?? "")")
        }
        var json = JSONText()
        json.openObject()
        json.field("role", canonical)
        json.field("given", role)
        json.field("givenIn", id)
        json.key("programs")
        json.openArray()
        for row in rows {
            json.openObject()
            json.field("program", row.program)
            json.key("codes")
            json.strings(row.codes)
            json.closeObject()
        }
        json.closeArray()
        json.closeObject()
        return json.text
    }

    /// The code list a program's mapping reads roles through (named `role`,
    /// `sector`, `businessType`… per mapping), if roles are coded there.
    func roleCodes(_ program: String) -> CodeList? {
        guard let mapping = configuration.programs[program]?.mapping else { return nil }
        for case .field(let entry) in mapping.recordEntries where entry.field == .roles {
            if let list = entry.codeList { return list }
        }
        return nil
    }

    /// `equivalence criterion FRAMEWORK:ID [--to FRAMEWORK]`: its links
    /// through the crosswalk, declared or derived through the hub.
    public func criterionEquivalenceJSON(_ reference: String, to target: String? = nil) throws(LookupError) -> String {
        guard let criteria else { throw LookupError(.unknownCriterion, "no criteria catalogues (Mappings/criteria/)") }
        guard let ref = CriterionReference(reference), let node = criteria.catalogues[ref.framework]?.node(ref.id) else {
            throw LookupError(
                .unknownCriterion,
                "unknown criterion \"\(reference)\": give FRAMEWORK:ID, frameworks: \(criteria.catalogues.keys.sorted().joined(separator: ", "))")
        }
        if let target, criteria.catalogues[target] == nil {
            throw LookupError(.unknownCriterion, "unknown framework \"\(target)\"")
        }
        var json = JSONText()
        json.openObject()
        json.field("criterion", ref.description)
        json.field("text", node.text)
        json.field("crosswalkVersion", criteria.crosswalk.version)
        json.key("links")
        json.openArray()
        for framework in criteria.catalogues.keys.sorted() where framework != ref.framework && (target ?? framework) == framework {
            for link in criteria.crosswalk.links(between: ref.framework, and: framework) where link.from == ref {
                json.openObject()
                json.field("to", link.to.description)
                json.field("text", criteria.catalogues[framework]?.node(link.to.id)?.text)
                json.field("strength", link.strength.rawValue)
                json.field("confidence", link.confidence)
                json.field("via", link.via?.description)
                json.field("source", link.source)
                json.closeObject()
            }
        }
        json.closeArray()
        json.closeObject()
        return json.text
    }
}

extension Program.Arrangement {
    func write(into json: inout JSONText) {
        json.openObject()
        json.field("with", with)
        json.field("signed", signed)
        json.field("inForce", inForce)
        json.closeObject()
    }
}
