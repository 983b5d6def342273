import Foundation

/// A running `mra-gateway serve` and the base URL it printed.
package struct GatewayServer {
    package let process: ServerProcess
    package let base: String

    /// `serve` on a free port over the registry file `registry`, with `arguments`.
    package init(_ arguments: [String], registry: String) async throws {
        try await self.init(["--registry", registry] + arguments)
    }

    /// `serve` on a free port with `arguments` (which say where the registry is), `environment` added to this
    /// process's.
    package init(_ arguments: [String], environment: [String: String] = [:]) async throws {
        process = try ServerProcess(
            GatewayCLI.executable, ["serve", "--port", "0", "--home", Repository.root] + arguments,
            environment: environment)
        let line = try await process.waitForLine(containing: "serving on ")
        guard let url = line.split(separator: " ").first(where: { $0.hasPrefix("http") }) else {
            throw CocoaError(.formatting, userInfo: [NSLocalizedDescriptionKey: "no URL in \(line)"])
        }
        base = String(url)
    }
}

/// HTTP requests through curl, as a client on the network makes them.
package enum Curl {
    /// An answer as curl saw it.
    package struct Answer {
        package var status: Int
        package var headers: String
        package var body: String
    }

    /// `url` fetched with curl's `options` (method, headers, data, cookie jar…).
    package static func fetch(_ url: String, _ options: [String] = []) async throws -> Answer {
        let folder = NSTemporaryDirectory() + "mra-curl-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try await ChildProcess.runDetached(
            "/usr/bin/env",
            ["curl", "-s", "-D", folder + "/headers", "-o", folder + "/body", "-w", "%{http_code}"] + options + [url])
        return Answer(
            status: Int(run.outputText) ?? 0,
            headers: (try? String(contentsOfFile: folder + "/headers", encoding: .utf8)) ?? "",
            body: (try? String(contentsOfFile: folder + "/body", encoding: .utf8)) ?? "")
    }
}
