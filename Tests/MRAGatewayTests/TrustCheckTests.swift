import Foundation
import MRACrypto
import MRAGateway
import MRATestSupport
import Testing

/// `trust list` and `trust check`: every partner anchor, intermediate and CRL
/// and our own certificates, with their validity; `trust check` fails (exit 1)
/// when one ends within the window or is already invalid, and `exchange run`
/// logs a warning for the same.
@Suite struct TrustCheckTests {
    /// A partner store (`zz-aeo`: root anchor, intermediate, CRLs of both)
    /// in a home of its own, and our signing certificate `ours` issued by its
    /// intermediate, all valid until 2075.
    struct Store {
        let partner: PartnerTrustFolder

        init() throws {
            partner = try PartnerTrustFolder()
            try partner.place("intermediate", in: "intermediates")
            // A gateway home is found by its catalogue; the trust commands read only Certs/ and Schemas/.
            try FileManager.default.createDirectory(
                atPath: partner.home + "/Mappings", withIntermediateDirectories: true)
            try Data().write(to: URL(fileURLWithPath: partner.home + "/Mappings/programs.xml"))
        }

        func issueOurs(from: String? = nil, to: String? = nil) throws {
            try partner.pki.issue("ours", by: "intermediate", from: from, to: to)
        }

        /// Runs `trust ARGUMENTS…` on this home with `ours` as our signing certificate.
        func trust(_ arguments: [String]) throws -> (Int32, String, String) {
            try GatewayCLI.run(
                ["trust"] + arguments + ["--home", partner.home, "--sign-cert", partner.pki.certificate("ours")])
        }
    }

    @Test func healthyStorePassesTheCheck() throws {
        let store = try Store()
        try store.issueOurs()
        let (status, output, errors) = try store.trust(["check"])
        #expect(status == 0, "\(output)\(errors)")
        #expect(output == "5 item(s), all valid for 30 days or more\n", "\(output)")
    }

