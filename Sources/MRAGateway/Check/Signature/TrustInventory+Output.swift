import MRACrypto

extension TrustInventory {
    /// The inventory as text: a heading per partner (and `ours`), then one
    /// line per item: kind, file, status, validity and days left, subject,
    /// SHA-256 fingerprint.
    public var text: String {
        var lines: [String] = []
        for partner in partners {
            lines.append(partner.program)
            lines += partner.items.map(Self.line)
        }
        lines.append("ours")
        lines += ours.isEmpty ? ["  (no certificate given)"] : ours.map(Self.line)
        return lines.joined(separator: "\n")
    }

    private static func line(_ item: TrustItem) -> String {
        let until = item.validUntil.map(UnixTime.isoDate) ?? "no next update"
        let days = item.daysLeft.map { "\($0) day\($0 == 1 || $0 == -1 ? "" : "s") left" } ?? "no end"
        let note = item.note.map { " (\($0))" } ?? ""
        return
            "  \(item.kind.rawValue)  \(item.file)  \(item.status.rawValue)\(note)  \(UnixTime.isoDate(item.validFrom))..\(until)  \(days)  \(item.subject)  sha256:\(item.sha256)"
    }

    /// The inventory as one JSON object (`trust list --format json`):
    /// `checkedAt`, `windowDays`, `partners` (each `program` and `items`), `ours`.
    package func writeInventory(to json: inout JSONText) {
        json.object { json in
            writeHeader(to: &json)
            json.array("partners", partners) { json, partner in
                json.object { json in
                    json.field("program", partner.program)
                    json.array("items", partner.items) { json, item in Self.write(item, program: nil, to: &json) }
                }
            }
            json.array("ours", ours) { json, item in Self.write(item, program: nil, to: &json) }
        }
    }

    /// What needs attention as one JSON object (`trust check --format json`):
    /// `checkedAt`, `windowDays`, `ok`, `attention` (items as in the inventory, each with its `program`, or none for ours).
    package func writeAttention(to json: inout JSONText) {
        let attention = attention
        json.object { json in
            writeHeader(to: &json)
            json.field("ok", attention.isEmpty)
            json.array("attention", attention) { json, entry in
                Self.write(entry.item, program: entry.program, to: &json)
            }
        }
    }

    private func writeHeader(to json: inout JSONText) {
        json.field("checkedAt", UnixTime.isoDateTime(time))
        json.field("windowDays", Int(windowDays))
    }

    private static func write(_ item: TrustItem, program: String?, to json: inout JSONText) {
        json.object { json in
            json.field("program", program)
            json.field("kind", item.kind.rawValue)
            json.field("file", item.file)
            json.field(item.kind == .crl ? "issuer" : "subject", item.subject)
            json.field("sha256", item.sha256)
            json.field("validFrom", UnixTime.isoDateTime(item.validFrom))
            json.field("validUntil", item.validUntil.map(UnixTime.isoDateTime))
            json.field("daysLeft", item.daysLeft.map { Int($0) })
            json.field("status", item.status.rawValue)
            json.field("note", item.note)
        }
    }
}
