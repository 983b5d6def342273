import Foundation
import MRATestSupport
import Testing

/// The console in a real browser: headless Chromium from Debian's packages,
/// driven through chromium-driver by selenium (`Tests/Browser/console_walk.py`):
/// sign in, filter the ledger, open a quarantined entry and requeue it,
/// search members, sort and search the reconciliation. Each page's
/// screenshot goes to a temporary folder, or to `MRA_CONSOLE_SCREENSHOTS`
/// when set (`docs/console/` holds the ones the docs show).
@Suite struct ConsoleBrowserTests {
    /// Chromium, its WebDriver and selenium, as `scripts/install-dependencies.sh` installs them.
    static let browserAvailable =
        FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
        && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
        && ((try? ChildProcess.run("/usr/bin/env", ["python3", "-c", "import selenium"]).status) == 0)

    @Test(
        .enabled(
            if: browserAvailable,
            "needs chromium, chromium-driver and selenium: scripts/install-dependencies.sh installs them"))
    func anOperatorSignsInFiltersTheLedgerRequeuesSearchesMembersAndSortsTheReconciliation() async throws {
        let root = try await ConsoleFixture.exchangeRoot()
        let clients = try APIAccessTests.clientsFile()
        let server = try await ConsoleFixture.server(root: root, ["--clients", clients.path])
        defer { server.process.stop() }
        let folder =
            ProcessInfo.processInfo.environment["MRA_CONSOLE_SCREENSHOTS"]
            ?? NSTemporaryDirectory() + "mra-console-shots-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

        let walk = try await ChildProcess.runDetached(
            "/usr/bin/env",
            ["python3", Repository.root + "/Tests/Browser/console_walk.py", server.base, clients.operatorKey, folder])
        try #require(walk.status == 0, "\(walk.errors)")
        let seen = try #require(try JSONSerialization.jsonObject(with: Data(walk.output)) as? [String: Any])

        #expect(seen["signInPage"] as? String == "/console/sign-in?next=%2Fconsole%2Fledger")
        #expect(seen["afterSignIn"] as? String == "/console/ledger" && seen["signedInAs"] as? String == "ops")
        let rows = try #require(seen["ledgerRows"] as? [[String]])
        #expect(seen["ledgerCount"] as? String == "\(rows.count) entries match." && rows.count == 2)
        #expect(rows.allSatisfy { $0[2] == "eu-aeo" && $0[5] == "refused" })
        #expect(seen["quarantineCount"] as? String == "4 files wait.")
        let entry = try #require(seen["entry"] as? [String: Any])
        #expect(entry["reason"] as? String == "signature-refused/digest-mismatch")
        #expect(entry["verification"] as? Bool == true && entry["receipt"] as? Bool == true)
        #expect(entry["requeueButton"] as? Bool == true && entry["releaseButton"] as? Bool == false)
        #expect((seen["afterRequeue"] as? String)?.hasPrefix("Requeued: the file is back in its inbox") == true)
        #expect(seen["requeueButtonAfter"] as? Int == 0)
        #expect(seen["membersByMID"] as? [String] == ["ctpat:7730312845"])
        #expect((seen["midLinks"] as? [String])?.contains("MXMANELE2047TIJ") == true)
        #expect((seen["historyRows"] as? Int ?? 0) >= 1)
        #expect(seen["koreanName"] as? String == "주식회사 금강철강")
        #expect(seen["arabicName"] as? String == "شركة الشرق الأوسط للصناعات الغذائية ذ.م.م")
        // The names are set in a stack naming the Noto CJK and Arabic fonts, and fontconfig (which Chromium
        // asks) has each of them: not a substitute.
        let stack = try #require(seen["fonts"] as? String)
        for font in ["Noto Sans CJK KR", "Noto Sans Arabic"] {
            #expect(stack.contains(font), "\(stack)")
            let match = try ChildProcess.run("/usr/bin/env", ["fc-match", "-f", "%{family}", font])
            #expect(
                match.outputText.split(separator: ",").contains { $0 == font }, "fc-match \(font): \(match.outputText)")
        }
        #expect(seen["reconciliationURL"] as? String == "/console/reconciliation?sort=conflict&dir=desc")
        let conflicts = try #require(seen["conflicts"] as? [Int])
        #expect(conflicts == conflicts.sorted(by: >) && conflicts.count == 7 && conflicts[0] > 0)
        #expect(seen["steel"] as? [String] == ["Cheonghae Steel Corporation", "Geumgang Steel Corporation"])
        #expect(seen["traderName"] as? String == "Cheonghae Steel Corporation")
        #expect((seen["trustRows"] as? Int ?? 0) > 100)
        #expect(seen["consoleErrors"] as? [String] == [], "the browser reported no error")
        let shots = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".png") }
        let pages = [
            "sign-in", "ledger", "quarantine", "entry", "members", "members-korean", "members-arabic", "reconciliation",
            "trader", "crosswalk", "trust", "overview",
        ]
        #expect(Set(shots) == Set(pages.map { "console-\($0).png" }))
    }
}
