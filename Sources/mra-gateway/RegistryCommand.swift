import ArgumentParser
import MRAGateway
import MRAPlumbing
import MRARegistry
import MRARegistryPostgres
import MRARegistrySQLite

struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Read the registry, or move it to PostgreSQL.",
        subcommands: [RegistryExportCommand.self, RegistryMigrateCommand.self])
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
            let store = try ExchangeSite.openRegistry(path, settings: try common.settings(), create: false)
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

struct RegistryMigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract:
            "Copy a SQLite registry into an empty PostgreSQL database: every table, every id, in one transaction.",
        discussion: """
            The database gets the registry's schema first (the same version as the SQLite file's). It must hold \
            no registry yet: a migration into one that does is refused and changes nothing. The password comes \
            from MRA_REGISTRY_PASSWORD or --registry-password-file (exchange.registry-password-file), never from \
            the URL. Stop the exchange while it runs: the copy is of the file as it is when it starts.

            Exit codes: 0 copied; 2 nothing was changed (the file, the database, the password, a database not empty).
            """)

    @OptionGroup var common: CommonOptions
    @Option(help: "The SQLite registry file to copy.") var from: String
    @Option(help: "The PostgreSQL database: postgres://USER@HOST[:PORT]/DATABASE[?sslmode=...].") var to: String
    @Option(help: "A file whose first line is the database password (default: exchange.registry-password-file).")
    var registryPasswordFile: String?

    func run() throws {
        try reportingFailures {
            let location = try RegistryPassword.location(to, try common.settings(), file: registryPasswordFile)
            let loaded: [String: Int]
            do throws(RegistryError) {
                let source = try SQLiteRegistry(path: from, create: false)
                loaded = try PostgresImport.load(source, into: try PostgresLink(location))
            } catch {
                throw Failure(error.description)
            }
            let tables = RegistryTables.all.map { "\($0.name) \(loaded[$0.name] ?? 0)" }.joined(separator: ", ")
            print("copied \(from) into \(location): \(tables)")
        }
    }
}
