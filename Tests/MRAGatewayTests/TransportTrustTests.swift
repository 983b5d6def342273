import Foundation
import MRACrypto
import MRAGateway
import MRATestSupport
import Testing

/// `Certs/<program>/transport/` and the check of a TLS peer's certificate
/// against it (mutual TLS between gateways, docs/exchange-link.md): the
/// committed DEMO identities, and certificates of every refused shape made
/// with openssl.
@Suite struct TransportTrustTests {
    static let programs = Repository.programs
    static let home = GatewayHome(path: Repository.root)

    /// `Certs/<program>/demo/transport.cert.pem` as DER.
    static func demoCertificate(_ program: String) throws -> [UInt8] {
        try Certificate.parseAll(pemFile: Repository.root + "/Certs/\(program)/demo/transport.cert.pem")[0].der
    }

    @Test(arguments: programs)
    func demoCertificateVerifiesForItsProgramAsClientAndServer(program: String) throws {
        let trust = try TransportTrust.load(program: program, home: Self.home)
        #expect(trust.anchors.count == 1)
        #expect(trust.intermediates.isEmpty)
        for purpose in [TransportTrust.Purpose.client, .server] {
            let chain = try trust.verifyPeer(leaf: Self.demoCertificate(program), purpose: purpose)
            #expect(chain.certificates.count == 2)
            #expect(chain.revocationChecked)
            #expect(chain.anchorFingerprint == trust.anchors[0].sha256Fingerprint)
        }
    }

