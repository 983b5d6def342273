import ArgumentParser
import MRARegistry

struct ExchangeReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Apply a full list the guard against mass withdrawal quarantined, once the partner confirms it.",
        discussion: """
            ENTRY is the quarantined file's ledger entry (`exchange status`, the NNNNNN of its name in \
            quarantine/), quarantined with reason mass-withdrawal. The release (who, when) is recorded in \
            that entry; the file goes back to the inbox and is processed at once, with the guard waived for \
            this file only: verified, checked, loaded in one transaction under a ledger entry of its own, \
            archived, and answered with a signed receipt. A second release of the same entry is refused. An \
            interrupted release is finished by running the command again.

            Exit codes: 0 the file was applied; 1 the entry cannot be released (none such, not a \
            mass-withdrawal, already released) or the file was not applied this time (quarantined again: \
            see its reason); 2 the job could not run; 3 another exchange job holds the root.
            """)

    @OptionGroup var options: QuarantinedEntryOptions
    @Option(help: "text or json (the released file's ledger entry).") var format: OutputFormat = .text

    func run() throws {
        var applied = false
        try reportingFailures {
            let processed = try options.run { (job, entry, by) throws(ExchangeError) -> LedgerEntry in
                try job.release(entry, by: by)
            }
            applied = processed.outcome == .applied
            var summary = ExchangeSummary()
            summary.files = [processed]
            SummaryPrinter(format: format).print(summary)
        }
        if !applied { throw ExitCode(1) }
    }
}
