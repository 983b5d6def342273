import Foundation

/// The built `mra-gateway` executable, run as a user would.
package enum GatewayCLI {
    /// The built executable, next to the test bundle.
    package static let executable: String = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("mra-gateway").path)
        {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("mra-gateway").path
    }()

    /// Runs the gateway with `arguments` in the repository, `environment` added to this process's; returns exit
    /// code, stdout, stderr.
    package static func run(
        _ arguments: [String], environment: [String: String] = [:]
    ) throws -> (Int32, String, String) {
        let result = try ChildProcess.run(executable, arguments, in: Repository.root, environment: environment)
        return (result.status, result.outputText, result.errors)
    }
}
