import Foundation
public import MRACrypto

/// A partner's transport trust for mutual TLS between gateways,
/// `Certs/<program>/transport/`: the roots its gateway's TLS certificates
/// chain to (`anchors/`), its intermediate CAs (`intermediates/`, never
/// trusted) and their CRLs (`crls/`), under the same rules as the signing
/// trust store beside it (``TrustAnchorRules``; a CRL for every CA).
public struct TransportTrust: Sendable {
    /// Which end of a TLS connection a certificate identifies.
    public enum Purpose: Sendable {
        /// A partner's gateway calling our endpoint (extendedKeyUsage clientAuth).
        case client
        /// A partner's endpoint we call (extendedKeyUsage serverAuth).
        case server
    }

    public var program: String
    public var anchors: [Certificate]
    public var intermediates: [Certificate]
    public var crls: [CertificateRevocationList]
    public var policy: TrustPolicy

    /// Loads `Certs/<program>/transport/`; refused (`trust-store-unusable`) when it is missing or breaks a rule.
    public static func load(program: String, home: GatewayHome) throws(SignatureFailure) -> TransportTrust {
        let folder = home.certs + "/" + program + "/transport"
        guard program.allSatisfy({ $0.isLetter || $0 == "-" }), FileManager.default.fileExists(atPath: folder) else {
            throw SignatureFailure(
                .trustStoreUnusable, "no transport trust for program \"\(program)\" (\(folder) is missing)")
        }
        let anchors = try TrustStore.loadAnchors(folder: folder, pins: [])
        var intermediates: [Certificate] = []
        for path in TrustStore.files(in: folder + "/intermediates") {
            for certificate in try TrustStore.loadingEach([path], Certificate.parseAll(pemFile:)) {
                if let problem = TrustAnchorRules.problem(asIntermediate: certificate) {
                    throw SignatureFailure(.trustStoreUnusable, "\(path): \(problem)")
                }
                intermediates.append(certificate)
            }
        }
        let crls = try TrustStore.loadingEach(TrustStore.files(in: folder + "/crls")) { path throws(CryptoError) in
            [try CertificateRevocationList(file: path)]
        }
        return TransportTrust(
            program: program, anchors: anchors, intermediates: intermediates, crls: crls,
            policy: TrustPolicy(requireRevocationCheck: true))
    }

    /// Checks a TLS certificate presented for `purpose` (with the certificates the peer sent beside it):
    /// not a CA, a key as strong as signers' must be, the purpose in its extendedKeyUsage when it has one,
    /// digitalSignature in its keyUsage when it has one, and a chain to one of ``anchors`` valid at `time`
    /// with a current CRL for every CA.
    public func verify(
        _ leaf: Certificate, presented: [Certificate] = [], purpose: Purpose, at time: Int64 = UnixTime.now()
    ) throws(TrustFailure) -> VerifiedChain {
        if leaf.isCA {
            throw TrustFailure(
                reason: .signerIsCA, message: "a CA certificate does not identify a gateway", depth: 0,
                subject: leaf.subject)
        }
        if let usage = leaf.keyUsage, !usage.contains(.digitalSignature) {
            throw TrustFailure(
                reason: .keyUsage, message: "the TLS certificate's keyUsage \(usage) lacks digitalSignature", depth: 0,
                subject: leaf.subject)
        }
        let needed: ExtendedKeyUsage = purpose == .client ? .clientAuth : .serverAuth
        if let usage = leaf.extendedKeyUsage, !usage.contains(needed) {
            throw TrustFailure(
                reason: .extendedKeyUsage,
                message: "the TLS certificate's extendedKeyUsage \(usage) lacks \(needed)", depth: 0,
                subject: leaf.subject)
        }
        try ChainVerifier.checkKeyStrength([leaf])
        return try ChainVerifier(trustAnchors: anchors, crls: crls, policy: policy)
            .verify(leaf, intermediates: intermediates + presented, at: time)
    }
}
