import MRACrypto
public import MRAXML

/// Verifies enveloped XML signatures in the gateway's profile, failing closed.
///
/// In order, and stopping at the first problem (each with its own
/// ``SignatureFailure/Reason``): hardened parse; exactly one `ds:Signature`, the
/// last child of the root; unique IDs; no comment inside a value; the profile's
/// structure, algorithms, transforms and `URI=""`; the signer certificate
/// (from `X509Data`, other certificates there being only chain hints) chained
/// to an anchor of the trust store, with revocation per its policy; the
/// `SignatureValue` over the canonical `SignedInfo` with that certificate's
/// key; the digest of the canonical document minus its signature.
///
/// What verified is the whole file minus its `ds:Signature` (and comments
/// outside values, which canonicalization drops): callers that go on to
/// process the document must process the same bytes they passed in (see
/// ``verify(bytes:file:)``), never re-read the file.
public struct SignatureVerifier: Sendable {
    public var trust: TrustStore
    public var limits: XMLLimits
    /// Verification time in Unix seconds; nil means now.
    public var time: Int64?

    public init(trust: TrustStore, limits: XMLLimits = XMLLimits(), time: Int64? = nil) {
        self.trust = trust
        self.limits = limits
        self.time = time
    }

    /// Verifies a document held in memory; `file` names it in the report.
    public func verify(bytes: [UInt8], file: String) -> VerificationReport {
        var report = VerificationReport(file: file)
        report.partner = trust.program
        do throws(SignatureFailure) {
            try verify(bytes: bytes, file: file, into: &report)
        } catch {
            report.failure = error
        }
        return report
    }

    /// Reads and verifies the file at `path`. Returns the bytes that were
    /// verified, for processing, with the report.
    public func verify(path: String, displayName: String? = nil) -> (report: VerificationReport, bytes: [UInt8]?) {
        let name = displayName ?? path
        let bytes: [UInt8]
        do throws(SignatureFailure) {
            bytes = try FileBytes.read(path, limit: limits.maxBytes)
        } catch {
            var report = VerificationReport(file: name)
            report.partner = trust.program
            report.failure = error
            return (report, nil)
        }
        return (verify(bytes: bytes, file: name), bytes)
    }

    /// Reads and verifies the file at `path` when its bytes are not needed
    /// afterwards: they are released as soon as the tree is built.
    public func verifyFile(path: String, displayName: String? = nil) -> VerificationReport {
        var report = VerificationReport(file: displayName ?? path)
        report.partner = trust.program
        do throws(SignatureFailure) {
            let document = try parse(try FileBytes.read(path, limit: limits.maxBytes), file: report.file)
            try verify(document, into: &report)
        } catch {
            report.failure = error
        }
        return report
    }

    private func verify(bytes: [UInt8], file: String, into report: inout VerificationReport) throws(SignatureFailure) {
        try verify(try parse(bytes, file: file), into: &report)
    }

    private func parse(_ bytes: consuming [UInt8], file: String) throws(SignatureFailure) -> SignedDocument {
        do {
            return try SignedDocument(bytes: bytes, file: file, limits: limits)
        } catch {
            throw SignatureFailure(
                .documentRefused, "\(error.code): \(error.message)", line: error.line > 0 ? error.line : nil)
        }
    }

