import Foundation
import MRATestSupport
import Testing

/// The operators' console through `mra-gateway serve` and curl: every page
/// and its JSON, the ledger's filters, the quarantine's requeue, the member
/// search, the reconciliation's search, filters and sorting, the crosswalk.
/// Sign-in and form tokens: ``ConsoleAccessTests``; a real browser: ``ConsoleBrowserTests``.
@Suite(.serialized) struct ConsoleTests {
    static let pages = [
        "/console", "/console/ledger", "/console/ledger/1", "/console/quarantine", "/console/trust",
        "/console/members", "/console/members?q=MXMANELE2047TIJ", "/console/reconciliation",
        "/console/reconciliation/CTPAT:7730371219", "/console/crosswalk",
    ]

    @Test func everyPageAnswersHTMLWithItsProtectionsAndTheSameAsJSON() async throws {
        let root = try await ConsoleFixture.exchangeRoot()
        let server = try await ConsoleFixture.server(root: root)
        defer { server.process.stop() }
        for page in Self.pages {
            let html = try await Curl.fetch(server.base + page)
            #expect(html.status == 200, "\(page): \(html.body)")
            let headers = html.headers.lowercased()
            #expect(headers.contains("content-type: text/html; charset=utf-8"), "\(page)")
            #expect(headers.contains("content-security-policy: default-src 'none'; style-src 'self'"), "\(page)")
            #expect(headers.contains("x-content-type-options: nosniff"), "\(page)")
            #expect(html.body.contains(#"<link rel="stylesheet" href="/console/console.css">"#), "\(page)")
            #expect(!html.body.contains("<script"), "\(page): the console needs no script")
            _ = try await ConsoleFixture.json(server, page)
            let asked = try await Curl.fetch(server.base + page + (page.contains("?") ? "&" : "?") + "format=json")
            #expect(asked.headers.lowercased().contains("content-type: application/json"), "\(page)")
        }
        let style = try await Curl.fetch(server.base + "/console/console.css")
        #expect(
            style.status == 200 && style.body.contains("Noto Sans CJK KR") && style.body.contains("Noto Sans Arabic"))
    }

    @Test func theLedgerFiltersByPartnerDirectionOutcomeAndDayReceived() async throws {
        let root = try await ConsoleFixture.exchangeRoot()
        let server = try await ConsoleFixture.server(root: root)
        defer { server.process.stop() }
        let all = try await ConsoleFixture.json(server, "/console/ledger")
        #expect(all["total"] as? Int == 25)
        let refused = try await ConsoleFixture.json(server, "/console/ledger?partner=eu-aeo&outcome=refused")
        let entries = try #require(refused["entries"] as? [[String: Any]])
        #expect(refused["total"] as? Int == entries.count && entries.count == 2)
        #expect(entries.allSatisfy { $0["partner"] as? String == "eu-aeo" && $0["outcome"] as? String == "refused" })
        #expect((entries.map { $0["id"] as? Int ?? 0 }) == (entries.map { $0["id"] as? Int ?? 0 }).sorted(by: >))
        let outbound = try await ConsoleFixture.json(server, "/console/ledger?direction=outbound")
        #expect(outbound["total"] as? Int == 0)
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        let received = try await ConsoleFixture.json(server, "/console/ledger?from=\(today)&through=\(today)")
        #expect(received["total"] as? Int == 25)
        let later = try await ConsoleFixture.json(server, "/console/ledger?from=2099-01-01")
        #expect(later["total"] as? Int == 0)
        let unknown = try await Curl.fetch(server.base + "/console/ledger?outcome=lost")
        #expect(unknown.status == 400 && unknown.body.contains("invalid-parameter"))
        #expect(
            unknown.body.contains("outcome is &quot;lost&quot;; it takes applied, duplicate, refused, rejected, sent"))
        let badDay = try await Curl.fetch(
            server.base + "/console/ledger?from=yesterday", ["-H", "Accept: application/json"])
        #expect(badDay.status == 400 && badDay.body.contains(#""code":"invalid-date""#))
    }

    @Test func aQuarantinedFileIsRequeuedFromItsEntryPageOnceAndLeavesTheQuarantine() async throws {
        let root = try await ConsoleFixture.exchangeRoot()
        let server = try await ConsoleFixture.server(root: root)
        defer { server.process.stop() }
        let quarantine = try await ConsoleFixture.json(server, "/console/quarantine")
        #expect(quarantine["total"] as? Int == 4 && quarantine["actionsAvailable"] as? Bool == true)
        let first = try #require(
            (quarantine["entries"] as? [[String: Any]])?.first { ($0["file"] as? String)?.contains("tampered") == true }
        )
        let id = try #require(first["id"] as? Int)
        let entry = try await ConsoleFixture.json(server, "/console/ledger/\(id)")
        #expect(entry["quarantined"] as? Bool == true && entry["canRequeue"] as? Bool == true)
        #expect(entry["canRelease"] as? Bool == false, "only a mass withdrawal is released")
        #expect(entry["reason"] as? String == "signature-refused/digest-mismatch")
        #expect((entry["verification"] as? String)?.contains("\"anchorFingerprint\"") == true)
        #expect((entry["receipt"] as? String)?.contains(#"<receipt xmlns="urn:mra-gateway:receipt:1""#) == true)

        let token = try await ConsoleFixture.formToken(server, "/console/ledger/\(id)")
        let forged = try await Curl.fetch(server.base + "/console/ledger/\(id)/requeue", ["-d", "formToken=0"])
        #expect(forged.status == 403)
        let requeued = try await Curl.fetch(
            server.base + "/console/ledger/\(id)/requeue", ["-d", "formToken=\(token)"])
        #expect(requeued.status == 303)
        #expect(requeued.headers.contains("Location: /console/ledger/\(id)?done=requeued&as=\(id)"))
        let after = try await Curl.fetch(server.base + "/console/ledger/\(id)?done=requeued&as=\(id)")
        #expect(after.body.contains("Requeued: the file is back in its inbox"))
        #expect(after.body.contains("requeued by console at "))
        let file = try #require(first["file"] as? String)
        #expect(FileManager.default.fileExists(atPath: root + "/inbox/eu-aeo/" + file))
        #expect(
            !FileManager.default.fileExists(
                atPath: root + "/quarantine/eu-aeo/" + String(format: "%06d", id) + "-" + file))
        #expect(try await ConsoleFixture.json(server, "/console/quarantine")["total"] as? Int == 3)
        let again = try await Curl.fetch(server.base + "/console/ledger/\(id)/requeue", ["-d", "formToken=\(token)"])
        #expect(again.status == 409 && again.body.contains("action-refused"))
        let released = try await Curl.fetch(
            server.base + "/console/ledger/\(id)/release",
            ["-d", "formToken=\(token)", "-H", "Accept: application/json"])
        #expect(released.status == 409 && released.body.contains("mass-withdrawal"))
    }

    @Test func aFindingsFolderThatCannotBeReadIsSaidSoOnTheReconciliationPage() async throws {
        let root = try await ConsoleFixture.exchangeRoot()
        let server = try await GatewayServer(["--root", root, "--findings", root + "/no-such-folder"])
        defer { server.process.stop() }
        let page = try await Curl.fetch(server.base + "/console/reconciliation")
        #expect(page.status == 503 && page.body.contains("findings-unavailable"))
        #expect(page.body.contains("no-such-folder: cannot be listed"))
    }

    @Test func withoutTheExchangeRootTheQuarantineIsShownWithoutItsButtons() async throws {
        let root = try await ConsoleFixture.exchangeRoot()
        let server = try await GatewayServer([], registry: root + "/registry.sqlite")
        defer { server.process.stop() }
        let quarantine = try await ConsoleFixture.json(server, "/console/quarantine")
        #expect(quarantine["total"] as? Int == 4 && quarantine["actionsAvailable"] as? Bool == false)
        let id = try #require((quarantine["entries"] as? [[String: Any]])?.first?["id"] as? Int)
        let entry = try await ConsoleFixture.json(server, "/console/ledger/\(id)")
        #expect(entry["canRequeue"] as? Bool == false)
        #expect((entry["actionsNote"] as? String)?.contains("mra-gateway exchange requeue \(id)") == true)
        let page = try await Curl.fetch(server.base + "/console/ledger/\(id)")
        #expect(!page.body.contains(#"id="requeue""#))
        let reconciliation = try await ConsoleFixture.json(server, "/console/reconciliation")
        #expect(reconciliation["available"] as? Bool == false)
    }

    @Test func theMemberSearchShowsStatusBenefitsHistoryAndMIDLinks() async throws {
        let root = try await ConsoleFixture.exchangeRoot()
        let server = try await ConsoleFixture.server(root: root)
        defer { server.process.stop() }
        let byMID = try await ConsoleFixture.json(server, "/console/members?q=MXMANELE2047TIJ&at=2026-12-01")
        let members = try #require(byMID["members"] as? [[String: Any]])
        #expect(byMID["found"] as? Int == members.count && !members.isEmpty)
        let member = try #require(members.first)
        #expect(member["matchedOn"] as? String == "MID")
        let mids = try #require(member["mids"] as? [[String: Any]])
        #expect(
            mids.contains {
                $0["mid"] as? String == "MXMANELE2047TIJ"
                    && $0["link"] as? String == "/console/members?q=MXMANELE2047TIJ"
            })
        let history = try #require(member["history"] as? [[String: Any]])
        #expect(history.first?["kind"] as? String == "granted")
        #expect((member["checks"] as? [[String: Any]])?.isEmpty == false)
        let korean = try await Curl.fetch(server.base + "/console/members?q=KRAEO2015005348")
        #expect(korean.body.contains("주식회사 금강철강"))
        #expect(korean.body.contains(#"<span dir="auto" class="name">"#))
        let unknown = try await ConsoleFixture.json(server, "/console/members?q=ZZ999999999")
        #expect(unknown["found"] as? Int == 0)
        let hostile = try await Curl.fetch(server.base + "/console/members?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        #expect(!hostile.body.contains("<script>alert(1)"))
        #expect(hostile.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || hostile.status == 400)
    }

    @Test func theReconciliationIsSearchedFilteredSortedAndPaged() async throws {
        let root = try await ConsoleFixture.exchangeRoot()
        let server = try await ConsoleFixture.server(root: root)
        defer { server.process.stop() }
        func traders(_ query: String) async throws -> [[String: Any]] {
            try #require(
                try await ConsoleFixture.json(server, "/console/reconciliation" + query)["traders"] as? [[String: Any]])
        }
        let all = try await traders("")
        #expect(all.count == 7)
        let names = all.map { $0["name"] as? String ?? "" }
        #expect(names == names.sorted { $0.lowercased() < $1.lowercased() })
        let byConflicts = try await traders("?sort=conflict&dir=desc").map { $0["conflict"] as? Int ?? -1 }
        #expect(byConflicts == byConflicts.sorted(by: >) && byConflicts.first ?? 0 > 0)
        let steel = try await traders("?q=steel")
        #expect(steel.count == 2 && steel.allSatisfy { ($0["name"] as? String)?.contains("Steel") == true })
        let byIdentifier = try await traders("?q=7730371219")
        #expect(byIdentifier.map { $0["id"] as? String } == ["CTPAT:7730371219"])
        let korea = try await traders("?program=kr-aeo")
        #expect(!korea.isEmpty && korea.allSatisfy { ($0["programs"] as? String)?.contains("kr-aeo") == true })
        let attention = try await traders("?show=attention")
        #expect(!attention.isEmpty && attention.count < all.count)
        #expect(attention.allSatisfy { $0["needsAttention"] as? Bool == true })
        let page = try await Curl.fetch(server.base + "/console/reconciliation?sort=conflict&dir=desc")
        #expect(page.body.contains("Conflict ▼"))
        #expect(page.body.contains(#"href="/console/reconciliation?sort=conflict&amp;dir=asc""#))
        #expect(try await Curl.fetch(server.base + "/console/reconciliation?sort=colour").status == 400)
        #expect(try await Curl.fetch(server.base + "/console/reconciliation?page=9").status == 400)
        let trader = try await ConsoleFixture.json(server, "/console/reconciliation/CTPAT:7730371219?outcome=conflict")
        let comparisons = try #require(trader["comparisons"] as? [[String: Any]])
        #expect(!comparisons.isEmpty && comparisons.allSatisfy { $0["outcome"] as? String == "conflict" })
        #expect(try await Curl.fetch(server.base + "/console/reconciliation/CTPAT:0").status == 404)
    }

    /// A findings folder of `count` CTPAT validations, each of its own trader (7730400001…), made from the first
    /// report of the example file.
    static func findingsFolder(traders count: Int) throws -> String {
        let example = try String(
            contentsOfFile: Repository.root + "/Examples/findings/ctpat-validations-2026-11.xml", encoding: .utf8)
        let start = try #require(example.range(of: "<ValidationReport "))
        let end = try #require(example.range(of: "</ValidationReport>"))
        let midStart = try #require(example.range(of: "<MIDs>"))
        let midEnd = try #require(example.range(of: "</MIDs>"))
        let report =
            String(example[start.lowerBound..<midStart.lowerBound])
            + String(example[midEnd.upperBound..<end.upperBound])
        var reports = ""
        for index in 1...count {
            reports +=
                report
                .replacingOccurrences(of: "7730371102", with: String(7_730_400_000 + index)) + "\n"
        }
        let document =
            String(example[..<start.lowerBound]) + reports
            + String(example[example.range(of: "</ValidationReports>")!.lowerBound...])
        let folder = NSTemporaryDirectory() + "mra-findings-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try document.write(toFile: folder + "/ctpat-validations.xml", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func theReconciliationOfHundredsOfTradersIsPagedTwoHundredAtATime() async throws {
        let root = try await ConsoleFixture.exchangeRoot()
        let findings = try Self.findingsFolder(traders: 450)
        let server = try await GatewayServer(["--root", root, "--findings", findings])
        defer { server.process.stop() }
        var names: [String] = []
        var next: String? = "/console/reconciliation?sort=name&dir=desc"
        var pages = 0
        while let path = next {
            let page = try await ConsoleFixture.json(server, path)
            #expect(page["total"] as? Int == 450 && page["pages"] as? Int == 3)
            let traders = try #require(page["traders"] as? [[String: Any]])
            #expect(traders.count == (pages < 2 ? 200 : 50))
            names += traders.map { $0["name"] as? String ?? "" }
            next = page["nextPage"] as? String
            pages += 1
        }
        #expect(pages == 3)
        // With no member list, a trader is named by its program and member id.
        let expected: [String] = (1...450).reversed().map { (index: Int) -> String in "ctpat \(7_730_400_000 + index)" }
        #expect(names == expected)
        let searched = try await ConsoleFixture.json(server, "/console/reconciliation?q=77304001")
        #expect(searched["matching"] as? Int == 100 && searched["pages"] as? Int == 1)
        let last = try await Curl.fetch(server.base + "/console/reconciliation?sort=name&dir=desc&page=3")
        #expect(last.body.contains(#"href="/console/reconciliation?sort=name&amp;dir=desc&amp;page=2""#))
        #expect(last.body.contains("page 3 of 3"))
    }

    @Test func theCrosswalkIsSearchedFilteredAndSorted() async throws {
        let root = try await ConsoleFixture.exchangeRoot()
        let server = try await ConsoleFixture.server(root: root)
        defer { server.process.stop() }
        let all = try await ConsoleFixture.json(server, "/console/crosswalk")
        let total = try #require(all["total"] as? Int)
        #expect(all["matching"] as? Int == total && total > 0)
        let equivalent = try await ConsoleFixture.json(
            server, "/console/crosswalk?strength=equivalent&framework=kr-aeo")
        let links = try #require(equivalent["links"] as? [[String: Any]])
        #expect(!links.isEmpty && links.count < total)
        #expect(
            links.allSatisfy {
                $0["strength"] as? String == "equivalent"
                    && (($0["from"] as? String)?.hasPrefix("kr-aeo:") == true
                        || ($0["to"] as? String)?.hasPrefix("kr-aeo:") == true)
            })
        let derived = try await ConsoleFixture.json(server, "/console/crosswalk?derived=1")
        #expect((derived["total"] as? Int ?? 0) > total)
        let sorted = try #require(
            (try await ConsoleFixture.json(server, "/console/crosswalk?sort=to&dir=desc"))["links"] as? [[String: Any]])
        let ends = sorted.map { $0["to"] as? String ?? "" }
        #expect(ends == ends.sorted(by: >))
    }
}
