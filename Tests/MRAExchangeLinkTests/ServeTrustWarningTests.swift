import Foundation
import MRATestSupport
import Testing

/// `exchange serve` warns about partners' trust material that needs
/// attention (`trust-material-expiring`) when it starts and then daily, not
/// each time its watcher runs the inbox job for files that arrive.
@Suite struct ServeTrustWarningTests {
    @Test func serveWarnsAboutTrustMaterialAtStartAndNotForEachFileItsWatcherProcesses() async throws {
        let folder = NSTemporaryDirectory() + "mra-serve-warnings-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let a = try GatewaySite(in: folder, name: "a", ownProgram: "ctpat")
        // A window that reaches past every DEMO certificate and CRL: each item of each store needs attention.
        let (server, _) = try await a.serve(environment: ["MRA_TRUST_WARNING_DAYS": "100000"])
        defer { server.stop() }

        try await a.drop(CTPATLists.sample, as: "ctpat", name: "ctpat-full.xml")
        try await waitForLog(server, count: 1, of: "file applied")
        let warnedAtStart = lines(of: "trust-material-expiring: ", in: server.log)
        #expect(warnedAtStart > 0, "\(server.log)")

        let delta = folder + "/delta.xml"
        try CTPATLists.delta(
            status: "SUSPENDED", batchId: "CBP-CTPAT-MRA-202611-0101", created: "2026-11-20T10:00:00-05:00", to: delta)
        try await a.drop(delta, as: "ctpat", name: "ctpat-delta-0101.xml")
        try await waitForLog(server, count: 2, of: "file applied")
        #expect(lines(of: "trust-material-expiring: ", in: server.log) == warnedAtStart, "\(server.log)")
    }

    private func lines(of marker: String, in log: String) -> Int {
        log.split(separator: "\n").count { $0.contains(marker) }
    }

    /// Polls the server's log until `count` lines hold `marker`; fails after 60 s.
    private func waitForLog(_ server: ServerProcess, count: Int, of marker: String) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while lines(of: marker, in: server.log) < count {
            guard ContinuousClock.now < deadline else {
                throw ServerProcess.Failure("fewer than \(count) '\(marker)' lines within 60 s:\n\(server.log)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
