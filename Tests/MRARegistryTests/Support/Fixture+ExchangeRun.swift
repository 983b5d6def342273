import Foundation
import MRAPostgresTestSupport
import MRARegistry
import MRATestSupport

extension Fixture {
    /// `mra-gateway exchange run` on `folders` and their registry, started as a process of its own, as an
    /// operator's scheduler starts it: quiet (`--log-level critical`, its output discarded), `arguments` added
    /// to its command line and `environment` to its environment, its standard error sent to `errors`
    /// (a `Pipe` or a `FileHandle`).
    static func startExchangeRun(
        _ folders: ExchangeFolders, arguments: [String] = [], environment: [String: String] = [:],
        errorsTo errors: Any = FileHandle.nullDevice
    ) throws -> Process {
        let registry = RegistryBackend.registry(of: folders.root)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: GatewayCLI.executable)
        process.arguments =
            [
                "exchange", "run", "--root", folders.root, "--registry", registry, "--home", Repository.root,
                "--log-level", "critical",
            ] + arguments
        process.environment = ProcessInfo.processInfo.environment
            .merging(RegistryBackend.environment(registry: registry)) { $1 }
            .merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        return process
    }

    /// `exchange run` on `folders` to its end: its exit status and what it wrote to standard error.
    static func runExchange(_ folders: ExchangeFolders) throws -> (status: Int32, errors: String) {
        let errors = Pipe()
        return finish(try startExchangeRun(folders, errorsTo: errors), errors: errors)
    }

    /// Waits for `process`, started with its standard error sent to `errors`, to end: its exit status and what
    /// it wrote there.
    static func finish(_ process: Process, errors: Pipe) -> (status: Int32, errors: String) {
        let written = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: written, as: UTF8.self))
    }
}
