import MRAGateway
extension ReconciliationReport {
    /// The report as JSON for tools: summary, program pairs, programs, then the
    /// detail per trader (field names as in docs/findings-format.md).
    public var json: String {
        var json = JSONText()
        json.openObject()
        json.field("today", today.description)
        json.field("crosswalkVersion", crosswalkVersion)
        json.key("inputs")
        json.openObject()
        json.key("findings")
        json.openArray()
        for file in findingsFiles { json.string(file) }
        json.closeArray()
        json.key("members")
        json.openArray()
        for file in memberFiles { json.string(file) }
        json.closeArray()
        json.closeObject()
        json.key("summary")
        json.openObject()
        json.number("traders", traders.count)
        for outcome in ComparisonOutcome.allCases { json.number(outcome.rawValue, count(outcome)) }
        json.number("statusConflicts", statusConflictCount)
        json.number("overdue", overdueCount)
        json.closeObject()
        json.key("pairs")
        json.openArray()
        for pair in pairs {
            json.openObject()
            json.field("programA", pair.programA)
            json.field("programB", pair.programB)
            json.number("traders", pair.traders)
            for outcome in ComparisonOutcome.allCases { json.number(outcome.rawValue, pair.count(outcome)) }
            json.number("statusConflicts", pair.statusConflicts)
            json.closeObject()
        }
        json.closeArray()
        json.key("programs")
        json.openArray()
        for program in programs {
            json.openObject()
            json.field("program", program.program)
            json.number("validations", program.validations)
            json.number("overdue", program.overdue)
            if let years = program.revalidationYears { json.number("revalidationYears", years) }
            json.closeObject()
        }
        json.closeArray()
        json.key("traders")
        json.openArray()
        for trader in traders { trader.write(to: &json) }
        json.closeArray()
        json.key("diagnostics")
        json.openArray()
        for diagnostic in diagnostics { diagnostic.write(to: &json) }
        json.closeArray()
        json.closeObject()
        return json.text
    }
}

extension TraderReconciliation {
    func write(to json: inout JSONText) {
        json.openObject()
        json.field("id", id)
        json.field("name", name)
        json.key("identifiers")
        json.openArray()
        for identifier in identifiers { json.string(identifier) }
        json.closeArray()
        json.key("memberships")
        json.openArray()
        for membership in memberships {
            json.openObject()
            json.field("program", membership.program)
            json.field("memberId", membership.memberId)
            json.field("status", membership.status.rawValue)
            json.field("listedBy", membership.listedBy)
            json.field("lastValidated", membership.lastValidated?.description)
            json.field("source", membership.source)
            json.closeObject()
        }
        json.closeArray()
        json.key("validations")
        json.openArray()
        for validation in validations {
            json.openObject()
            json.field("program", validation.program)
            json.field("memberId", validation.memberId)
            json.field("validationId", validation.validationId)
            json.field("kind", validation.kind)
            json.field("date", validation.date.description)
            json.field("validator", validation.validator)
            json.field("office", validation.office)
            json.field("entityType", validation.entityType)
            json.number("criteria", validation.findings.count)
            json.field("file", validation.file)
            json.closeObject()
        }
        json.closeArray()
        json.number("supersededValidations", supersededValidations)
        json.key("comparisons")
        json.openArray()
        for comparison in comparisons {
            json.openObject()
            json.field("outcome", comparison.outcome.rawValue)
            json.field("programA", comparison.programA)
            json.field("programB", comparison.programB)
            json.field("criterionA", comparison.criterionA.description)
            json.field("criterionB", comparison.criterionB.description)
            json.field("strength", comparison.strength.rawValue)
            json.field("via", comparison.via?.description)
            json.field("resultA", comparison.resultA.rawValue)
            json.field("resultB", comparison.resultB.rawValue)
            json.field("noteA", comparison.noteA)
            json.field("noteB", comparison.noteB)
            json.closeObject()
        }
        json.closeArray()
        json.key("statusConflicts")
        json.openArray()
        for conflict in statusConflicts {
            json.openObject()
            json.field("kind", conflict.kind.rawValue)
            json.field("programA", conflict.programA)
            json.field("programB", conflict.programB)
            json.field("detail", conflict.detail)
            json.closeObject()
        }
        json.closeArray()
        json.key("overdue")
        json.openArray()
        for overdue in overdue {
            json.openObject()
            json.field("program", overdue.program)
            json.field("memberId", overdue.memberId)
            json.field("lastValidated", overdue.lastValidated.description)
            json.field("due", overdue.due.description)
            json.number("daysOverdue", overdue.daysOverdue)
            json.number("revalidationYears", overdue.revalidationYears)
            json.field("basis", overdue.basis)
            json.closeObject()
        }
        json.closeArray()
        json.closeObject()
    }
}

extension JSONText {
    /// `key: number`.
    mutating func number(_ key: String, _ value: Int) {
        self.key(key)
        number(value)
    }
}
