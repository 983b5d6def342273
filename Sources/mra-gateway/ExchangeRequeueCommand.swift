import ArgumentParser
import MRAGateway
import MRARegistry

struct ExchangeRequeueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requeue",
        abstract: "Put a quarantined file back in the inbox once its cause is fixed; the next run processes it.",
        discussion: """
            ENTRY is the quarantined file's ledger entry (`exchange status`, the NNNNNN of its name in \
            quarantine/). The requeue (who, when) is recorded in that entry, then the file is copied back to \
            inbox/<program>/ under its name and only then removed from the quarantine (with its reason file: \
            the ledger keeps the reason). The next `exchange run` processes it like a new file, under a \
            ledger entry of its own. An interrupted requeue is finished by running the command again.

            Exit codes: 0 the file is back in the inbox; 1 the entry cannot be requeued (none such, applied, \
            released, already requeued, or another file of that name waits in the inbox); 2 the job could \
            not run; 3 another exchange job holds the root.
            """)

    @OptionGroup var options: QuarantinedEntryOptions
    @Option(help: "text or json (the entry with its requeue).") var format: OutputFormat = .text

    func run() throws {
        try reportingFailures {
            let requeued = try options.run { (job, entry, by) throws(ExchangeError) -> LedgerEntry in
                try job.requeue(entry, by: by)
            }
            switch format {
            case .json:
                var json = JSONText()
                LedgerPrinter.write(requeued, to: &json)
                print(json.text)
            case .text:
                print(LedgerPrinter.line(requeued))
                print(
                    "back in \(try options.exchange.site(options.common).folders.inbox(requeued.partner))/\(requeued.fileName) for the next run"
                )
            }
        }
    }
}
