import Foundation

/// A program run to its end, as the tests run `openssl`, `xmlsec1`, `xmllint` and the built `mra-gateway`.
package enum ChildProcess {
    /// What a finished program left: its exit status, its standard output and its standard error.
    package struct Result: Sendable {
        /// The exit status.
        package var status: Int32
        /// Everything written to standard output.
        package var output: [UInt8]
        /// Everything written to standard error, as text.
        package var errors: String

        /// Standard output as text.
        package var outputText: String { String(decoding: output, as: UTF8.self) }
    }

    /// ``run(_:_:input:in:environment:)`` waited for on a dispatch thread: an async test must not block one of
    /// Swift's few cooperative threads on a child process, which would starve the servers other suites run.
    package static func runDetached(
        _ executable: String, _ arguments: [String], in folder: String? = nil, environment: [String: String] = [:]
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Swift.Result { try run(executable, arguments, in: folder, environment: environment) })
            }
        }
    }

    /// Runs `executable` with `arguments`, feeds it `input` (or nothing) and waits for it to end.
    /// `environment` is added to (and overrides) this process's environment.
    ///
    /// Standard error goes to a temporary file rather than a pipe, so a program that writes much to both streams
    /// cannot block on a full pipe that nobody reads.
    package static func run(
        _ executable: String, _ arguments: [String], input: [UInt8]? = nil, in folder: String? = nil,
        environment: [String: String] = [:]
    ) throws -> Result {
        let errorsPath = NSTemporaryDirectory() + "mra-child-\(UUID().uuidString).err"
        _ = FileManager.default.createFile(atPath: errorsPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorsPath) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let output = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorsPath))
        process.standardInput = standardInput
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(Data(input)) }
        try standardInput.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errors = (try? Data(contentsOf: URL(fileURLWithPath: errorsPath))) ?? Data()
        return Result(
            status: process.terminationStatus, output: Array(outputData),
            errors: String(decoding: errors, as: UTF8.self))
    }
}
