import Foundation
import MRACrypto
import MRAGateway
import MRATestSupport

/// The signature tests' PKI (`Fixtures/signatures/make-fixtures.sh`) and helpers.
enum SignatureFixtures {
    static let folder = Repository.root + "/Tests/MRAGatewayTests/Fixtures/signatures/"

    static func path(_ name: String) -> String { folder + name }

    static func certificate(_ name: String) throws -> Certificate {
        try Certificate.parseAll(pemFile: path(name + ".pem"))[0]
    }

    static func crl(_ name: String) throws -> CertificateRevocationList {
        try CertificateRevocationList(file: path(name + ".crl.pem"))
    }

    /// A signer of the fixture PKI, sending the intermediate as a chain hint.
    static func identity(_ name: String, chain: [String] = ["intermediate"]) throws -> SigningIdentity {
        try SigningIdentity.load(
            keyFile: path(name + ".key.pem"), certificateFile: path(name + ".pem"),
            chainFile: nil
        ).with(chain: try chain.map(certificate))
    }

    /// The fixture root as the only anchor, with both CRLs and revocation required.
    static func trust(
        anchors: [String] = ["root"], crls: [String] = ["root", "intermediate"], untrusted: [String] = [],
        requireRevocationCheck: Bool = true
    ) throws -> TrustStore {
        TrustStore(
            program: "test", anchors: try anchors.map(certificate), untrusted: try untrusted.map(certificate),
            crls: try crls.map(crl), policy: TrustPolicy(requireRevocationCheck: requireRevocationCheck))
    }

    static func verifier(_ trust: TrustStore? = nil) throws -> SignatureVerifier {
        SignatureVerifier(trust: try trust ?? self.trust())
    }

    /// The valid CTPAT sample (30 records), unsigned.
    static func sample() throws -> [UInt8] {
        Array(
            try Data(contentsOf: URL(fileURLWithPath: Repository.root + "/Examples/ctpat/ctpat-partners-2026-11.xml")))
    }

    /// The sample signed by `signer`.
    static func signedSample(_ signer: String = "signer-ec") throws -> [UInt8] {
        try Signer(identity: identity(signer)).sign(bytes: sample())
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    static func write(_ bytes: [UInt8], to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    /// Runs `xmlsec1 --verify` on `signed` (written to a temporary file), trusting the
    /// anchors in the PEM file `trusted`, with the certificates in `untrusted` as chain hints.
    static func xmlsec1Verify(_ signed: [UInt8], trusted: String, untrusted: String? = nil) throws -> Tool.Result {
        let path = Repository.temporaryFolder() + "/signed.xml"
        write(signed, to: path)
        let hints = untrusted.map { ["--untrusted-pem", $0] } ?? []
        return try Tool.run(
            "xmlsec1", SignatureInteropTests.xmlsecVerify + ["--trusted-pem", trusted] + hints + [path])
    }
}

extension SigningIdentity {
    func with(chain: [Certificate]) throws -> SigningIdentity {
        try SigningIdentity(key: key, certificate: certificate, chain: chain)
    }
}

/// Runs an external tool (xmlsec1, xmllint). A missing tool is a failure, not a skip: CI installs them.
enum Tool {
    struct Result {
        var status: Int32
        var output: [UInt8]
        var errors: String
    }

    static func run(_ tool: String, _ arguments: [String], input: [UInt8]? = nil) throws -> Result {
        let candidates = ["/usr/bin/" + tool, "/usr/local/bin/" + tool]
        guard let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ToolMissing(tool: tool)
        }
        let result = try ChildProcess.run(executable, arguments, input: input)
        return Result(status: result.status, output: result.output, errors: result.errors)
    }

    struct ToolMissing: Error, CustomStringConvertible {
        let tool: String
        var description: String {
            "\(tool) is not installed (Debian: apt-get install xmlsec1 libxml2-utils); CI installs it"
        }
    }
}
