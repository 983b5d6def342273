import MRAGateway

/// `registry export`: every member as one JSON line, in `program`,
/// `memberId` order, with nothing that depends on when or how often files
/// were processed, so equal content gives equal bytes (backups, comparisons).
///
/// A line is the canonical record (docs/canonical-record.md, `batchId` being
/// the partner batch that last changed it) followed by three fields:
/// `source` (the partner that supplies the member), `history` (status events,
/// oldest first: `event`, `effective`, `reason`, `cause`, `partner`,
/// `batchId`) and `midLinks` (`mid`, `validFrom`, `validTo`).
package enum RegistryExportWriter {
    package static func line(_ member: RegisteredMember) -> String {
        var json = JSONText()
        json.object { json in
            json.field("source", member.source)
            json.array("history", member.history) { json, event in
                json.object { json in
                    json.field("event", event.kind.rawValue)
                    json.field("effective", event.effective)
                    json.field("reason", event.reason)
                    json.field("cause", event.cause.rawValue)
                    json.field("partner", event.partner)
                    json.field("batchId", event.batchId)
                }
            }
            json.array("midLinks", member.links)
        }
        // Splice the extra members before the record's closing brace.
        var line = member.canonicalJSON
        guard line.hasSuffix("}") else { return line }
        line.removeLast()
        return line + "," + json.text.dropFirst()
    }
}
