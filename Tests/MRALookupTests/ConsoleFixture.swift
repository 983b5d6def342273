import Foundation
import MRATestSupport
import Testing

/// An exchange root as operators find it after a round with problems, and
/// the console served over it.
enum ConsoleFixture {
    /// A root after `exchange demo --with-problems` and `exchange run`: 21
    /// partner files applied, 4 quarantined (a tampered, an unsigned, a
    /// duplicate and an out-of-order file).
    static func exchangeRoot() async throws -> String {
        let root = NSTemporaryDirectory() + "mra-console-" + UUID().uuidString
        let demo = try await ChildProcess.runDetached(
            GatewayCLI.executable, ["exchange", "demo", "--root", root, "--with-problems", "--home", Repository.root])
        #expect(demo.status == 0, "\(demo.errors)")
        let run = try await ChildProcess.runDetached(
            GatewayCLI.executable, ["exchange", "run", "--root", root, "--home", Repository.root])
        // 1: some files were not applied, as staged.
        #expect(run.status == 1, "\(run.errors)")
        return root
    }

    /// `serve` over `root`'s registry, the console reconciling the example findings.
    static func server(root: String, _ arguments: [String] = []) async throws -> GatewayServer {
        try await GatewayServer(
            ["--root", root, "--findings", Repository.root + "/Examples/findings"] + arguments)
    }

    /// A page's JSON.
    static func json(_ server: GatewayServer, _ path: String, _ options: [String] = []) async throws -> [String: Any] {
        let answer = try await Curl.fetch(server.base + path, options + ["-H", "Accept: application/json"])
        #expect(answer.status == 200, "\(path): \(answer.status) \(answer.body)")
        return try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])
    }

    /// The form token of the page at `path` (what its forms carry).
    static func formToken(_ server: GatewayServer, _ path: String, _ options: [String] = []) async throws -> String {
        let page = try await Curl.fetch(server.base + path, options)
        let marker = #"name="formToken" value=""#
        let start = try #require(page.body.range(of: marker), "no form on \(path)").upperBound
        return String(page.body[start...].prefix { $0 != "\"" })
    }
}
