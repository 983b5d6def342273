import MRAXML

extension EntryParser {
    /// The version-2 attributes of a `field` or `batch` entry (docs/mapping-format.md, "Version 2"),
    /// checked against the field and each other.
    func rules(field: CanonicalField, path: MappingPath?, constant: String?) throws(MappingError) -> FieldRules {
        var rules = FieldRules()
        rules.choice = try choice(field: field, path: path)
        rules.conversion = try conversion(field: field)
        if let time = element.attribute("time") {
            guard let parsed = DateTimePattern.time(time) else { throw fail("time must be HH:mm:ss, not \"\(time)\"") }
            rules.time = parsed
        }
        if let offset = element.attribute("offset") {
            guard DateTimePattern.isOffset(offset) else { throw fail("offset must be Z or ±hh:mm, not \"\(offset)\"") }
            rules.offset = offset
        }
        if element.attribute("time") != nil || element.attribute("offset") != nil, rules.conversion == nil {
            throw fail("time and offset go with a date or dateTime conversion")
        }
        rules.numeric = element.attribute("numeric") == "true"
        if rules.numeric && element.attribute("codes") == nil { throw fail("numeric needs codes") }
        if let when = element.attribute("when") {
            guard let condition = FieldRules.Condition(when) else {
                throw fail("when must be FIELD=VALUE or FIELD!=VALUE (values separated by |), not \"\(when)\"")
            }
            guard constant != nil || element.attribute("default") != nil else {
                throw fail("when applies to a default or a constant")
            }
            guard condition.field != field, !condition.field.isList else {
                throw fail("when must name another single-valued field")
            }
            rules.condition = condition
        }
        if let codes = element.attribute("codes") { rules.scopedCodes = codeLists.scoped[codes] ?? [:] }
        return rules
    }

    private func choice(field: CanonicalField, path: MappingPath?) throws(MappingError) -> FieldRules.Choice {
        let choose = element.attribute("choose")
        if let join = element.attribute("join") {
            guard choose == nil, !field.isList, path != nil else {
                throw fail("join is for a single-valued field with a path, without choose")
            }
            guard !join.isEmpty else { throw fail("join needs a separator") }
            return .join(join)
        }
        guard let choose else {
            if element.attribute("by") != nil || element.attribute("order") != nil {
                throw fail("by and order go with choose=\"highest\", \"lowest\", \"latest\" or \"earliest\"")
            }
            return .first
        }
        guard !field.isList else { throw fail("choose is for single-valued fields") }
        switch choose {
        case "first": return .first
        case "last": return .last
        case "highest", "lowest", "latest", "earliest":
            guard let path, !path.elements.isEmpty else { throw fail("choose=\"\(choose)\" needs a path to elements") }
            guard let byText = element.attribute("by") else { throw fail("choose=\"\(choose)\" needs by") }
            let by = try MappingPath(byText, namespaces: prefixes)
            let orderText = element.attribute("order") ?? "text"
            guard let order = FieldRules.Order(orderText) else {
                throw fail("order must be text, number, date:LAYOUT or dateTime:LAYOUT, not \"\(orderText)\"")
            }
            if choose == "latest" || choose == "earliest" {
                switch order {
                case .date, .dateTime: break
                default: throw fail("choose=\"\(choose)\" needs order=\"date:…\" or \"dateTime:…\"")
                }
            }
            return choose == "highest" || choose == "latest"
                ? .highest(by: by, order: order) : .lowest(by: by, order: order)
        default:
            throw fail("choose must be first, last, highest, lowest, latest or earliest, not \"\(choose)\"")
        }
    }

    private func conversion(field: CanonicalField) throws(MappingError) -> FieldRules.Conversion? {
        let canTakeDates = field.isDate || field == .batchCreated
        if let layout = element.attribute("dateTime") {
            guard canTakeDates else { throw fail("dateTime is for date fields and batch.created") }
            guard element.attribute("date") == nil else { throw fail("date and dateTime exclude each other") }
            guard let pattern = DateTimePattern(layout) else { throw fail("bad dateTime layout \"\(layout)\"") }
            return .dateTime(pattern)
        }
        if let layout = element.attribute("date"), field == .batchCreated {
            guard let pattern = DatePattern(layout) else { throw fail("bad date pattern \"\(layout)\"") }
            return .date(pattern)
        }
        return nil
    }
}
