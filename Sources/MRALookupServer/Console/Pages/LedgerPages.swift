import Foundation
import Hummingbird
import MRALookup
import MRARegistry

/// One ledger entry as a row of the ledger or the quarantine.
struct LedgerRow: Encodable, Sendable {
    let id: Int64
    let link: String
    let direction: String
    let partner: String
    let file: String
    let receivedAt: String
    let outcome: String
    /// `ok`, `warn` or `bad`: how the outcome is coloured.
    let tone: String
    /// Records and what they changed, or the reason.
    let summary: String
    let disposition: String?

    init(_ entry: LedgerEntry) {
        id = entry.id
        link = ConsolePaths.entry(entry.id)
        direction = entry.direction.rawValue
        partner = entry.partner
        file = entry.fileName
        receivedAt = entry.receivedAt
        outcome = entry.outcome.rawValue
        tone = Self.tone(entry.outcome)
        let counts = entry.counts
        switch entry.outcome {
        case .applied:
            summary =
                "\(counts.records) records: \(counts.inserted) new, \(counts.changed) changed, \(counts.unchanged) unchanged, \(counts.withdrawn) withdrawn"
        case .sent: summary = "\(counts.records) records"
        default:
            let headline = entry.message?.split(separator: "\n").first.map(String.init)
            summary = [entry.reason, headline].compactMap { $0 }.joined(separator: ": ")
        }
        disposition = entry.disposition.map { "\($0.action.rawValue) by \($0.by) at \($0.at)" }
    }

    static func tone(_ outcome: LedgerEntry.Outcome) -> String {
        switch outcome {
        case .applied, .sent: "ok"
        case .duplicate: "warn"
        case .refused, .rejected: "bad"
        }
    }
}

/// `/console/ledger`: entries newest first, filtered by partner, direction, outcome and days received.
struct LedgerListPage: Encodable, Sendable {
    struct Filter: Encodable, Sendable {
        let partner: String?
        let direction: String?
        let outcome: String?
        let from: String?
        let through: String?
    }

    let filter: Filter
    let partners: [ConsolePages.Option]
    let directions: [ConsolePages.Option]
    let outcomes: [ConsolePages.Option]
    /// Entries matching, over every page.
    let total: Int
    let entries: [LedgerRow]
    /// The next (older) page, when there is one.
    let olderPage: String?
}

/// `/console/quarantine`: files not applied that wait in the quarantine for an operator.
struct QuarantinePage: Encodable, Sendable {
    let total: Int
    let entries: [LedgerRow]
    /// Whether requeue and release can be done from here (the server knows the exchange root).
    let actionsAvailable: Bool
}

/// `/console/ledger/{id}`: one entry with everything the ledger keeps of it.
struct LedgerEntryPage: Encodable, Sendable {
    struct Counts: Encodable, Sendable {
        let records, accepted, rejected, inserted, changed, unchanged, withdrawn: Int
    }

    struct Attempt: Encodable, Sendable {
        let at: String
        let endpoint: String
        let httpStatus: Int?
        let result: String
        let code: String?
        let message: String?
    }

    let row: LedgerRow
    let sha256: String
    let bytes: Int
    let batchId: String?
    let batchKind: String?
    let batchCreated: String?
    let processedAt: String
    let reason: String?
    let message: String?
    let counts: Counts
    let filed: Bool
    let deliveredAt: String?
    let partnerOutcome: String?
    /// The verification report, indented.
    let verification: String?
    /// The signed receipt (ours for a file received, the partner's for one delivered).
    let receipt: String?
    let attempts: [Attempt]
    /// Still in the quarantine: inbound, not applied, filed there, neither requeued nor released.
    let quarantined: Bool
    let canRequeue: Bool
    /// Only a file the guard against mass withdrawal stopped can be released.
    let canRelease: Bool
    /// Why the buttons are missing, when the file is quarantined but the server cannot act on it.
    let actionsNote: String?
    /// What the last action did, after a requeue or release.
    let notice: String?
}

extension ConsolePages {
    static let directionValues = ["inbound", "outbound"]
    static let outcomeValues = LedgerEntry.Outcome.allCases.map(\.rawValue)

