package import MRAGateway

extension ReconciliationReport {
    /// The report as JSON for tools: summary, program pairs, programs, then the
    /// detail per trader (field names as in docs/findings-format.md).
    public var json: String {
        var json = JSONText()
        json.object { json in
            json.field("today", today.description)
            json.field("crosswalkVersion", crosswalkVersion)
            json.object("inputs") { json in
                json.array("findings", strings: findingsFiles)
                json.array("members", strings: memberFiles)
            }
            json.object("summary") { json in
                json.field("traders", traders.count)
                for outcome in ComparisonOutcome.allCases { json.field(outcome.rawValue, count(outcome)) }
                json.field("statusConflicts", statusConflictCount)
                json.field("overdue", overdueCount)
            }
            json.array("pairs", pairs) { json, pair in
                json.object { json in
                    json.field("programA", pair.programA)
                    json.field("programB", pair.programB)
                    json.field("traders", pair.traders)
                    for outcome in ComparisonOutcome.allCases { json.field(outcome.rawValue, pair.count(outcome)) }
                    json.field("statusConflicts", pair.statusConflicts)
                }
            }
            json.array("programs", programs) { json, program in
                json.object { json in
                    json.field("program", program.program)
                    json.field("validations", program.validations)
                    json.field("overdue", program.overdue)
                    json.field("revalidationYears", program.revalidationYears)
                }
            }
            json.array("traders", traders)
            json.array("diagnostics", diagnostics)
        }
        return json.text
    }
}

extension TraderReconciliation: JSONWritable {
    package func write(to json: inout JSONText) {
        json.object { json in
            json.field("id", id)
            json.field("name", name)
            json.array("identifiers", strings: identifiers)
            json.array("memberships", memberships)
            json.array("validations", validations)
            json.field("supersededValidations", supersededValidations)
            json.array("comparisons", comparisons)
            json.array("statusConflicts", statusConflicts)
            json.array("overdue", overdue)
        }
    }
}

extension Membership: JSONWritable {
    package func write(to json: inout JSONText) {
        json.object { json in
            json.field("program", program)
            json.field("memberId", memberId)
            json.field("status", status.rawValue)
            json.field("listedBy", listedBy)
            json.field("lastValidated", lastValidated?.description)
            json.field("source", source)
        }
    }
}

extension Validation: JSONWritable {
    package func write(to json: inout JSONText) {
        json.object { json in
            json.field("program", program)
            json.field("memberId", memberId)
            json.field("validationId", validationId)
            json.field("kind", kind)
            json.field("date", date.description)
            json.field("validator", validator)
            json.field("office", office)
            json.field("entityType", entityType)
            json.field("criteria", findings.count)
            json.field("file", file)
        }
    }
}

extension Comparison: JSONWritable {
    package func write(to json: inout JSONText) {
        json.object { json in
            json.field("outcome", outcome.rawValue)
            json.field("programA", programA)
            json.field("programB", programB)
            json.field("criterionA", criterionA.description)
            json.field("criterionB", criterionB.description)
            json.field("strength", strength.rawValue)
            json.field("via", via?.description)
            json.field("resultA", resultA.rawValue)
            json.field("resultB", resultB.rawValue)
            json.field("noteA", noteA)
            json.field("noteB", noteB)
        }
    }
}

extension StatusConflict: JSONWritable {
    package func write(to json: inout JSONText) {
        json.object { json in
            json.field("kind", kind.rawValue)
            json.field("programA", programA)
            json.field("programB", programB)
            json.field("detail", detail)
        }
    }
}

extension OverdueValidation: JSONWritable {
    package func write(to json: inout JSONText) {
        json.object { json in
            json.field("program", program)
            json.field("memberId", memberId)
            json.field("lastValidated", lastValidated.description)
            json.field("due", due.description)
            json.field("daysOverdue", daysOverdue)
            json.field("revalidationYears", revalidationYears)
            json.field("basis", basis)
        }
    }
}
