import ArgumentParser
import MRAGateway
import MRAPlumbing
import MRARegistry
import MRARegistrySQLite

struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Read the registry.",
        subcommands: [RegistryExportCommand.self])
}

struct RegistryExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print every member as a canonical JSON line with its status history and MID links.",
        discussion: """
            Order: program, then member id (bytewise). Nothing depends on processing times, so equal \
            registry content gives equal bytes: for backups and comparisons. Each line is the canonical \
            record (docs/canonical-record.md) plus "source", "history" and "midLinks".
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var location: RegistryLocation
    @Option(help: "Only this program's members.") var program: String?

    func run() throws {
        try reportingFailures {
            // A program is matched against the catalogue, so a mistyped one fails rather than exports nothing.
            let program = try self.program.map { try common.loadConfiguration().programID($0) }
            guard let path = try location.path(common.settings()) else {
                throw ValidationError("give --root DIR or --registry FILE, or exchange.root in the configuration file")
            }
            let store: SQLiteRegistry
            do throws(RegistryError) {
                store = try SQLiteRegistry(path: path, create: false)
            } catch {
                throw Failure(error.description)
            }
            var output = StandardOutput()
            do {
                try store.forEachMember(program: program, changedSince: nil) { member in
                    output.write(RegistryExportWriter.line(member))
                    output.write("\n")
                }
            } catch {
                throw Failure("\(error)")
            }
            output.flush()
        }
    }
}