    private func verify(_ document: SignedDocument, into report: inout VerificationReport) throws(SignatureFailure) {
        let survey = document.survey
        guard let signature = survey.signatures.first else {
            throw SignatureFailure(.signatureMissing, "the document carries no ds:Signature")
        }
        guard survey.signatures.count == 1 else {
            throw SignatureFailure(
                .multipleSignatures, "the document carries \(survey.signatures.count) ds:Signature elements; exactly one is accepted",
                line: survey.signatures[1].element.line)
        }
        guard signature.isChildOfRoot else {
            throw SignatureFailure(
                .signatureWrapped, "ds:Signature is not a child of the document element", line: signature.element.line)
        }
        guard signature.isLastChildOfRoot else {
            throw SignatureFailure(
                .signatureMisplaced, "ds:Signature is not the last child of the document element",
                line: signature.element.line)
        }
        if let duplicate = survey.duplicateIDs.first {
            throw SignatureFailure(
                .duplicateID, "an ID value is used \(duplicate.lines.count) times (lines \(duplicate.lines.map(String.init).joined(separator: ", ")))",
                line: duplicate.lines.last)
        }
        if let line = survey.markupInsideText.first {
            throw SignatureFailure(
                .commentInValue, "a comment or processing instruction splits a text value", line: line)
        }

        let structure = try SignatureStructure(signature.element)
        report.canonicalization = "exc-c14n"
        report.signatureAlgorithm = structure.signatureAlgorithm.description
        report.digestAlgorithm = structure.digestAlgorithm.name

        // The key comes from the trust store: the certificate must chain to an anchor.
        let chain = try verifiedChain(structure.certificates, report: &report)
        report.signer = VerificationReport.CertificateSummary(chain.leaf)
        report.chain = chain.certificates.map(VerificationReport.CertificateSummary.init)
        report.anchorFingerprint = chain.anchorFingerprint
        report.crlsUsed = chain.crlsUsed.map(VerificationReport.CRLSummary.init)
        report.revocationChecked = chain.revocationChecked

        let key: PublicKey
        do {
            key = try chain.leaf.publicKey
        } catch {
            throw SignatureFailure(.signatureInvalid, "the signer's public key cannot be read")
        }
        guard structure.signatureAlgorithm.fits(key.kind) else {
            throw SignatureFailure(
                .keyAlgorithmMismatch, "\(structure.signatureAlgorithm) does not fit the signer's \(key.kind) key")
        }

        // SignatureValue over the canonical SignedInfo.
        let signedInfo: [UInt8]
        do {
            signedInfo = try document.canonicalizeSignedInfo(0, inclusivePrefixes: structure.signedInfoPrefixes)
        } catch {
            throw SignatureFailure(.signatureMalformed, "SignedInfo cannot be canonicalized: \(error.message)")
        }
        let valid: Bool
        do {
            valid = try key.verify(
                signature: structure.signatureValue, data: signedInfo, digest: structure.signatureAlgorithm.digest)
        } catch {
            throw SignatureFailure(.signatureInvalid, "signature check failed: \(error.message)")
        }
        guard valid else {
            throw SignatureFailure(.signatureInvalid, "SignatureValue does not verify with the signer's key")
        }

        // The digest of the document minus its signature, streamed.
        let computed: [UInt8]
        do {
            var digest = try Digest(algorithm: structure.digestAlgorithm)
            try document.canonicalizeExcludingSignature(0, inclusivePrefixes: structure.referencePrefixes) { chunk in
                digest.update(chunk)
            }
            computed = digest.finalize()
        } catch {
            throw SignatureFailure(.documentRefused, "the document cannot be canonicalized: \(error)")
        }
        report.signedContentDigest = Base64.encode(computed)
        guard computed == structure.digestValue else {
            throw SignatureFailure(
                .digestMismatch, "the signed content was changed: its digest does not match DigestValue")
        }
    }

    /// Builds and checks the signer's chain from the message's certificates
    /// (hints only) to an anchor of the trust store.
    private func verifiedChain(_ ders: [[UInt8]], report: inout VerificationReport) throws(SignatureFailure) -> VerifiedChain {
        var presented: [Certificate] = []
        for der in ders {
            do {
                presented.append(try Certificate(der: der))
            } catch {
                throw SignatureFailure(.signatureMalformed, "an X509Certificate is not a DER certificate")
            }
        }
        let leaf = Self.leaf(of: presented)
        report.signer = VerificationReport.CertificateSummary(leaf)
        let hints = presented.filter { $0 != leaf } + trust.untrusted
        do {
            return try trust.chainVerifier.verify(leaf, intermediates: hints, at: time ?? UnixTime.now())
        } catch {
            guard error.reason == .untrustedChain else {
                throw SignatureFailure(SignatureFailure.Reason(trust: error.reason.rawValue), error.description)
            }
            if leaf.isSelfSigned {
                throw SignatureFailure(
                    .certificateSelfSigned, "the signer's certificate is self-signed and not a trust anchor")
            }
            let anchorFingerprints = Set(trust.anchors.map(\.sha256Fingerprint))
            let anchorSubjects = Set(trust.anchors.map(\.subject))
            if let impostor = presented.first(where: {
                (anchorSubjects.contains($0.subject) && !anchorFingerprints.contains($0.sha256Fingerprint))
                    || (anchorSubjects.contains($0.issuer) && !Self.issued(by: trust.anchors, $0, among: presented))
            }) {
                throw SignatureFailure(
                    .anchorImpostor,
                    "\(impostor.subject) names a trust anchor but does not chain to its key (fingerprints differ)")
            }
            throw SignatureFailure(SignatureFailure.Reason(trust: error.reason.rawValue), error.description)
        }
    }

    /// Whether `certificate` (directly, or through `presented`) is issued by
    /// an anchor, checked by key rather than name.
    private static func issued(by anchors: [Certificate], _ certificate: Certificate, among presented: [Certificate]) -> Bool {
        let verifier = ChainVerifier(trustAnchors: anchors, policy: TrustPolicy(requireRevocationCheck: false))
        do {
            _ = try verifier.verify(certificate, intermediates: presented.filter { $0 != certificate })
            return true
        } catch {
            // Only a signature failure on the path counts as an impostor; usage and validity do not.
            return error.reason != .untrustedChain
        }
    }

    /// The signer: the certificate that issues none of the others (the end of
    /// the chain), preferring non-CA certificates; the first one if unclear.
    static func leaf(of certificates: [Certificate]) -> Certificate {
        let issuers = Set(certificates.filter { !$0.isSelfSigned }.map(\.issuer))
        let candidates = certificates.filter { !issuers.contains($0.subject) || $0.isSelfSigned && certificates.count == 1 }
        return candidates.first { !$0.isCA } ?? candidates.first ?? certificates[0]
    }
}
