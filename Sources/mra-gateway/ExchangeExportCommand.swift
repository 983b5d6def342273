import ArgumentParser
import MRAGateway
import MRARegistry

struct ExchangeExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write our CTPAT members eligible for a partner, in its format, signed, into outbox/PROGRAM/.",
        discussion: """
            Eligibility comes from the catalogue (CTPAT: tiers 1-3, active, consent to sharing). --full (the \
            default) sends every eligible member; --since DATE sends the members whose record changed in the \
            registry since DATE (00:00 UTC) and meet the tier and consent rules, whatever their status now, so \
            the partner learns of suspensions, revocations and withdrawals. The file is recorded in the ledger. \
            The list is checked against the partner's schema before it is signed: one that fails is not \
            written nor recorded. Exit codes: 0 written (or nothing to send); 1 the list would not be valid \
            against the partner's schema; 2 the job could not run; 3 another job holds the root.
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var exchange: ExchangeOptions
    @OptionGroup var identity: IdentityOptions
    @Option(help: "Partner program to send to.") var program: String
    @Option(help: "Send only the changes since this day (YYYY-MM-DD).") var since: String?
    @Flag(help: "Send the whole eligible list (the default).") var full = false
    @Option(help: "text or json (the file's ledger entry, null when there was nothing to send).")
    var format: OutputFormat = .text

    func validate() throws {
        if full && since != nil { throw ValidationError("give --since DATE or --full, not both") }
        if let since, CalendarDate(iso: since) == nil { throw ValidationError("--since must be YYYY-MM-DD") }
    }

    func run() throws {
        try reportingFailures {
            let site = try exchange.site(common)
            let logger = site.logger("mra-gateway.exchange")
            let lock = try site.lock()
            defer { withExtendedLifetime(lock) {} }
            let setup = try site.setup(common: common, identity: identity, logger: logger)
            let program = try setup.configuration.programID(self.program)
            var export = OutboundExport(setup)
            export.progress = ProgressBar()
            do throws(ExchangeError) {
                let sent = try export.run(partner: program, since: since.map { "\($0)T00:00:00Z" })
                if format == .json {
                    var json = JSONText()
                    json.object { json in
                        json.field("program", program)
                        json.field("file", sent.map { site.folders.outbox(program) + "/" + $0.fileName })
                        json.key("ledgerEntry")
                        if let sent { LedgerPrinter.write(sent, to: &json) } else { json.null() }
                    }
                    print(json.text)
                } else if let entry = sent {
                    print(
                        site.folders.outbox(program) + "/" + entry.fileName
                            + ": \(entry.counts.records) members (\(entry.batchKind ?? "full"), batch \(entry.batchId ?? "-"))"
                    )
                } else {
                    print("nothing to send to \(program)")
                }
            } catch {
                throw error.commandError
            }
        }
    }
}
