import ArgumentParser
import MRAGateway

struct ProgramsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programs",
        abstract: "List the programs in the catalogue (id, name, country, MRA date with CTPAT).")

    @OptionGroup var common: CommonOptions
    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() throws {
        try reportingFailures {
            let configuration = try common.loadConfiguration()
            let programs = configuration.catalogue.programs
            switch format {
            case .json:
                var json = JSONText()
                json.openArray()
                for program in programs { program.write(to: &json) }
                json.closeArray()
                print(json.text)
            case .text:
                let rows = programs.map { [$0.id, $0.country, $0.mraDateWithCTPAT ?? "(own program)", $0.name] }
                printTable(header: ["ID", "COUNTRY", "MRA WITH CTPAT", "NAME"], rows: rows)
            }
        }
    }
}

/// Prints rows as left-aligned columns.
func printTable(header: [String], rows: [[String]]) {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    for row in all {
        let cells = row.enumerated().map { column, cell in
            column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
        }
        print(cells.joined(separator: "  "))
    }
}

extension Program {
    /// The catalogue entry as one JSON object.
    fileprivate func write(to json: inout JSONText) {
        json.object { json in
            json.field("id", id)
            json.field("name", name)
            json.field("shortName", shortName)
            json.field("administration", administration)
            json.field("country", country)
            json.field("mraDate", mraDateWithCTPAT)
            json.field("memberIdScheme", memberIdScheme)
            json.field("mapping", mapping)
            json.object("eligibility") { json in
                json.array("authTypes", strings: eligibility.authTypes)
                json.array("statuses", strings: eligibility.statuses)
                json.field("consentRequired", eligibility.consentRequired)
            }
            json.array("arrangements", arrangements)
            json.array("rules", self.rules.settings) { json, setting in
                json.object { json in
                    json.field("rule", setting.rule)
                    json.field("field", setting.field)
                    json.field("severity", setting.severity.rawValue)
                    json.field("note", setting.note)
                }
            }
        }
    }
}
