import ArgumentParser
import MRAGateway
import MRAPlumbing
import MRARegistry
import MRARegistryPostgres

struct ExchangeStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the batch ledger, the members per program by status and what waits in the inbox.",
        discussion: """
            Members are the current ones, active or suspended; withdrawn and revoked members are counted \
            apart. Each ledger entry shows who released or requeued its quarantined file, and when. On a \
            PostgreSQL registry it also shows which instance holds which partner's lease (the partners whose \
            files an instance is working on).
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var exchange: ExchangeOptions
    @Option(help: "Show the last N ledger entries (default: all).") var last: Int?
    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() throws {
        try reportingFailures {
            let site = try exchange.site(common)
            let registry = try site.openRegistry()
            let partners = try common.loadConfiguration().catalogue.programs.map(\.id).sorted()
            let entries: [LedgerEntry]
            let counts: [String: MemberStatusCounts]
            let leases: [PartnerLease]
            /// The delivery attempts of outbound files not delivered yet, by ledger entry.
            var attempts: [Int64: [DeliveryAttempt]] = [:]
            do throws(RegistryError) {
                entries = try registry.ledger(limit: last).reversed()
                counts = try registry.statusCounts()
                leases = try registry.leases(on: partners)
                for entry in entries where entry.direction == .outbound && entry.deliveredAt == nil {
                    let tried = try registry.attempts(entry: entry.id)
                    if !tried.isEmpty { attempts[entry.id] = tried }
                }
            } catch {
                throw Failure(error.description)
            }
            var waiting: [String: Int] = [:]
            let inbox = site.folders.root + "/inbox"
            for program in (try? DurableFiles.folders(in: inbox)) ?? [] {
                let files = (try? DurableFiles.files(in: inbox + "/" + program)) ?? []
                if !files.isEmpty { waiting[program] = files.count }
            }
            switch format {
            case .json:
                var json = JSONText()
                json.object { json in
                    json.array("ledger", entries) { json, entry in
                        LedgerPrinter.write(entry, attempts: attempts[entry.id] ?? [], to: &json)
                    }
                    json.key("members")
                    Self.write(counts.mapValues(\.members), to: &json)
                    json.key("statuses")
                    Self.write(counts, to: &json)
                    json.key("inbox")
                    Self.write(waiting, to: &json)
                    json.array("leases", leases) { json, lease in
                        json.object { json in
                            json.field("partner", lease.partner)
                            json.field("holder", lease.holder)
                            json.field("address", lease.address)
                            json.field("since", lease.since)
                        }
                    }
                }
                print(json.text)
            case .text:
                print("ledger (\(entries.count) entries):")
                for entry in entries {
                    print("  " + LedgerPrinter.line(entry) + LedgerPrinter.pending(attempts[entry.id] ?? []))
                }
                print(Self.registryLine(counts))
                print("inbox: " + (waiting.isEmpty ? "empty" : Self.text(waiting)))
                // Only a registry several instances share has leases.
                if PostgresLocation.names(site.registry) {
                    print("partner leases: " + (leases.isEmpty ? "none held" : ""))
                    for lease in leases { print("  " + lease.description) }
                }
            }
        }
    }

    /// Counts per program as one JSON object, programs in order.
    private static func write(_ counts: [String: Int], to json: inout JSONText) {
        json.object { json in
            for (program, count) in counts.sorted(by: { $0.key < $1.key }) { json.field(program, count) }
        }
    }

    /// Each program's members by status as one JSON object, programs in order.
    private static func write(_ counts: [String: MemberStatusCounts], to json: inout JSONText) {
        json.object { json in
            for (program, count) in counts.sorted(by: { $0.key < $1.key }) {
                json.object(program) { json in
                    json.field("active", count.active)
                    json.field("suspended", count.suspended)
                    json.field("revoked", count.revoked)
                    json.field("withdrawn", count.withdrawn)
                }
            }
        }
    }

    /// `registry: N members (A active, S suspended); W withdrawn, R revoked`, then per program.
    static func registryLine(_ counts: [String: MemberStatusCounts]) -> String {
        var total = MemberStatusCounts()
        for count in counts.values {
            total.add(count.active, .active)
            total.add(count.suspended, .suspended)
            total.add(count.revoked, .revoked)
            total.add(count.withdrawn, .withdrawn)
        }
        var line = "registry: " + summary(total)
        for (program, count) in counts.sorted(by: { $0.key < $1.key }) {
            line += "\n  \(program): " + summary(count)
        }
        return line
    }

    private static func summary(_ count: MemberStatusCounts) -> String {
        "\(count.members) members (\(count.active) active, \(count.suspended) suspended); \(count.withdrawn) withdrawn, \(count.revoked) revoked"
    }

    /// Counts per program as `program count, …`, programs in order.
    private static func text(_ counts: [String: Int]) -> String {
        counts.sorted(by: { $0.key < $1.key }).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}

/// Ledger entries as text lines and JSON objects.
enum LedgerPrinter {
    static func line(_ entry: LedgerEntry) -> String {
        var line = String(zeroPadded: Int(entry.id), width: 6) + " "
        line += entry.direction == .inbound ? "in  " : "out "
        line += pad(entry.outcome.rawValue, 10)
        line += pad(entry.partner, 8) + " " + entry.fileName
        if let batchId = entry.batchId { line += " [\(batchId) \(entry.batchKind ?? "?")]" }
        let counts = entry.counts
        if entry.outcome == .applied {
            line +=
                ": \(counts.records) records (\(counts.inserted) new, \(counts.changed) changed, \(counts.unchanged) unchanged, \(counts.withdrawn) withdrawn)"
        } else if entry.outcome == .sent {
            line += ": \(counts.records) records"
        }
        if let reason = entry.reason {
            let headline = entry.message?.split(separator: "\n").first.map(String.init) ?? ""
            line += ": \(reason): \(headline)"
        }
        if let disposition = entry.disposition {
            line += " [\(disposition.action.rawValue) by \(disposition.by) at \(disposition.at)]"
        }
        if let deliveredAt = entry.deliveredAt {
            line += " [delivered \(deliveredAt): \(entry.partnerOutcome ?? "?")]"
        }
        return line
    }

    /// ` [not delivered: N attempts, the last at T: code]` for an outbound file tried and not delivered.
    static func pending(_ attempts: [DeliveryAttempt]) -> String {
        guard let last = attempts.last else { return "" }
        return
            " [not delivered: \(attempts.count) attempt(s), the last at \(last.attemptedAt): \(last.code ?? last.result.rawValue)]"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// The entry as a JSON object; `attempts`, for an outbound file not delivered yet, its delivery attempts.
    static func write(_ entry: LedgerEntry, attempts: [DeliveryAttempt] = [], to json: inout JSONText) {
        json.object { json in
            json.field("ledgerEntry", Int(entry.id))
            json.field("direction", entry.direction.rawValue)
            json.field("partner", entry.partner)
            json.field("file", entry.fileName)
            json.field("sha256", entry.digest)
            json.field("bytes", entry.byteCount)
            json.field("batchId", entry.batchId)
            json.field("batchKind", entry.batchKind)
            json.field("batchCreated", entry.batchCreated)
            json.field("receivedAt", entry.receivedAt)
            json.field("processedAt", entry.processedAt)
            json.field("outcome", entry.outcome.rawValue)
            json.field("reason", entry.reason)
            json.field("message", entry.message)
            json.object("counts") { json in
                let counts = entry.counts
                json.field("records", counts.records)
                json.field("accepted", counts.accepted)
                json.field("rejected", counts.rejected)
                json.field("inserted", counts.inserted)
                json.field("changed", counts.changed)
                json.field("unchanged", counts.unchanged)
                json.field("withdrawn", counts.withdrawn)
            }
            json.field("filed", entry.filed)
            if entry.direction == .outbound {
                json.field("deliveredAt", entry.deliveredAt)
                json.field("partnerOutcome", entry.partnerOutcome)
                json.array("deliveryAttempts", attempts) { json, attempt in
                    json.object { json in
                        json.field("at", attempt.attemptedAt)
                        json.field("endpoint", attempt.endpoint)
                        if let status = attempt.httpStatus { json.field("httpStatus", status) }
                        json.field("result", attempt.result.rawValue)
                        json.field("code", attempt.code)
                        json.field("message", attempt.message)
                    }
                }
            }
            if let disposition = entry.disposition {
                json.object("disposition") { json in
                    json.field("action", disposition.action.rawValue)
                    json.field("by", disposition.by)
                    json.field("at", disposition.at)
                }
            } else {
                json.key("disposition")
                json.null()
            }
        }
    }
}