    /// The issue's case: an anchor expiring in 10 days, a stale CRL and our
    /// own certificate expired are each named, and the check fails.
    @Test func checkNamesAnExpiringAnchorAStaleCRLAndOurExpiredCertificate() throws {
        let store = try Store()
        let pki = store.partner.pki
        try pki.issue("root-2027", by: "root-2027", profile: .root, to: TestPKI.date(daysFromNow: 10))
        try store.partner.place("root-2027", in: "anchors")
        try pki.makeCRL(of: "root-2027")
        try FileManager.default.copyItem(
            atPath: pki.crl("root-2027"), toPath: store.partner.folder + "/crls/root-2027.crl.pem")
        try pki.makeCRL(of: "intermediate", from: TestPKI.date(daysFromNow: -40), to: TestPKI.date(daysFromNow: -1))
        let crl = store.partner.folder + "/crls/intermediate.crl.pem"
        try FileManager.default.removeItem(atPath: crl)
        try FileManager.default.copyItem(atPath: pki.crl("intermediate"), toPath: crl)
        try store.issueOurs(from: "20200101000000Z", to: TestPKI.date(daysFromNow: -1))

        let (status, output, errors) = try store.trust(["check"])
        #expect(status == 1, "\(output)\(errors)")
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(output)")
        #expect(
            lines.contains {
                $0.hasPrefix(
                    "zz-aeo: anchors/root-2027.pem: anchor CN=root-2027,O=MRA Gateway Tests is expiring (expires ")
                    && ($0.hasSuffix("in 9 days)") || $0.hasSuffix("in 10 days)"))
            }, "\(output)")
        #expect(
            lines.contains {
                $0.hasPrefix("zz-aeo: crls/intermediate.crl.pem: crl CN=intermediate,O=MRA Gateway Tests is stale")
            }, "\(output)")
        #expect(
            lines.contains {
                $0.hasPrefix("ours: \(pki.certificate("ours")): signing CN=ours,O=MRA Gateway Tests is expired")
            },
            "\(output)")
        #expect(lines.last == "3 of 7 item(s) need attention (window 30 days)")
        #expect(!output.contains("anchors/root.pem") && !output.contains("crls/root.crl.pem"), "\(output)")

        let (jsonStatus, json, _) = try store.trust(["check", "--format", "json"])
        #expect(jsonStatus == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == false)
        let attention = try #require(object["attention"] as? [[String: Any]])
        let found = attention.map {
            "\($0["program"] as? String ?? "ours") \($0["file"] as? String ?? "") \($0["status"] as? String ?? "")"
        }
        #expect(
            found == [
                "zz-aeo anchors/root-2027.pem expiring", "zz-aeo crls/intermediate.crl.pem stale",
                "ours \(pki.certificate("ours")) expired",
            ])
    }

    struct WindowCase: Sendable, CustomTestStringConvertible {
        var daysLeft: Int
        var window: Int
        var status: Int32
        var testDescription: String { "\(daysLeft) days left, window \(window): exit \(status)" }
    }

    /// Our certificate ends in `daysLeft` days: expiring (exit 1) when that is within `--window`.
    @Test(arguments: [
        WindowCase(daysLeft: 10, window: 30, status: 1), WindowCase(daysLeft: 10, window: 5, status: 0),
        WindowCase(daysLeft: 45, window: 30, status: 0), WindowCase(daysLeft: 45, window: 60, status: 1),
    ])
    func windowIsConfigurable(_ test: WindowCase) throws {
        let store = try Store()
        try store.issueOurs(to: TestPKI.date(daysFromNow: test.daysLeft))
        let (status, output, errors) = try store.trust(["check", "--window", "\(test.window)"])
        #expect(status == test.status, "\(output)\(errors)")
        #expect(output.contains("signing CN=ours") == (test.status == 1), "\(output)")
    }

    struct CRLCase: Sendable, CustomTestStringConvertible {
        var name: String
        var issued: Int
        var nextUpdate: Int
        var maxAgeDays: Int64?
        var status: TrustItem.Status
        var note: String?
        var testDescription: String { name }
    }

    /// A CRL is stale past its next update or the partner's `maxCrlAgeDays`, whichever comes first.
    @Test(arguments: [
        CRLCase(name: "current", issued: -1, nextUpdate: 60, status: .valid),
        CRLCase(name: "next update in 10 days", issued: -1, nextUpdate: 10, status: .expiring),
        CRLCase(name: "next update passed", issued: -20, nextUpdate: -1, status: .stale),
        CRLCase(
            name: "older than maxCrlAgeDays", issued: -5, nextUpdate: 60, maxAgeDays: 3, status: .stale,
            note: "maxCrlAgeDays"),
        CRLCase(
            name: "maxCrlAgeDays ends within the window", issued: -1, nextUpdate: 60, maxAgeDays: 7, status: .expiring,
            note: "maxCrlAgeDays"),
        CRLCase(name: "issued in the future", issued: 2, nextUpdate: 60, status: .notYetValid),
    ])
    func crlStatus(_ test: CRLCase) throws {
        let pki = try TestPKI()
        try pki.selfSigned("root")
        try pki.makeCRL(
            of: "root", from: TestPKI.date(daysFromNow: test.issued), to: TestPKI.date(daysFromNow: test.nextUpdate))
        let crl = try CertificateRevocationList(file: pki.crl("root"))
        let item = TrustItem(
            crl: crl, file: "crls/root.crl.pem", maxAgeSeconds: test.maxAgeDays.map { $0 * 86_400 }, at: UnixTime.now(),
            windowDays: 30)
        #expect(item.status == test.status)
        #expect(item.note == test.note)
    }

    @Test func listAsJSONHasOneObjectPerItemWithItsDates() throws {
        let store = try Store()
        try store.issueOurs()
        let (status, output, errors) = try store.trust(["list", "--format", "json", "--window", "10"])
        #expect(status == 0, "\(errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(object["windowDays"] as? Int == 10)
        #expect((object["checkedAt"] as? String)?.hasSuffix("Z") == true)
        let partners = try #require(object["partners"] as? [[String: Any]])
        #expect(partners.map { $0["program"] as? String } == ["zz-aeo"])
        let items = try #require(partners.first?["items"] as? [[String: Any]])
        #expect(
            items.map { "\($0["kind"] ?? "") \($0["file"] ?? "")" } == [
                "anchor anchors/root.pem", "intermediate intermediates/intermediate.pem",
                "crl crls/intermediate.crl.pem",
                "crl crls/root.crl.pem",
            ])
        let anchor = try store.partner.certificate("root")
        #expect(items[0]["subject"] as? String == anchor.subject)
        #expect(items[0]["sha256"] as? String == anchor.sha256Fingerprint)
        #expect(items[0]["validFrom"] as? String == "2025-01-01T00:00:00Z")
        #expect(items[0]["validUntil"] as? String == "2075-12-31T23:59:59Z")
        #expect((items[0]["daysLeft"] as? Int ?? 0) > 17_000)
        #expect(items[2]["issuer"] as? String == "CN=intermediate,O=MRA Gateway Tests")
        #expect(items.allSatisfy { $0["status"] as? String == "valid" })
        let ours = try #require(object["ours"] as? [[String: Any]])
        #expect(ours.map { $0["kind"] as? String } == ["signing"])
        #expect(ours.first?["file"] as? String == store.partner.pki.certificate("ours"))
    }

    @Test func listAsTextHasALinePerItemUnderItsPartner() throws {
        let store = try Store()
        try store.issueOurs()
        let tls = store.partner.pki.certificate("signer")
        let (status, output, errors) = try GatewayCLI.run([
            "trust", "list", "--home", store.partner.home, "--sign-cert", store.partner.pki.certificate("ours"),
            "--tls-cert", tls,
        ])
        #expect(status == 0, "\(errors)")
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.first == "zz-aeo")
        #expect(lines.contains("ours"))
        let anchor = try store.partner.certificate("root")
        #expect(
            lines.contains {
                $0.hasPrefix("  anchor  anchors/root.pem  valid  2025-01-01..2075-12-31  ")
                    && $0.hasSuffix(" days left  \(anchor.subject)  sha256:\(anchor.sha256Fingerprint)")
            }, "\(output)")
        #expect(lines.contains { $0.hasPrefix("  tls  \(tls)  valid  ") }, "\(output)")
    }

    /// A store verification would refuse to load cannot be vouched for: exit 2, the rest still listed.
    @Test func unusableStoreExitsTwoAndNamesTheFile() throws {
        let store = try Store()
        try store.issueOurs()
        try store.partner.place("intermediate", in: "anchors")
        let (status, output, errors) = try store.trust(["check"])
        #expect(status == 2, "\(output)")
        #expect(errors.contains("zz-aeo: trust-store-unusable:"), "\(errors)")
        #expect(errors.contains("anchors/intermediate.pem"), "\(errors)")
    }

    /// `exchange run` logs a warning for each partner item that needs attention:
    /// here every CRL of eu-aeo, made stale by a `maxCrlAgeDays` shorter than their age.
    @Test func exchangeRunWarnsAboutAStaleCRL() throws {
        let home = try Repository.copyOfHome()
        let settings = home + "/Certs/eu-aeo/partner.xml"
        let text = try String(contentsOfFile: settings, encoding: .utf8)
        try text.replacingOccurrences(of: "maxCrlAgeDays=\"36500\"", with: "maxCrlAgeDays=\"1\"")
            .write(toFile: settings, atomically: true, encoding: .utf8)
        let root = Repository.temporaryFolder() + "/exchange"
        let (status, _, errors) = try GatewayCLI.run(["exchange", "run", "--root", root, "--home", home])
        #expect(status == 0, "\(errors)")
        let warnings = errors.split(separator: "\n").filter { $0.contains("trust-material-expiring") }
        #expect(warnings.count == 2, "\(errors)")
        #expect(warnings.allSatisfy { $0.contains("eu-aeo: crls/") && $0.contains("status=stale") }, "\(errors)")
    }
}
