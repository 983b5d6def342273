import ArgumentParser
import Foundation
import MRAGateway

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(
        help: "Folder with Schemas/, Mappings/ and Certs/ (default: found from the current folder or the executable).")
    var home: String?

    @Option(
        help: ArgumentHelp(
            "Configuration file, YAML (default: MRA_GATEWAY_CONFIG, else /etc/mra-gateway/gateway.yaml if it exists).",
            valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Check dates against this day instead of today (YYYY-MM-DD).", visibility: .hidden))
    var today: String?

    /// The settings: flags over the environment over the configuration file (``GatewaySettings``).
    func settings() throws -> GatewaySettings {
        try GatewaySettings(configFlag: config)
    }

    /// The home folder `--home`, `MRA_GATEWAY_HOME` or the file's `home` give, if any (else it is searched for).
    func homePath() throws -> String? {
        try settings().string(.home, flag: home)?.value
    }

    /// The window of the expiry warnings, in days (`trust.warning-days`, default 30).
    func warningDays() throws -> Int64 {
        Int64(try settings().count(.trustWarningDays, flag: nil, default: Int(Signer.expiryWarningDays)).value)
    }

    /// Loads the configuration, or exits with code 2 and the reason.
    func loadConfiguration() throws -> GatewayConfiguration {
        try GatewayConfiguration.load(home: try homePath())
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
        } catch {
            throw commandFailure(error)
        }
    }

    /// ``reportingFailures(_:)`` for an asynchronous command.
    func reportingFailuresAsync(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            throw commandFailure(error)
        }
    }

    /// An exit code or a usage error as it is; anything else printed, then exit code 2.
    private func commandFailure(_ error: any Error) -> any Error {
        switch error {
        case let exit as ExitCode: return exit
        case let usage as ValidationError: return usage
        case let failure as Failure:
            printError("mra-gateway: \(failure.description)")
            return ExitCode(2)
        default:
            printError("mra-gateway: \(error)")
            return ExitCode(2)
        }
    }
}
