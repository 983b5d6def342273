import Foundation
import MRAGateway
import MRATestSupport
import Testing

/// A refusal names its reason once: in the report's first line
/// (`FILE: REFUSED reason: message`), in `reason` of the JSON, never again in
/// the message.
@Suite struct SignatureReasonTextTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var signer: String
        var anchors: [String] = ["root"]
        var crls: [String] = ["root", "intermediate"]
        var reason: String
        /// When the signer signed (inside an expired certificate's validity; now otherwise).
        var signingTime: Int64?
        var testDescription: String { reason }
    }

    static let cases: [Case] = [
        Case(signer: "signer-expired", reason: "certificate-expired", signingTime: 978_000_000),
        Case(signer: "signer-revoked", reason: "certificate-revoked"),
        Case(signer: "signer-ec", crls: ["root"], reason: "crl-missing"),
        Case(signer: "signer-ec", anchors: ["other-root"], crls: [], reason: "untrusted-chain"),
    ]

    static func occurrences(of code: String, in text: String) -> Int {
        text.components(separatedBy: code).count - 1
    }

    @Test(arguments: cases)
    func chainFailureNamesItsReasonOnce(test: Case) throws {
        let identity = try SignatureFixtures.identity(test.signer)
        let signed = try Signer(identity: identity, signingTime: test.signingTime).sign(
            bytes: SignatureFixtures.sample())
        let trust = try SignatureFixtures.trust(anchors: test.anchors, crls: test.crls)
        let report = SignatureVerifier(trust: trust).verify(bytes: signed, file: "f.xml")
        let failure = try #require(report.failure)
        #expect(failure.reason.rawValue == test.reason)
        #expect(!failure.message.contains(test.reason), "\(failure.message)")
        #expect(Self.occurrences(of: test.reason, in: failure.description) == 1, "\(failure.description)")
        let first = try #require(report.text.split(separator: "\n").first)
        #expect(first.hasPrefix("f.xml: REFUSED \(test.reason): "), "\(first)")
        #expect(Self.occurrences(of: test.reason, in: report.text) == 1, "\(report.text)")
    }

    @Test func documentRefusalNamesBothCodesOnce() throws {
        let report = try SignatureFixtures.verifier().verify(
            bytes: Array("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>".utf8), file: "d.xml")
        let first = try #require(report.text.split(separator: "\n").first)
        #expect(first.hasPrefix("d.xml: REFUSED document-refused: "), "\(first)")
        #expect(Self.occurrences(of: "document-refused", in: report.text) == 1)
        #expect(Self.occurrences(of: "XML-DOCTYPE", in: report.text) == 1, "\(report.text)")
    }
}
