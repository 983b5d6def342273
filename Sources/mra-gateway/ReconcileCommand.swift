import ArgumentParser
import MRAGateway
import MRAReconciliation

struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract:
            "Reconcile validation findings across MRA programs: agreements, conflicts, gaps, status, revalidation.",
        discussion: """
            Reads findings files (any program with a mapping in Mappings/findings/; the format is found \
            from the root element), matches each trader across programs through its identifiers and MID \
            links, and compares each pair of programs' latest findings through the criteria crosswalk. \
            Trader statuses and validation dates come from member lists given with --members PROGRAM=FILE \
            (the registry will be a further source). Only traders with findings are reported unless \
            --all-members is given.

            Exit codes: 0 report written, no conflicts; 1 report written with conflicts, status conflicts \
            or overdue validations; 2 the gateway could not do the job.
            """)

    @OptionGroup var common: CommonOptions
    @Option(help: "text, json, csv or html.") var format: ReportFormat = .text
    @Option(
        name: .customLong("members"),
        help: ArgumentHelp("A member list for trader status, as PROGRAM=FILE (repeatable).", valueName: "program=file"))
    var members: [String] = []
    @Flag(help: "Report every trader of the member lists, not only those with findings.") var allMembers = false
    @Option(name: .shortAndLong, help: "Output file (default: standard output).") var output: String?
    @Argument(help: "Findings files.") var findings: [String] = []

    func validate() throws {
        for member in members where member.split(separator: "=", maxSplits: 1).count != 2 {
            throw ValidationError("--members takes PROGRAM=FILE, got \"\(member)\"")
        }
        if findings.isEmpty && !allMembers { throw ValidationError("give findings files, or --all-members") }
    }

    func run() throws {
        var clean = true
        try reportingFailures {
            let configuration = try common.loadConfiguration()
            let files = try members.map { member -> (program: String, path: String) in
                let parts = member.split(separator: "=", maxSplits: 1)
                return (try configuration.programID(String(parts[0])), String(parts[1]))
            }
            try InputFiles.requireReadable(findings + files.map(\.path))
            let today = try common.day()
            let report: ReconciliationReport
            do throws(ReconciliationError) {
                report = try ReconciliationRun(
                    configuration: configuration, today: today, includeAllMembers: allMembers
                )
                .report(findings: findings, members: files)
            } catch {
                throw Failure(error.description)
            }
            let text: String
            switch format {
            case .text: text = JSONOutline.text(report.json) + "\n"
            case .json: text = report.json + "\n"
            case .csv: text = report.csv
            case .html: text = report.html
            }
            var sink = try OutputFile(path: output)
            sink.write(Array(text.utf8))
            try sink.finish(keep: true)
            clean = report.count(.conflict) == 0 && report.statusConflictCount == 0 && report.overdueCount == 0
            printError(
                "reconcile: \(report.traders.count) traders, \(report.count(.agree)) agree, \(report.count(.conflict)) conflicts, \(report.count(.divergent)) divergent, \(report.count(.gap)) gaps, \(report.statusConflictCount) status conflicts, \(report.overdueCount) overdue"
            )
        }
        if !clean { throw ExitCode(1) }
    }
}
