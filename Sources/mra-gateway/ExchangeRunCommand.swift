import ArgumentParser
import Logging
import MRAGateway
import MRARegistry

struct ExchangeRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Process the inbox: verify, validate, map and load each partner file, then archive or quarantine it.",
        discussion: """
            Each file of inbox/<program>/ is verified against the partner's trust store (Certs/<program>/; \
            every CA of the signer's chain needs a CRL in crls/ unless --no-revocation-check is given), \
            read and checked, and loaded into the registry in one transaction with its ledger entry; then \
            it is archived with its verification report, or quarantined with a reason file, and a signed \
            receipt is written to receipts/<program>/. A file is removed from the inbox only after its \
            outcome is recorded and its copy is on disk. A killed run loses nothing: the next run finishes it.

            A full list withdraws the partner's members it no longer carries. One that would withdraw more \
            than a share of the partner's current members (active or suspended) is not applied but \
            quarantined (mass-withdrawal): the share is the configuration's \
            partners.<program>.max-withdrawal-share, else partner.xml's maxWithdrawalShare, else \
            --max-withdrawal-share (default 0.2). A partner the configuration disables \
            (partners.<program>.enabled: false) is left alone: its files wait in its inbox. `exchange release ENTRY` applies it once confirmed.

            Exit codes: 0 every file was applied (or the inbox was empty); 1 at least one file was not \
            applied (refused, rejected, duplicate, stale or a mass withdrawal: see quarantine/ and `exchange \
            status`); 2 the \
            job could not run (configuration, registry, disk, signing identity): files it did not reach \
            stay in the inbox; 3 another exchange job is working in the same root.
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var exchange: ExchangeOptions
    @OptionGroup var identity: IdentityOptions
    @Option(help: "text or json (the summary on standard output).") var format: OutputFormat = .text
    @Flag(help: "Accept partner signers whose chain lacks CRLs (each report says revocation was not checked).")
    var noRevocationCheck = false
    @Option(
        help: ArgumentHelp(
            "Largest share (0-1) of a partner's current members one full list may withdraw, for partners whose partner.xml sets none.",
            valueName: "share"))
    var maxWithdrawalShare = WithdrawalGuard.defaultMaxShare

    func validate() throws {
        guard (0...1).contains(maxWithdrawalShare) else {
            throw ValidationError("--max-withdrawal-share must be between 0 and 1 (0.2 is 20%)")
        }
    }

    func run() throws {
        var allApplied = true
        try reportingFailures {
            let site = try exchange.site(common)
            let logger = site.logger("mra-gateway.exchange")
            let lock = try site.lock()
            defer { withExtendedLifetime(lock) {} }
            var setup = try site.setup(common: common, identity: identity, logger: logger)
            setup.maxWithdrawalShare = maxWithdrawalShare
            if noRevocationCheck {
                setup.requiresRevocationCheck = false
                logger.warning("revocation is not required (--no-revocation-check): signers without CRLs are accepted")
            }
            let job = ExchangeJob(setup, progress: ProgressBar())
            let summary: ExchangeSummary
            do throws(ExchangeError) {
                summary = try job.run()
            } catch {
                CrashPoints.reportCount()
                throw error.commandError
            }
            CrashPoints.reportCount()
            allApplied = summary.allApplied
            SummaryPrinter(format: format).print(summary)
        }
        if !allApplied { throw ExitCode(1) }
    }
}

/// Prints what a run did: one line per file, then totals.
struct SummaryPrinter {
    let format: OutputFormat

    func print(_ summary: ExchangeSummary) {
        switch format {
        case .json:
            var json = JSONText()
            json.openObject()
            json.key("recovered")
            json.number(summary.recovered.count)
            json.key("files")
            json.openArray()
            for entry in summary.files { LedgerPrinter.write(entry, to: &json) }
            json.closeArray()
            json.array("leasedElsewhere", summary.leasedElsewhere) { json, lease in
                json.object { json in
                    json.field("partner", lease.partner)
                    json.field("holder", lease.holder)
                }
            }
            json.closeObject()
            Swift.print(json.text)
        case .text:
            if !summary.recovered.isEmpty {
                Swift.print("finished \(summary.recovered.count) file(s) of an interrupted run")
            }
            for entry in summary.files { Swift.print(LedgerPrinter.line(entry)) }
            for lease in summary.leasedElsewhere {
                Swift.print("left to the instance that holds its lease: " + lease.description)
            }
            let applied = summary.files.filter { $0.outcome == .applied }.count
            Swift.print(
                "\(summary.files.count) file(s): \(applied) applied, \(summary.files.count - applied) quarantined")
        }
    }
}
