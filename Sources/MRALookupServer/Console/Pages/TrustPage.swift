import Hummingbird
import MRACrypto
import MRAGateway
import MRALookup

/// `/console/trust`: every partner's anchors, intermediates and CRLs and our
/// certificates, soonest to end first, as `trust list` assesses them.
struct TrustPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let program: String
        let kind: String
        let file: String
        let subject: String
        /// The day it ends (a CRL: goes stale), `YYYY-MM-DD`.
        let validUntil: String?
        let daysLeft: Int64?
        let status: String
        /// `ok`, `warn` or `bad`.
        let tone: String
        let note: String?
    }

    /// Whether the server reads the trust stores at all.
    let available: Bool
    let windowDays: Int64
    /// When the stores were last read, ISO 8601 UTC (they are read again every five minutes at most).
    let assessedAt: String
    let needingAttention: Int
    let failures: [String]
    /// Only what needs attention (`?attention=1`).
    let onlyAttention: Bool
    let rows: [Row]
}

extension ConsolePages {
    func trust(_ request: Request) throws(LookupError) -> TrustPage {
        let onlyAttention = try Self.choice(request, "attention", in: ["0", "1"]) == "1"
        guard let reading = sources.trust?.value() else {
            return TrustPage(
                available: false, windowDays: 0, assessedAt: "", needingAttention: 0, failures: [],
                onlyAttention: onlyAttention, rows: [])
        }
        let items = reading.items
        let rows = items.filter { !onlyAttention || $0.item.needsAttention }.map { program, item in
            TrustPage.Row(
                program: program, kind: item.kind.rawValue, file: item.file, subject: item.subject,
                validUntil: item.validUntil.map { UnixTime.isoDate($0) }, daysLeft: item.daysLeft,
                status: item.status.rawValue, tone: Self.tone(item.status), note: item.note)
        }.sorted { ($0.daysLeft ?? .max, $0.program, $0.file) < ($1.daysLeft ?? .max, $1.program, $1.file) }
        return TrustPage(
            available: true, windowDays: reading.inventory.windowDays,
            assessedAt: UnixTime.isoDate(reading.inventory.time),
            needingAttention: items.filter(\.item.needsAttention).count,
            failures: reading.failures, onlyAttention: onlyAttention, rows: rows)
    }

    static func tone(_ status: TrustItem.Status) -> String {
        switch status {
        case .valid: "ok"
        case .expiring, .notYetValid: "warn"
        case .expired, .stale, .refused, .crlMissing: "bad"
        }
    }
}