    func ledgerList(_ request: Request) throws(LookupError) -> LedgerListPage {
        let partner = try Self.choice(request, "partner", in: programs)
        let direction = try Self.choice(request, "direction", in: Self.directionValues)
        let outcome = try Self.choice(request, "outcome", in: Self.outcomeValues)
        let from = try Self.date(request, "from")
        let through = try Self.date(request, "through")
        var before: Int64?
        if let text = Self.parameter(request, "before") {
            guard let id = Int64(text), id > 0 else {
                throw LookupError(.invalidParameter, "before is \"\(text)\"; it takes a ledger entry number")
            }
            before = id
        }
        let query = LedgerQuery(
            partner: partner, direction: direction.flatMap(LedgerEntry.Direction.init(rawValue:)),
            outcome: outcome.flatMap(LedgerEntry.Outcome.init(rawValue:)), from: from, through: through,
            before: before, limit: 100)
        let page = try read { reader throws(RegistryError) in try reader.ledgerEntries(matching: query) }
        var olderPage: String?
        if let last = page.entries.last, page.entries.count == query.limit {
            olderPage = ConsolePaths.with(
                ConsolePaths.ledger,
                [
                    ("partner", partner), ("direction", direction), ("outcome", outcome), ("from", from),
                    ("through", through), ("before", String(last.id)),
                ])
        }
        return LedgerListPage(
            filter: .init(partner: partner, direction: direction, outcome: outcome, from: from, through: through),
            partners: Self.options(programs, current: partner),
            directions: Self.options(Self.directionValues, current: direction),
            outcomes: Self.options(Self.outcomeValues, current: outcome), total: page.total,
            entries: page.entries.map(LedgerRow.init), olderPage: olderPage)
    }

    func quarantine() throws(LookupError) -> QuarantinePage {
        let page = try read { reader throws(RegistryError) in
            try reader.ledgerEntries(matching: LedgerQuery(quarantinedOnly: true, limit: 1_000))
        }
        return QuarantinePage(
            total: page.total, entries: page.entries.map(LedgerRow.init), actionsAvailable: sources.quarantine != nil)
    }

    func ledgerEntry(_ text: String, notice: String? = nil) throws(LookupError) -> LedgerEntryPage {
        guard let id = Int64(text), id > 0 else {
            throw LookupError(.invalidParameter, "\"\(text)\" is not a ledger entry number")
        }
        let (found, attempts) = try read { reader throws(RegistryError) in
            (try reader.ledgerEntry(id), try reader.deliveryAttempts(entry: id))
        }
        guard let entry = found else { throw LookupError(.notFound, "there is no ledger entry \(id)") }
        let quarantined =
            entry.direction == .inbound && entry.outcome != .applied && entry.filed && entry.disposition == nil
        let counts = entry.counts
        return LedgerEntryPage(
            row: LedgerRow(entry), sha256: entry.digest, bytes: entry.byteCount, batchId: entry.batchId,
            batchKind: entry.batchKind, batchCreated: entry.batchCreated, processedAt: entry.processedAt,
            reason: entry.reason, message: entry.message,
            counts: .init(
                records: counts.records, accepted: counts.accepted, rejected: counts.rejected,
                inserted: counts.inserted, changed: counts.changed, unchanged: counts.unchanged,
                withdrawn: counts.withdrawn),
            filed: entry.filed, deliveredAt: entry.deliveredAt, partnerOutcome: entry.partnerOutcome,
            verification: entry.verification.map(Self.indented), receipt: entry.receipt.map(Self.receiptText),
            attempts: attempts.map {
                .init(
                    at: $0.attemptedAt, endpoint: $0.endpoint, httpStatus: $0.httpStatus, result: $0.result.rawValue,
                    code: $0.code, message: $0.message)
            },
            quarantined: quarantined, canRequeue: quarantined && sources.quarantine != nil,
            canRelease: quarantined && sources.quarantine != nil && entry.reason == ExchangeReason.massWithdrawal,
            actionsNote: quarantined && sources.quarantine == nil
                ? "serve with --root (or exchange.root) to requeue or release from here; `mra-gateway exchange requeue \(id)` does it meanwhile"
                : nil,
            notice: notice)
    }

    /// A JSON report indented for reading; as it is when it is not JSON.
    static func indented(_ json: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)),
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return json }
        return String(decoding: data, as: UTF8.self)
    }

    /// A receipt's XML as text, its first 256 KiB.
    static func receiptText(_ bytes: [UInt8]) -> String {
        let limit = 256 * 1024
        guard bytes.count > limit else { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: bytes.prefix(limit), as: UTF8.self)
            + "\n… \(bytes.count - limit) more bytes (the receipts folder of the exchange root has the whole receipt)"
    }
}
