import Foundation
import MRAGateway
import MRATestSupport
import Testing

/// Interoperability with xmlsec1, the reference implementation other
/// administrations use. xmlsec1 must be installed: a missing tool fails.
@Suite struct SignatureInteropTests {
    static let xmlsecVerify = ["--verify", "--enabled-key-data", "x509", "--enabled-reference-uris", "empty,same-doc"]

    @Test(arguments: ["signer-rsa", "signer-ec", "signer-p384"])
    func gatewaySignatureVerifiesWithXmlsec1(signer: String) throws {
        let result = try SignatureFixtures.xmlsec1Verify(
            try SignatureFixtures.signedSample(signer), trusted: SignatureFixtures.path("root.pem"))
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("OK"))
    }

    @Test func tamperedGatewaySignatureFailsInXmlsec1Too() throws {
        let folder = Repository.temporaryFolder()
        let path = folder + "/signed.xml"
        let signed = SignatureFixtures.text(try SignatureFixtures.signedSample("signer-ec"))
        SignatureFixtures.write(Array(signed.replacingOccurrences(of: "7730145521", with: "7730145529").utf8), to: path)
        let result = try Tool.run(
            "xmlsec1", Self.xmlsecVerify + ["--trusted-pem", SignatureFixtures.path("root.pem"), path])
        #expect(result.status != 0)
    }

    /// Signature templates in the profile, as another administration's tooling might write them.
    static func template(method: String, digest: String, prefix: String, prefixList: String? = nil) -> String {
        let p = prefix.isEmpty ? "" : prefix + ":"
        let declaration = prefix.isEmpty ? "xmlns" : "xmlns:" + prefix
        let inclusive = prefixList.map {
            "<ec:InclusiveNamespaces xmlns:ec=\"http://www.w3.org/2001/10/xml-exc-c14n#\" PrefixList=\"\($0)\"/>"
        }
        return """
            <\(p)Signature \(declaration)="http://www.w3.org/2000/09/xmldsig#">
              <\(p)SignedInfo>
                <\(p)CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#">\(inclusive ?? "")</\(p)CanonicalizationMethod>
                <\(p)SignatureMethod Algorithm="\(method)"/>
                <\(p)Reference URI="">
                  <\(p)Transforms>
                    <\(p)Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
                    <\(p)Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#">\(inclusive ?? "")</\(p)Transform>
                  </\(p)Transforms>
                  <\(p)DigestMethod Algorithm="\(digest)"/>
                  <\(p)DigestValue/>
                </\(p)Reference>
              </\(p)SignedInfo>
              <\(p)SignatureValue/>
              <\(p)KeyInfo><\(p)X509Data/></\(p)KeyInfo>
            </\(p)Signature>
            """
    }

    /// Signs the CTPAT sample with xmlsec1 using `template`.
    static func xmlsecSigned(signer: String, template: String) throws -> [UInt8] {
        let sample = SignatureFixtures.text(try SignatureFixtures.sample())
        let document = sample.replacingOccurrences(
            of: "</CTPATPartnerExchange>", with: template + "</CTPATPartnerExchange>")
        let folder = Repository.temporaryFolder()
        SignatureFixtures.write(Array(document.utf8), to: folder + "/template.xml")
        let key = [signer, signer, "intermediate"].enumerated().map {
            SignatureFixtures.path($0.element + ($0.offset == 0 ? ".key.pem" : ".pem"))
        }.joined(separator: ",")
        let result = try Tool.run(
            "xmlsec1",
            ["--sign", "--privkey-pem", key, "--output", folder + "/signed.xml", folder + "/template.xml"])
        guard result.status == 0 else { throw Tool.ToolMissing(tool: "xmlsec1 --sign: \(result.errors)") }
        return Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/signed.xml")))
    }

    struct Style: Sendable, CustomTestStringConvertible {
        var signer: String
        var method: String
        var digest: String
        var prefix: String
        var prefixList: String?
        var testDescription: String { "\(signer) \(method.split(separator: "#").last!) prefix '\(prefix)'" }
    }

    static let styles: [Style] = [
        Style(
            signer: "signer-rsa", method: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
            digest: "http://www.w3.org/2001/04/xmlenc#sha256", prefix: "ds"),
        Style(
            signer: "signer-rsa", method: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
            digest: "http://www.w3.org/2001/04/xmlenc#sha512", prefix: ""),
        Style(
            signer: "signer-ec", method: "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
            digest: "http://www.w3.org/2001/04/xmlenc#sha256", prefix: ""),
        Style(
            signer: "signer-p384", method: "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384",
            digest: "http://www.w3.org/2001/04/xmldsig-more#sha384", prefix: "dsig", prefixList: "#default"),
    ]

    @Test(arguments: styles)
    func xmlsec1SignatureVerifiesInTheGateway(style: Style) throws {
        let signed = try Self.xmlsecSigned(
            signer: style.signer,
            template: Self.template(
                method: style.method, digest: style.digest, prefix: style.prefix, prefixList: style.prefixList))
        let report = try SignatureFixtures.verifier().verify(bytes: signed, file: "xmlsec1.xml")
        #expect(report.verified, "\(report.text)")
        #expect(report.revocationChecked)
        // Streamed (SHA-256, no PrefixList), streamed twice (other digests) or from the tree (PrefixList): the same.
        let tree = try SignatureFixtures.verifier().verifyFromTree(bytes: signed, file: "xmlsec1.xml")
        #expect(tree.verified)
        #expect(tree.signedContentDigest == report.signedContentDigest)
    }

    @Test func xmlsec1SignatureWithSHA1IsRefusedThoughXmlsec1AcceptsIt() throws {
        let signed = try Self.xmlsecSigned(
            signer: "signer-rsa",
            template: Self.template(
                method: "http://www.w3.org/2000/09/xmldsig#rsa-sha1", digest: "http://www.w3.org/2000/09/xmldsig#sha1",
                prefix: "ds"))
        let path = Repository.temporaryFolder() + "/sha1.xml"
        SignatureFixtures.write(signed, to: path)
        let xmlsec = try Tool.run(
            "xmlsec1", Self.xmlsecVerify + ["--trusted-pem", SignatureFixtures.path("root.pem"), path])
        #expect(xmlsec.status == 0, "xmlsec1 accepts SHA-1 by default: \(xmlsec.errors)")
        let report = try SignatureFixtures.verifier().verify(bytes: signed, file: "sha1.xml")
        #expect(report.failure?.reason.rawValue == "weak-algorithm")
    }
}
