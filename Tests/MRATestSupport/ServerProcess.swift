import Foundation

/// A long-running program started by a test (`mra-gateway exchange serve`):
/// its standard error goes to a file the test reads; it is stopped with
/// SIGTERM, or killed, by the test, and always when the value goes away.
package final class ServerProcess: @unchecked Sendable {
    // @unchecked: the process handle is only started, signalled and waited on by the test that owns it.
    private let process = Process()
    /// Where standard error (the log) goes.
    package let logPath: String

    /// Starts `executable` with `arguments` in `folder`, `environment` added to this process's.
    package init(
        _ executable: String, _ arguments: [String], in folder: String? = nil, environment: [String: String] = [:]
    ) throws {
        logPath = NSTemporaryDirectory() + "mra-server-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: logPath)
    }

    /// The log so far.
    package var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    package var isRunning: Bool { process.isRunning }

    /// Waits until the log has a line containing `marker` and returns that line; throws when the process ends
    /// first or `timeout` passes.
    package func waitForLine(containing marker: String, timeout: Duration = .seconds(60)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        // Looked at once more after the deadline: a loaded machine may resume this task late.
        while true {
            if let line = log.split(separator: "\n").first(where: { $0.contains(marker) }) { return String(line) }
            guard process.isRunning else { throw Failure("the server ended before '\(marker)':\n\(log)") }
            guard ContinuousClock.now < deadline else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure("no '\(marker)' in the server's log within \(timeout):\n\(log)")
    }

    /// Sends SIGTERM and waits for the end; returns the exit status.
    @discardableResult
    package func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// SIGKILL, as a crash.
    package func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    package struct Failure: Error, CustomStringConvertible {
        package var description: String
        package init(_ description: String) { self.description = description }
    }
}
