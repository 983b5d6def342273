import Foundation
import MRAGateway
import Testing

/// Every trick in the issue's list, applied to a validly signed document: each
/// is refused with its own stable reason code, and none is accepted.
@Suite struct SignatureRefusalTests {
    /// A change to the signed (RSA) sample, by text.
    struct Attack: Sendable, CustomTestStringConvertible {
        var name: String
        var reason: String
        var apply: @Sendable (String) -> String?
        var testDescription: String { name }
    }

    static let ds = "http://www.w3.org/2000/09/xmldsig#"

    /// Replaces the first occurrence of `target`; nil if there is none (a broken test).
    static func replacing(_ target: String, with replacement: String) -> @Sendable (String) -> String? {
        { text in
            guard let range = text.range(of: target) else { return nil }
            return text.replacingCharacters(in: range, with: replacement)
        }
    }

    static func signature(of text: String) -> Range<String.Index>? {
        guard let start = text.range(of: "<ds:Signature "), let end = text.range(of: "</ds:Signature>") else {
            return nil
        }
        return start.lowerBound..<end.upperBound
    }

    static let attacks: [Attack] = [
        Attack(
            name: "tampered value", reason: "digest-mismatch",
            apply: replacing("<ParticipantID>7730145521<", with: "<ParticipantID>7730145529<")),
        Attack(
            name: "tampered SignedInfo", reason: "signature-invalid",
            apply: replacing("<ds:Transforms>", with: "<ds:Transforms> ")),
        Attack(
            name: "wrapped document (signed root moved inside a new root)", reason: "signature-wrapped",
            apply: { text in
                guard let start = text.range(of: "<CTPATPartnerExchange ") else { return nil }
                var wrapped = text
                wrapped.replaceSubrange(start, with: "<Wrapper xmlns=\"urn:evil\"><Evil/><CTPATPartnerExchange ")
                return wrapped.replacingOccurrences(
                    of: "</CTPATPartnerExchange>", with: "</CTPATPartnerExchange></Wrapper>")
            }),
        Attack(
            name: "wrapped document (signed content moved into ds:Object)", reason: "signature-wrapped",
            apply: { text in
                guard let partners = text.range(of: "<Partners>"), let end = text.range(of: "</Partners>") else {
                    return nil
                }
                let original = String(text[partners.lowerBound..<end.upperBound])
                let evil = text.replacingOccurrences(of: "7730145521", with: "9999999999")
                return evil.replacingOccurrences(
                    of: "</ds:Signature>",
                    with:
                        "<ds:Object><Original xmlns=\"urn:us:cbp:ctpat:mra-exchange:1\">\(original)</Original></ds:Object></ds:Signature>"
                )
            }),
        Attack(
            name: "second signature", reason: "multiple-signatures",
            apply: { text in
                guard let range = signature(of: text) else { return nil }
                var doubled = text
                doubled.insert(contentsOf: text[range], at: range.lowerBound)
                return doubled
            }),
        Attack(
            name: "enveloping signature (the signed document moved into ds:Object of a root ds:Signature)",
            reason: "signature-enveloping",
            apply: { text in
                guard let range = signature(of: text), let root = text.range(of: "<CTPATPartnerExchange ") else {
                    return nil
                }
                var document = text
                let signature = String(text[range])
                document.removeSubrange(range)
                let content = String(document[root.lowerBound...])
                return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + signature.replacingOccurrences(
                        of: "</ds:Signature>", with: "<ds:Object>\(content)</ds:Object></ds:Signature>")
            }),
        Attack(
            name: "processing instruction inserted inside an identifier (signed markup)", reason: "digest-mismatch",
            apply: replacing("<ParticipantID>7730145521<", with: "<ParticipantID>7730<?x?>145521<")),
        Attack(
            name: "KeyValue only", reason: "certificate-missing",
            apply: { text in
                guard let start = text.range(of: "<ds:X509Data>"), let end = text.range(of: "</ds:X509Data>") else {
                    return nil
                }
                return text.replacingCharacters(
                    in: start.lowerBound..<end.upperBound,
                    with:
                        "<ds:KeyValue><ds:RSAKeyValue><ds:Modulus>AQAB</ds:Modulus><ds:Exponent>AQAB</ds:Exponent></ds:RSAKeyValue></ds:KeyValue>"
                )
            }),
        Attack(
            name: "SHA-1 digest", reason: "weak-algorithm",
            apply: replacing("http://www.w3.org/2001/04/xmlenc#sha256", with: "http://www.w3.org/2000/09/xmldsig#sha1")),
        Attack(
            name: "RSA-SHA1 signature", reason: "weak-algorithm",
            apply: replacing(
                "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", with: "http://www.w3.org/2000/09/xmldsig#rsa-sha1")
        ),
        Attack(
            name: "MD5 digest", reason: "weak-algorithm",
            apply: replacing(
                "http://www.w3.org/2001/04/xmlenc#sha256", with: "http://www.w3.org/2001/04/xmldsig-more#md5")),
        Attack(
            name: "HMAC signature", reason: "weak-algorithm",
            apply: replacing(
                "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                with: "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256")),
        Attack(
            name: "DSA signature", reason: "weak-algorithm",
            apply: replacing(
                "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", with: "http://www.w3.org/2009/xmldsig11#dsa-sha256"
            )),
        Attack(
            name: "XSLT transform", reason: "transform-not-allowed",
            apply: replacing(
                "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
                with:
                    "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\"><xsl:stylesheet xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" version=\"1.0\"/></ds:Transform>"
            )),
        Attack(
            name: "XPath transform", reason: "transform-not-allowed",
            apply: replacing(
                "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
                with:
                    "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\"><ds:XPath>1</ds:XPath></ds:Transform>"
            )),
        Attack(
            name: "transforms in the wrong order", reason: "transform-not-allowed",
            apply: { text in
                let enveloped = "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>"
                let exclusive = "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
                guard text.contains(enveloped + "\n" + exclusive) else { return nil }
                return text.replacingOccurrences(of: enveloped + "\n" + exclusive, with: exclusive + "\n" + enveloped)
            }),
        Attack(
            name: "inclusive C14N", reason: "algorithm-not-allowed",
            apply: replacing(
                "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
                with:
                    "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments\"/>"
            )),
        Attack(
            name: "external reference (file:)", reason: "external-reference",
            apply: replacing("<ds:Reference URI=\"\">", with: "<ds:Reference URI=\"file:///etc/passwd\">")),
        Attack(
            name: "external reference (http:)", reason: "external-reference",
            apply: replacing("<ds:Reference URI=\"\">", with: "<ds:Reference URI=\"http://attacker.example/x.xml\">")),
        Attack(
            name: "Reference URI other than empty", reason: "reference-not-whole-document",
            apply: replacing("<ds:Reference URI=\"\">", with: "<ds:Reference URI=\"#partners\">")),
        Attack(
            name: "Reference without URI", reason: "reference-not-whole-document",
            apply: replacing("<ds:Reference URI=\"\">", with: "<ds:Reference>")),
        Attack(
            name: "second Reference", reason: "reference-count",
            apply: { text in
                guard let start = text.range(of: "<ds:Reference "), let end = text.range(of: "</ds:Reference>") else {
                    return nil
                }
                var doubled = text
                doubled.insert(contentsOf: text[start.lowerBound..<end.upperBound], at: start.lowerBound)
                return doubled
            }),
        Attack(
            name: "RetrievalMethod", reason: "retrieval-method",
            apply: replacing(
                "<ds:KeyInfo>",
                with:
                    "<ds:KeyInfo><ds:RetrievalMethod URI=\"http://attacker.example/key\" Type=\"http://www.w3.org/2000/09/xmldsig#X509Data\"/>"
            )),
        Attack(
            name: "signature not the last child of the root", reason: "signature-misplaced",
            apply: { text in
                guard let range = signature(of: text) else { return nil }
                var moved = text
                let signature = String(text[range])
                moved.removeSubrange(range)
                return moved.replacingOccurrences(of: "<Partners>", with: signature + "<Partners>")
            }),
        Attack(
            name: "signature removed", reason: "signature-missing",
            apply: { text in
                guard let range = signature(of: text) else { return nil }
                var stripped = text
                stripped.removeSubrange(range)
                return stripped
            }),
        Attack(
            name: "DOCTYPE with an entity", reason: "document-refused",
            apply: replacing(
                "<CTPATPartnerExchange ",
                with: "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><CTPATPartnerExchange ")),
    ]

    @Test(arguments: attacks)
    func attackIsRefusedWithItsReason(attack: Attack) throws {
        let signed = SignatureFixtures.text(try SignatureFixtures.signedSample("signer-rsa"))
        let changed = try #require(attack.apply(signed), "the attack did not apply to the sample")
        let report = try SignatureFixtures.verifier().verify(bytes: Array(changed.utf8), file: attack.name)
        #expect(!report.verified)
        #expect(report.failure?.reason.rawValue == attack.reason, "\(report.text)")
        // The reason is written once.
        #expect(report.text.components(separatedBy: attack.reason).count == 2, "\(report.text)")
        // The streaming verification refuses it exactly as the tree does.
        let tree = try SignatureFixtures.verifier().verifyFromTree(bytes: Array(changed.utf8), file: attack.name)
        #expect(tree.failure?.reason == report.failure?.reason)
        #expect(tree.failure?.line == report.failure?.line)
    }

    @Test func everyAttackHasItsOwnReasonPerKind() {
        // Distinct kinds of trick never share a code with a generic failure.
        let reasons = Set(Self.attacks.map(\.reason))
        #expect(!reasons.contains("signature-malformed"))
        #expect(reasons.count >= 16)
    }

    /// Exclusive C14N without comments drops a comment inserted inside a signed
    /// value, so the signature still verifies; it is safe because every reader
    /// joins a value's text: the records read are the ones that were signed.
    @Test func commentInsertedInsideASignedValueVerifiesAndReadsTheSignedValue() throws {
        let signed = SignatureFixtures.text(try SignatureFixtures.signedSample("signer-rsa"))
        let commented = signed.replacingOccurrences(
            of: "<ParticipantID>7730145521<", with: "<ParticipantID>7730<!-- in transit -->145521<")
        #expect(commented != signed)
        let report = try SignatureFixtures.verifier().verify(bytes: Array(commented.utf8), file: "c.xml")
        #expect(report.verified, "\(report.text)")
        let tree = try SignatureFixtures.verifier().verifyFromTree(bytes: Array(commented.utf8), file: "c.xml")
        #expect(tree.verified, "\(tree.text)")
        let (before, _) = try Pipeline.inspect("ctpat", bytes: Array(signed.utf8))
        let (after, _) = try Pipeline.inspect("ctpat", bytes: Array(commented.utf8))
        #expect(before == after)
        #expect(after.contains { $0.memberId == "7730145521" })
    }

    @Test func commentBetweenElementsDoesNotChangeWhatIsVerifiedOrRead() throws {
        // Comments outside values are dropped by exclusive C14N (without comments) and
        // never reach a value, so the document still verifies and reads the same records.
        let signed = SignatureFixtures.text(try SignatureFixtures.signedSample("signer-rsa"))
        let commented = signed.replacingOccurrences(of: "<Partners>", with: "<Partners><!-- added in transit -->")
        let report = try SignatureFixtures.verifier().verify(bytes: Array(commented.utf8), file: "c.xml")
        #expect(report.verified, "\(report.text)")
        let (before, _) = try Pipeline.inspect("ctpat", bytes: Array(signed.utf8))
        let (after, _) = try Pipeline.inspect("ctpat", bytes: Array(commented.utf8))
        #expect(before == after)
    }
}
