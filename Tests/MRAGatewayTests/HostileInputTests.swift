import Foundation
import MRAGateway
import MRATestSupport
import Testing

/// Hostile or damaged partner files are refused, each with its own rule id,
/// and nothing of what the attacker points at reaches any output.
@Suite struct HostileInputTests {
    static let secret = "TOP-SECRET-\(UInt32.random(in: 0...UInt32.max))"
    static let secretFile: String = {
        let path = Repository.temporaryFolder() + "/secret.txt"
        try! Data(secret.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }()

    static var sample: String {
        try! String(contentsOfFile: Repository.examples("eu-aeo", broken: false)[0], encoding: .utf8)
    }

    /// The sample with `doctype` inserted after the XML declaration.
    static func withDoctype(_ doctype: String, reference: String = "") -> [UInt8] {
        var text = sample
        let declarationEnd = text.range(of: "?>")!.upperBound
        text.insert(contentsOf: "\n" + doctype, at: declarationEnd)
        if !reference.isEmpty {
            text = text.replacingOccurrences(of: "<Name>", with: "<Name>\(reference)", options: [], range: nil)
        }
        return Array(text.utf8)
    }

    static let cases: [(String, [UInt8], String)] = [
        (
            "external entity",
            withDoctype("<!DOCTYPE r [<!ENTITY x SYSTEM \"file://\(secretFile)\">]>", reference: "&x;"),
            "XML-DOCTYPE"
        ),
        (
            "entity expansion bomb",
            withDoctype(
                "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>",
                reference: "&d;"),
            "XML-DOCTYPE"
        ),
        ("remote DTD", withDoctype("<!DOCTYPE r SYSTEM \"http://127.0.0.1:9/evil.dtd\">"), "XML-DOCTYPE"),
        ("truncated file", Array(sample.utf8.prefix(sample.utf8.count / 2)), "XML-MALFORMED"),
        (
            "wrong namespace",
            Array(
                sample.replacingOccurrences(of: "urn:eu:taxud:aeo:mra-list:1", with: "urn:eu:taxud:aeo:mra-list:9").utf8
            ),
            "XML-NAMESPACE"
        ),
        (
            "non-UTF-8 bytes",
            Array(sample.utf8).map { $0 == 0xC3 ? 0xE4 : $0 },
            "XML-ENCODING"
        ),
        (
            "undeclared entity", Array(sample.replacingOccurrences(of: "<Name>", with: "<Name>&nbsp;").utf8),
            "XML-ENTITY"
        ),
    ]

    @Test(arguments: cases)
    func hostileFileIsRefusedWithItsOwnRule(name: String, bytes: [UInt8], rule: String) throws {
        var delivered = 0
        let result = try Pipeline.reader("eu-aeo").read(
            bytes: bytes, file: "hostile.xml", onRecord: { _ in delivered += 1 })
        #expect(result.refused, "\(name) was not refused")
        #expect(result.diagnostics.contains { $0.rule == rule }, "\(name): \(result.diagnostics)")
        let report = result.diagnostics.map(\.description).joined(separator: "\n")
        #expect(!report.contains(Self.secret))
    }

    @Test(arguments: cases)
    func hostileFileIsNotTranslated(name: String, bytes: [UInt8], rule: String) throws {
        let (output, result) = try Pipeline.translate(bytes: bytes, from: "eu-aeo", to: "ctpat")
        #expect(!result.succeeded)
        #expect(!String(decoding: output, as: UTF8.self).contains(Self.secret))
    }

    @Test func checkedConstantOfTheFormatIsEnforced() throws {
        let bytes = Array(
            Self.sample.replacingOccurrences(of: "<Agreement>EU-US</Agreement>", with: "<Agreement>EU-JP</Agreement>")
                .utf8)
        let (_, result) = try Pipeline.inspect("eu-aeo", bytes: bytes)
        #expect(result.diagnostics.contains { $0.rule == RuleID.fixedValue })
    }
}
