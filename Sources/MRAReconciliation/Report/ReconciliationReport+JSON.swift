package import MRAGateway

extension ReconciliationReport {
    /// The report as JSON for tools: summary, program pairs, programs, then the
    /// detail per trader (field names as in docs/findings-format.md).
    package var json: String {
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

/// The reconciliation report's small forms are their `Encodable` forms, keys in
/// property order (or as `CodingKeys` state it), absent values left out; the
/// codes they carry are their raw values.
extension Membership: JSONWritable {}
extension Comparison: JSONWritable {}
extension StatusConflict: JSONWritable {}
extension OverdueValidation: JSONWritable {}
extension NodeOutcome: Encodable {}
extension ComparisonOutcome: Encodable {}
extension StatusConflict.Kind: Encodable {}
extension LinkStrength: Encodable {}

extension CriterionReference: Encodable {
    /// Encodes as `framework:id`.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
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
