import ArgumentParser
import Foundation

/// Who runs a command that changes what becomes of a quarantined file, for the ledger.
struct OperatorOption: ParsableArguments {
    @Option(
        name: .customLong("operator"),
        help: "Who does this, for the ledger (default: the login name, $USER or $LOGNAME).")
    var name: String?

    /// The name given, else the login name of the environment, else the user id.
    var resolved: String {
        if let name, !name.isEmpty { return name }
        let environment = ProcessInfo.processInfo.environment
        for variable in ["USER", "LOGNAME"] {
            if let login = environment[variable], !login.isEmpty { return login }
        }
        return "uid \(getuid())"
    }
}
