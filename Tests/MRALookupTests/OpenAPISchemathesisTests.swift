import Foundation
import MRATestSupport
import Testing

/// The served API against its OpenAPI document, by schemathesis (from PyPI,
/// installed by scripts/install-dependencies.sh): every operation, with the
/// examples it generates from the document and the requests that break it,
/// over generated members. Any mismatch (a status or body the document does
/// not allow, a valid request refused, an invalid one taken) fails;
/// Tests/schemathesis.toml says where the document cannot say everything.
@Suite struct OpenAPISchemathesisTests {
    @Test func theServerAnswersAsItsOpenAPIDocumentSays() async throws {
        let registry = try LookupFixture.registry(members: 300)
        let server = try ServerProcess(
            GatewayCLI.executable, ["serve", "--registry", registry, "--port", "0", "--home", Repository.root])
        defer { server.stop() }
        let line = try await server.waitForLine(containing: "serving on http://")
        let base = try #require(line.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init))
        // In a folder of its own: schemathesis keeps its example database (.hypothesis/) where it runs.
        let folder = NSTemporaryDirectory() + "mra-schemathesis-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try await ChildProcess.runDetached(
            "/usr/bin/env",
            [
                "st", "--config-file", Repository.root + "/Tests/schemathesis.toml", "--no-color", "run",
                base + "/openapi.yaml", "--url", base, "--max-examples", "40", "--seed", "19",
            ], in: folder)
        #expect(
            run.status == 0,
            "schemathesis found mismatches (or is not installed: bash scripts/install-dependencies.sh):\n\(run.outputText.suffix(6000))\(run.errors.suffix(2000))"
        )
    }
}