    @Test(arguments: programs)
    func demoCertificateOfAnotherProgramIsAnUntrustedChain(program: String) throws {
        let other = Self.programs[(Self.programs.firstIndex(of: program)! + 1) % Self.programs.count]
        let trust = try TransportTrust.load(program: program, home: Self.home)
        for purpose in [TransportTrust.Purpose.client, .server] {
            let failure = #expect(throws: TrustFailure.self) {
                try trust.verifyPeer(leaf: Self.demoCertificate(other), purpose: purpose)
            }
            #expect(
                failure?.reason == .untrustedChain,
                "\(other)'s certificate for \(program): \(String(describing: failure))")
        }
    }

    @Test func demoCertificateIsAcceptedByItsOwnProgramOnly() throws {
        for program in Self.programs {
            let accepting = TransportTrust.programs(
                accepting: try Self.demoCertificate(program), purpose: .client, among: Self.programs, home: Self.home)
            #expect(accepting == [program])
        }
    }

    @Test func demoCertificateCarriesBothTLSPurposesAndItsNames() throws {
        let certificate = try Certificate(der: Self.demoCertificate("ctpat"))
        #expect(certificate.extendedKeyUsage == [.serverAuth, .clientAuth])
        #expect(certificate.keyUsage == [.digitalSignature])
        #expect(!certificate.isCA)
        #expect(certificate.subject.contains("DEMO ctpat MRA gateway"))
    }

    /// A certificate the test makes under the partner's transport root, and what the check says of it.
    struct Shape: Sendable, CustomTestStringConvertible {
        var name: String
        var profile: TestPKI.Profile
        var keySpec = "ec:P-256"
        var from: String?
        var to: String?
        var revoked = false
        var purpose: TransportTrust.Purpose = .client
        /// The reason it is refused with; nil: accepted.
        var refusal: TrustFailure.Reason?
        var testDescription: String { name }
    }

    static let shapes: [Shape] = [
        Shape(name: "a gateway certificate", profile: .tlsGateway, refusal: nil),
        Shape(name: "a gateway certificate as a server", profile: .tlsGateway, purpose: .server, refusal: nil),
        Shape(
            name: "expired", profile: .tlsGateway, from: "20200101000000Z", to: "20210101000000Z",
            refusal: .certificateExpired),
        Shape(
            name: "not yet valid", profile: .tlsGateway, from: "20700101000000Z", to: "20750101000000Z",
            refusal: .certificateNotYetValid),
        Shape(name: "revoked", profile: .tlsGateway, revoked: true, refusal: .certificateRevoked),
        Shape(
            name: "revoked, as a server", profile: .tlsGateway, revoked: true, purpose: .server,
            refusal: .certificateRevoked),
        Shape(name: "serverAuth only, as a client", profile: .tlsServer, refusal: .extendedKeyUsage),
        Shape(name: "serverAuth only, as a server", profile: .tlsServer, purpose: .server, refusal: nil),
        Shape(name: "a CA", profile: .intermediate, refusal: .signerIsCA),
        Shape(name: "no extendedKeyUsage", profile: .signer, refusal: nil),
        Shape(name: "keyUsage without digitalSignature", profile: .encipherment, refusal: .keyUsage),
        Shape(name: "an RSA-1024 key", profile: .tlsGateway, keySpec: "rsa:1024", refusal: .weakKey),
    ]

    @Test(arguments: shapes)
    func certificateUnderThePartnersRootIsCheckedForItsShape(_ shape: Shape) throws {
        let partner = try TransportTrustFolder()
        try partner.pki.issue(
            "peer", by: "root", profile: shape.profile, keySpec: shape.keySpec, from: shape.from, to: shape.to)
        if shape.revoked { try partner.writeCRL(of: "root", revoking: ["peer"]) }
        let trust = try partner.load()
        guard let reason = shape.refusal else {
            let chain = try trust.verifyPeer(leaf: partner.der("peer"), purpose: shape.purpose)
            #expect(chain.revocationChecked)
            return
        }
        let failure = #expect(throws: TrustFailure.self) {
            try trust.verifyPeer(leaf: partner.der("peer"), purpose: shape.purpose)
        }
        #expect(failure?.reason == reason, "\(String(describing: failure))")
    }

    @Test func certificateIsRefusedWhenItsCAHasNoCRL() throws {
        let partner = try TransportTrustFolder()
        try partner.pki.issue("peer", by: "root", profile: .tlsGateway)
        try FileManager.default.removeItem(atPath: partner.folder + "/crls/root.crl.pem")
        let failure = #expect(throws: TrustFailure.self) {
            try partner.load().verifyPeer(leaf: partner.der("peer"), purpose: .client)
        }
        #expect(failure?.reason == .crlMissing)
    }

    @Test func selfSignedCertificateIsAnUntrustedChain() throws {
        let partner = try TransportTrustFolder()
        try partner.pki.selfSigned("rogue", profile: .tlsGateway)
        let failure = #expect(throws: TrustFailure.self) {
            try partner.load().verifyPeer(leaf: partner.der("rogue"), purpose: .client)
        }
        #expect(failure?.reason == .untrustedChain)
    }

    @Test func intermediateFromTheFolderOrTheChainSentBuildsThePath() throws {
        let partner = try TransportTrustFolder()
        try partner.pki.issue("intermediate", by: "root", profile: .intermediate)
        try partner.pki.issue("peer", by: "intermediate", profile: .tlsGateway)
        try partner.writeCRL(of: "intermediate")
        // Sent by the peer beside its certificate.
        let sent = try partner.load().verifyPeer(
            leaf: partner.der("peer"), chain: [partner.der("intermediate")], purpose: .client)
        #expect(sent.certificates.count == 3)
        // Neither sent nor in intermediates/: no path.
        let failure = #expect(throws: TrustFailure.self) {
            try partner.load().verifyPeer(leaf: partner.der("peer"), purpose: .client)
        }
        #expect(failure?.reason == .untrustedChain)
        // In intermediates/.
        try partner.place(partner.pki.certificate("intermediate"), in: "intermediates")
        let trust = try partner.load()
        #expect(trust.intermediates.count == 1)
        #expect(try trust.verifyPeer(leaf: partner.der("peer"), purpose: .client).certificates.count == 3)
    }

    @Test func intermediateWithoutItsCRLIsRefused() throws {
        let partner = try TransportTrustFolder()
        try partner.pki.issue("intermediate", by: "root", profile: .intermediate)
        try partner.pki.issue("peer", by: "intermediate", profile: .tlsGateway)
        try partner.place(partner.pki.certificate("intermediate"), in: "intermediates")
        let failure = #expect(throws: TrustFailure.self) {
            try partner.load().verifyPeer(leaf: partner.der("peer"), purpose: .client)
        }
        #expect(failure?.reason == .crlMissing)
    }

    @Test func unreadableCertificateIsChainInvalid() throws {
        let trust = try TransportTrust.load(program: "ctpat", home: Self.home)
        let failure = #expect(throws: TrustFailure.self) {
            try trust.verifyPeer(leaf: [0x30, 0x03, 0x02, 0x01, 0x01], purpose: .client)
        }
        #expect(failure?.reason == .chainInvalid)
    }

    /// The loading rules are the signing store's: an intermediate is no anchor, a root no intermediate.
    @Test func misplacedCertificateMakesTheTransportTrustUnusableNamingItsFile() throws {
        let partner = try TransportTrustFolder()
        try partner.pki.issue("intermediate", by: "root", profile: .intermediate)
        try partner.place(partner.pki.certificate("intermediate"), in: "anchors")
        let failure = #expect(throws: SignatureFailure.self) { try partner.load() }
        #expect(failure?.reason == .trustStoreUnusable)
        #expect(
            failure?.message.contains("transport/anchors/intermediate.pem") == true, "\(String(describing: failure))")
    }

    @Test func programWithoutTransportFolderIsUnusable() throws {
        let partner = try TransportTrustFolder()
        try FileManager.default.removeItem(atPath: partner.folder)
        let failure = #expect(throws: SignatureFailure.self) { try partner.load() }
        #expect(failure?.reason == .trustStoreUnusable)
        #expect(failure?.message.contains("no transport trust") == true)
    }
}
