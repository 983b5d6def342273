import ArgumentParser
import Foundation
import MRAGateway

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(
        help: "Folder with Schemas/, Mappings/ and Certs/ (default: found from the current folder or the executable).")
    var home: String?

    @Option(help: ArgumentHelp("Check dates against this day instead of today (YYYY-MM-DD).", visibility: .hidden))
    var today: String?

    /// Loads the configuration, or exits with code 2 and the reason.
    func loadConfiguration() throws -> GatewayConfiguration {
        try GatewayConfiguration.load(home: home)
    }

    /// The day dates are checked against.
    func day() throws -> CalendarDate {
        if let today {
            guard let date = CalendarDate(iso: today) else { throw ValidationError("--today must be YYYY-MM-DD") }
            return date
        }
        return CalendarDate.today()
    }
}

/// Output format of reports.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// A failure the gateway reports on standard error with exit code 2.
struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Writes to standard error.
func printError(_ text: String) {
    ProgressBar.writeLine(text)
}

extension ParsableCommand {
    /// Runs `body`, turning every error but an exit code and a usage error (``ValidationError``, exit 64) into a
    /// message and exit code 2: a ``Failure``, a configuration error (``MappingError``, an unknown program among
    /// them), anything else the gateway could not do.
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch let usage as ValidationError {
            throw usage
        } catch let failure as Failure {
            printError("mra-gateway: \(failure.description)")
            throw ExitCode(2)
        } catch {
            printError("mra-gateway: \(error)")
            throw ExitCode(2)
        }
    }
}
