import ArgumentParser
import MRAGateway
import MRAReconciliation

struct CrosswalkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crosswalk",
        abstract: "Print the criteria crosswalk (Mappings/criteria/crosswalk.xml) as a table for review.",
        discussion: """
            Each link joins two criteria of different frameworks with a strength (equivalent, partial, \
            related), a confidence and a source. --derived adds the links derived through the hub \
            framework (WCO SAFE) for programs with no direct link.
            """)

    @OptionGroup var common: CommonOptions
    @Option(help: "text, json, csv or html.") var format: ReportFormat = .text
    @Flag(help: "Include links derived through the hub framework.") var derived = false
    @Option(name: .shortAndLong, help: "Output file (default: standard output).") var output: String?

    func run() throws {
        try reportingFailures {
            let configuration = try common.loadConfiguration()
            let library: CriteriaLibrary
            do throws(ReconciliationError) {
                library = try CriteriaLibrary(home: configuration.home)
            } catch {
                throw Failure(error.description)
            }
            let text: String
            switch format {
            case .text: text = JSONOutline.text(library.crosswalkJSON(derived: derived)) + "\n"
            case .json: text = library.crosswalkJSON(derived: derived) + "\n"
            case .csv: text = library.crosswalkCSV(derived: derived)
            case .html: text = library.crosswalkHTML(derived: derived)
            }
            var sink = try OutputFile(path: output)
            sink.write(Array(text.utf8))
            try sink.finish(keep: true)
        }
    }
}

/// Output format of the reconciliation reports.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    /// The JSON report as an outline (``JSONOutline``).
    case text
    case json
    case csv
    case html
}
