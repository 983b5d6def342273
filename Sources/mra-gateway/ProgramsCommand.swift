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
                for program in programs {
                    json.openObject()
                    json.field("id", program.id)
                    json.field("name", program.name)
                    json.field("shortName", program.shortName)
                    json.field("administration", program.administration)
                    json.field("country", program.country)
                    json.field("mraDate", program.mraDateWithCTPAT)
                    json.field("memberIdScheme", program.memberIdScheme)
                    json.field("mapping", program.mapping)
                    json.key("eligibility")
                    json.openObject()
                    json.key("authTypes")
                    json.openArray()
                    for type in program.eligibility.authTypes { json.string(type) }
                    json.closeArray()
                    json.key("statuses")
                    json.openArray()
                    for status in program.eligibility.statuses { json.string(status) }
                    json.closeArray()
                    json.key("consentRequired")
                    json.bool(program.eligibility.consentRequired)
                    json.closeObject()
                    json.key("arrangements")
                    json.openArray()
                    for arrangement in program.arrangements {
                        json.openObject()
                        json.field("with", arrangement.with)
                        json.field("signed", arrangement.signed)
                        json.field("inForce", arrangement.inForce)
                        json.closeObject()
                    }
                    json.closeArray()
                    json.closeObject()
                }
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
