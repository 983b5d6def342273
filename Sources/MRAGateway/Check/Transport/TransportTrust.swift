import Foundation
public import MRACrypto

/// A partner's transport trust for mutual TLS between gateways,
/// `Certs/<program>/transport/`: the roots its gateway's TLS certificates
/// chain to (`anchors/`), its intermediate CAs (`intermediates/`, never
/// trusted) and their CRLs (`crls/`), loaded by the same code and under the
/// same rules as the signing trust store beside it (``TrustAnchorRules``;
/// self-signed roots only, since there is no `partner.xml` pin here; a CRL
/// for every CA of a chain).
public struct TransportTrust: Sendable {
    /// Which end of a TLS connection a certificate identifies.
    public enum Purpose: Sendable, Hashable, CustomStringConvertible {
        /// A partner's gateway calling our endpoint (extendedKeyUsage clientAuth).
        case client
        /// A partner's endpoint we call (extendedKeyUsage serverAuth).
        case server

        /// The extendedKeyUsage purpose a certificate needs for this end (when it has that extension).
        public var extendedKeyUsage: ExtendedKeyUsage { self == .client ? .clientAuth : .serverAuth }

        public var description: String { self == .client ? "client" : "server" }
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
        let (anchors, intermediates, crls) = try TrustStore.loadFolder(folder, pins: [])
        return TransportTrust(
            program: program, anchors: anchors, intermediates: intermediates, crls: crls,
            policy: TrustPolicy(requireRevocationCheck: true))
    }

    /// Checks a TLS certificate presented for `purpose` (with the certificates the peer sent beside it, never
    /// trusted): a chain built by OpenSSL to one of ``anchors``, valid at `time`, with a current CRL for every
    /// CA and no certificate revoked; every key as strong as signers' must be; and the leaf as
    /// ``TLSCertificatePolicy`` wants it (not a CA, digitalSignature when it has a keyUsage, the purpose when
    /// it has an extendedKeyUsage).
    ///
    /// - Throws: ``TrustFailure`` with the stable reason (`untrusted-chain`, `certificate-expired`,
    ///   `certificate-revoked`, `crl-missing`, `signer-is-ca`, `key-usage`, `extended-key-usage`, `weak-key` …).
    public func verify(
        _ leaf: Certificate, presented: [Certificate] = [], purpose: Purpose, at time: Int64 = UnixTime.now()
    ) throws(TrustFailure) -> VerifiedChain {
        try ChainVerifier(trustAnchors: anchors, crls: crls, policy: policy)
            .verify(leaf, intermediates: intermediates + presented, at: time, for: .tls(purpose.extendedKeyUsage))
    }

    /// ``verify(_:presented:purpose:at:)`` of a peer's certificates as the TLS layer gives them: the leaf's
    /// DER and the DER of the chain it sent (may be empty). A certificate that cannot be read is
    /// `chain-invalid`.
    public func verifyPeer(
        leaf: [UInt8], chain: [[UInt8]] = [], purpose: Purpose, at time: Int64 = UnixTime.now()
    ) throws(TrustFailure) -> VerifiedChain {
        let certificates: [Certificate]
        do {
            certificates = try ([leaf] + chain).map { bytes throws(CryptoError) in try Certificate(der: bytes) }
        } catch {
            throw TrustFailure(reason: .chainInvalid, message: "the peer's certificate cannot be read: \(error)")
        }
        return try verify(certificates[0], presented: Array(certificates.dropFirst()), purpose: purpose, at: time)
    }

    /// The programs among `programs` whose transport trust accepts the peer's certificate for `purpose`, in
    /// the order given: for telling a certificate valid for another partner (`client-certificate-wrong-partner`)
    /// from one valid for none. A program whose `transport/` is missing or does not load accepts nothing.
    public static func programs(
        accepting leaf: [UInt8], chain: [[UInt8]] = [], purpose: Purpose, among programs: [String],
        home: GatewayHome, at time: Int64 = UnixTime.now()
    ) -> [String] {
        programs.filter { program in
            guard let trust = try? load(program: program, home: home) else { return false }
            return (try? trust.verifyPeer(leaf: leaf, chain: chain, purpose: purpose, at: time)) != nil
        }
    }
}
