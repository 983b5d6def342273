import Foundation
import MRACrypto
import MRAGateway
import MRATestSupport
import Testing

/// `Certs/<program>/` as the gateway loads it: anchors are self-signed roots
/// or pinned signers, `intermediates/` holds untrusted intermediate CAs, and
/// anything else is a configuration error naming its file.
@Suite struct TrustStoreLoadingTests {
    @Test func rootIntermediatesAndPinnedSignerLoad() throws {
        let partner = try PartnerTrustFolder()
        try partner.pki.issue("pinned-signer", by: "intermediate")
        try partner.place("pinned-signer", in: "anchors")
        try partner.place("intermediate", in: "intermediates")
        try partner.writePartner(try partner.pin("pinned-signer"))
        let store = try partner.load()
        #expect(store.anchors == [try partner.certificate("pinned-signer"), try partner.certificate("root")])
        #expect(store.untrusted == [try partner.certificate("intermediate")])
        #expect(store.crls.count == 2)
        #expect(store.policy.requireRevocationCheck)
    }

    struct Misplaced: Sendable, CustomTestStringConvertible {
        var certificate: String
        var folder: String
        var message: String
        var testDescription: String { "\(certificate) in \(folder)/" }
    }

    static let misplaced: [Misplaced] = [
        Misplaced(certificate: "intermediate", folder: "anchors", message: "intermediates are not trust anchors"),
        Misplaced(certificate: "signer", folder: "anchors", message: "is not a self-signed root"),
        Misplaced(certificate: "self-signed-signer", folder: "anchors", message: "must be pinned"),
        Misplaced(certificate: "signer", folder: "intermediates", message: "only intermediate CAs"),
        Misplaced(certificate: "root", folder: "intermediates", message: "a root belongs in anchors/"),
    ]

    @Test(arguments: misplaced)
    func certificateInTheWrongFolderIsRefusedAtLoadNamingItsFile(_ test: Misplaced) throws {
        let partner = try PartnerTrustFolder()
        try partner.pki.selfSigned("self-signed-signer", profile: .signer)
        try partner.place(test.certificate, in: test.folder, as: "misplaced.pem")
        let failure = #expect(throws: SignatureFailure.self) { try partner.load() }
        #expect(failure?.reason == .trustStoreUnusable)
        #expect(failure?.message.contains("\(test.folder)/misplaced.pem") == true, "\(failure?.message ?? "")")
        #expect(failure?.message.contains(test.message) == true, "\(failure?.message ?? "")")
    }

    struct BadPin: Sendable, CustomTestStringConvertible {
        var name: String
        var placed: String?
        var pinned: String
        var fingerprintOf: String
        var message: String
        var testDescription: String { name }
    }

    static let badPins: [BadPin] = [
        BadPin(
            name: "fingerprint of another certificate", placed: "signer", pinned: "signer", fingerprintOf: "root",
            message: "is not the fingerprint partner.xml pins"),
        BadPin(
            name: "a CA pinned", placed: "intermediate", pinned: "intermediate", fingerprintOf: "intermediate",
            message: "cannot be pinned"),
        BadPin(
            name: "a pin without its file", placed: nil, pinned: "signer", fingerprintOf: "signer",
            message: "which is not a file of anchors/"),
    ]

    @Test(arguments: badPins)
    func badPinIsRefusedAtLoad(_ test: BadPin) throws {
        let partner = try PartnerTrustFolder()
        if let placed = test.placed { try partner.place(placed, in: "anchors") }
        let fingerprint = try partner.certificate(test.fingerprintOf).sha256Fingerprint
        try partner.writePartner(try partner.pin(test.pinned, fingerprint: fingerprint))
        let failure = #expect(throws: SignatureFailure.self) { try partner.load() }
        #expect(failure?.reason == .trustStoreUnusable)
        #expect(failure?.message.contains(test.message) == true, "\(failure?.message ?? "")")
    }

    @Test func pinFingerprintMayBeWrittenWithColonsInUpperCase() throws {
        let partner = try PartnerTrustFolder()
        try partner.place("signer", in: "anchors")
        let hex = try partner.certificate("signer").sha256Fingerprint.uppercased()
        var pairs: [String] = []
        var rest = Substring(hex)
        while !rest.isEmpty {
            pairs.append(String(rest.prefix(2)))
            rest = rest.dropFirst(2)
        }
        try partner.writePartner(try partner.pin("signer", fingerprint: pairs.joined(separator: ":")))
        #expect(try partner.load().anchors.count == 2)
    }

    @Test func partnerSettingThatTurnsRevocationOffIsRefused() throws {
        let partner = try PartnerTrustFolder()
        try partner.writePartner(attributes: " requireRevocationCheck=\"false\"")
        let failure = #expect(throws: SignatureFailure.self) { try partner.load() }
        #expect(failure?.reason == .trustStoreUnusable)
        #expect(failure?.message.contains("--no-revocation-check") == true)
    }

    @Test func explicitTrustTakesOnlyRootsNamingTheFile() throws {
        let failure = #expect(throws: SignatureFailure.self) {
            try TrustStore.load(trust: [SignatureFixtures.path("intermediate.pem")], untrusted: [], crls: [])
        }
        #expect(failure?.reason == .trustStoreUnusable)
        #expect(failure?.message.hasPrefix(SignatureFixtures.path("intermediate.pem")) == true)
    }

    /// A partner that sends only its signing certificate is verified through
    /// the intermediates of `intermediates/`; without them the chain cannot be built.
    @Test func leafOnlyPartnerVerifiesThroughIntermediates() throws {
        let partner = try PartnerTrustFolder()
        let signed = try Signer(identity: partner.identity("signer", chain: [])).sign(
            bytes: SignatureFixtures.sample())
        let without = SignatureVerifier(trust: try partner.load()).verify(bytes: signed, file: "leaf-only.xml")
        #expect(without.failure?.reason.rawValue == "untrusted-chain", "\(without.text)")

        try partner.place("intermediate", in: "intermediates")
        let report = SignatureVerifier(trust: try partner.load()).verify(bytes: signed, file: "leaf-only.xml")
        #expect(report.verified, "\(report.text)")
        #expect(report.chain.count == 3)
        #expect(report.revocationChecked)
    }

    /// A pinned signer verifies with revocation required (no CA in its
    /// chain); the report says why revocation was not checked.
    @Test func pinnedSignerVerifiesAndTheReportSaysItIsPinned() throws {
        let partner = try PartnerTrustFolder()
        try partner.pki.selfSigned("own-signer", profile: .signer)
        try partner.place("own-signer", in: "anchors")
        try partner.writePartner(try partner.pin("own-signer"))
        let signed = try Signer(identity: partner.identity("own-signer")).sign(bytes: SignatureFixtures.sample())
        let report = SignatureVerifier(trust: try partner.load()).verify(bytes: signed, file: "pinned.xml")
        #expect(report.verified, "\(report.text)")
        #expect(!report.revocationChecked)
        #expect(report.text.contains("revocation checked: no (pinned certificate)"))
    }
}
