import Foundation
import MRATestSupport
import Testing

/// The receiving gateway killed (SIGKILL) at each crash point of taking a
/// file in (after the upload, around filing it into the inbox, inside the
/// load transaction, between commit and filing): the sender's delivery
/// fails, B comes back, the sender sends again, and the list is applied
/// exactly once, with the receipt the sender verifies.
@Suite(.serialized) struct LinkCrashSafetyTests {
    @Test(arguments: 1...9)
    func aReceiverKilledAtACrashPointAppliesTheListOnceWhenTheSenderSendsAgain(point: Int) async throws {
        let folder = NSTemporaryDirectory() + "mra-link-crash-\(UUID().uuidString)"
        let a = try GatewaySite(in: folder, name: "a", ownProgram: "ctpat")
        let b = try GatewaySite(in: folder, name: "b", ownProgram: "eu-aeo")
        try await a.drop(CTPATLists.sample, as: "ctpat", name: "ctpat-full.xml")
        #expect(try await a.run(["exchange", "run", "--root", a.root]).status == 0)

        let (doomed, port) = try await b.serve(
            extra: ["--drain", "600"], environment: ["MRA_GATEWAY_KILL_AT": String(point)])
        try a.link(to: "eu-aeo", port: port, maxAttempts: 1)
        #expect(try await a.run(["exchange", "export", "--root", a.root, "--program", "eu-aeo", "--full"]).status == 0)
        let first = try await a.run(["exchange", "send", "--root", a.root])
        doomed.kill()

        let (back, _) = try await b.serve(port: port)
        defer { back.stop() }
        if first.status != 0 {
            let again = try await a.run(["exchange", "send", "--root", a.root])
            #expect(again.status == 0, "\(again.output) \(again.errors)")
        }
        #expect(try await a.run(["exchange", "send", "--root", a.root]).output.contains("eu-aeo: 0 delivered"))
        #expect(try await b.status(of: CTPATLists.member, in: "ctpat") == "active")
        let received = try await b.run(["exchange", "status", "--root", b.root, "--format", "json"]).output
        #expect(received.components(separatedBy: "\"outcome\":\"applied\"").count - 1 == 1, "\(received)")
        #expect(!received.contains("\"filed\":false"))
    }
}
