public import MRACrypto
public import MRAXML

/// Verifies enveloped XML signatures in the gateway's profile, failing closed.
///
/// In order, and stopping at the first problem (each with its own
/// ``SignatureFailure/Reason``): hardened parse; no enveloping signature;
/// exactly one `ds:Signature`, the last child of the root; the profile's
/// structure, algorithms, transforms and `URI=""`; the signer certificate
/// (from `X509Data`, other certificates there being only chain hints) chained
/// to an anchor of the trust store, with revocation per its policy; the
/// `SignatureValue` over the canonical `SignedInfo` with that certificate's
/// key; the digest of the canonical document minus its signature.
///
/// What verified is the whole file minus its `ds:Signature` and its comments,
/// which canonicalization drops: callers that go on to process the document
/// must process the same bytes they passed in (see ``verify(bytes:file:)``),
/// never re-read the file. IDs are not checked for uniqueness: the only
/// Reference allowed is `URI=""`, which resolves no ID. A comment inside a
/// value (`AEO<!---->123`) is accepted: the gateway's readers join a value's
/// character data (`AEO123`), which is the text the canonical form signs.
public struct SignatureVerifier: Sendable {
    public var trust: TrustStore
    public var limits: XMLLimits
    /// Verification time in Unix seconds; nil means now.
    public var time: Int64?
    /// The largest file verified from a libxml2 tree (``verify(path:displayName:)``).
    public var maxTreeBytes = SignatureProfile.maxTreeBytes

    /// `limits` default to the trust store's (a partner's `partner.xml` can lower the shared ones).
    public init(trust: TrustStore, limits: XMLLimits? = nil, time: Int64? = nil) {
        self.trust = trust
        self.limits = limits ?? trust.limits
        self.time = time
    }

    /// Verifies a document held in memory; `file` names it in the report.
    ///
    /// The document is read once, streaming: its canonical form is hashed as
    /// it is parsed (``EnvelopedSignatureReader``). A signature that asks for
    /// an InclusiveNamespaces PrefixList, or a document whose canonical form
    /// the streaming writer does not reproduce, is verified from a libxml2
    /// tree instead (``SignedDocument``).
    public func verify(bytes: [UInt8], file: String) -> VerificationReport {
        let evidence: SignatureEvidence
        do throws(SignatureFailure) {
            let hasher = try CanonicalDigest(Self.streamedDigest)
            do throws(XMLError) {
                evidence = try EnvelopedSignatureReader.read(bytes: bytes, file: file, limits: limits, hasher: hasher)
            } catch {
                throw Self.refused(error)
            }
        } catch {
            return refusalReport(file: file, error)
        }
        return verify(evidence: evidence, digestAlgorithm: Self.streamedDigest, source: .bytes(bytes), file: file)
    }

    /// Reads and verifies the file at `path` in one streaming pass, in flat
    /// memory whatever its size: the file is read in chunks, checked against
    /// ``limits`` and hashed in canonical form as it is parsed. A signature
    /// that needs a libxml2 tree is verified from one only up to
    /// ``maxTreeBytes`` (`signature-not-streamable` above).
    public func verify(path: String, displayName: String? = nil) -> VerificationReport {
        let file = displayName ?? path
        do throws(SignatureFailure) {
            let hasher = try CanonicalDigest(Self.streamedDigest)
            let read = try FileDigest()
            let evidence: SignatureEvidence
            do throws(XMLError) {
                evidence = try EnvelopedSignatureReader.read(
                    path: path, file: file, limits: limits, hasher: hasher, chunks: read)
            } catch {
                throw Self.refused(error)
            }
            return verify(
                evidence: evidence, digestAlgorithm: Self.streamedDigest,
                source: .file(path: path, sha256: read.value), file: file)
        } catch {
            return refusalReport(file: file, error)
        }
    }

    /// The digest streamed reads compute while parsing: the profile's default.
    /// A signature with another DigestMethod costs a second streaming pass.
    public static let streamedDigest = DigestAlgorithm.sha256

    /// Verifies a document from what a streaming read of it found
    /// (``RecordStreamSummary/signature``), its canonical document hashed
    /// with `digestAlgorithm`. `source` is read again only when the signature
    /// needs another digest or canonical form (``SignedSource``).
    public func verify(
        evidence: SignatureEvidence, digestAlgorithm: DigestAlgorithm, source: SignedSource, file: String
    ) -> VerificationReport {
        var report = VerificationReport(file: file)
        report.partner = trust.program
        do throws(SignatureFailure) {
            let signature = try checkPlacement(evidence.survey)
            if let line = evidence.oversizedSignatureLine {
                throw SignatureFailure(
                    .signatureMalformed,
                    "ds:Signature holds more than \(EnvelopedSignatureReader.maxSignatureBytes) bytes of content",
                    line: line)
            }
            let structure = try SignatureStructure(signature.element)
            guard structure.signedInfoPrefixes.isEmpty, structure.referencePrefixes.isEmpty,
                evidence.unsupported == nil, let signedInfo = evidence.canonicalSignedInfo
            else {
                let why = evidence.unsupported ?? "an InclusiveNamespaces PrefixList"
                return verifyFromTree(bytes: try wholeDocument(of: source, file: file, why: why), file: file)
            }
            try verify(
                structure, canonicalSignedInfo: { () throws(SignatureFailure) in signedInfo },
                documentDigest: { (algorithm) throws(SignatureFailure) in
                    if algorithm == digestAlgorithm { return evidence.documentDigest }
                    return try documentDigest(of: source, algorithm: algorithm, file: file)
                }, into: &report)
        } catch {
            report.failure = error
        }
        return report
    }

    /// The report on a file refused before its signature could be checked
    /// (unreadable, too large, not XML).
    public func refusalReport(file: String, _ failure: SignatureFailure) -> VerificationReport {
        var report = VerificationReport(file: file)
        report.partner = trust.program
        report.failure = failure
        return report
    }

    /// Verifies from a libxml2 tree of the whole document: for the
    /// canonical forms the streaming reader leaves to libxml2, and as the
    /// reference the streaming verification is tested against.
    public func verifyFromTree(bytes: [UInt8], file: String) -> VerificationReport {
        var report = VerificationReport(file: file)
        report.partner = trust.program
        do throws(SignatureFailure) {
            let document: SignedDocument
            do throws(XMLError) {
                document = try SignedDocument(bytes: bytes, file: file, limits: limits)
            } catch {
                throw Self.refused(error)
            }
            let signature = try checkPlacement(document.survey)
            let structure = try SignatureStructure(signature.element)
            try verify(
                structure,
                canonicalSignedInfo: { () throws(SignatureFailure) in
                    do throws(XMLError) {
                        return try document.canonicalizeSignedInfo(0, inclusivePrefixes: structure.signedInfoPrefixes)
                    } catch {
                        throw SignatureFailure(
                            .signatureMalformed, "SignedInfo cannot be canonicalized: \(error.message)")
                    }
                },
                documentDigest: { (algorithm) throws(SignatureFailure) in
                    do {
                        var digest = try Digest(algorithm: algorithm)
                        try document.canonicalizeExcludingSignature(0, inclusivePrefixes: structure.referencePrefixes) {
                            digest.update($0)
                        }
                        return digest.finalize()
                    } catch {
                        throw SignatureFailure(.documentRefused, "the document cannot be canonicalized: \(error)")
                    }
                }, into: &report)
        } catch {
            report.failure = error
        }
        return report
    }

    /// The document's own code (`XML-DOCTYPE` …) leads the message, once.
    package static func refused(_ error: XMLError) -> SignatureFailure {
        SignatureFailure(
            error.code == .io ? .unreadable : .documentRefused, "\(error.code): \(error.message)",
            line: error.line > 0 ? error.line : nil)
    }

    /// Exactly one `ds:Signature`, the root's last child. Returns the signature.
    private func checkPlacement(_ survey: DocumentSurvey) throws(SignatureFailure) -> DocumentSurvey.Signature {
        guard let signature = survey.signatures.first else {
            throw SignatureFailure(.signatureMissing, "the document carries no ds:Signature")
        }
        guard survey.root != QName(SignatureProfile.namespace, "Signature") else {
            throw SignatureFailure(
                .signatureEnveloping,
                "the document element is ds:Signature (an enveloping signature); the profile accepts only an enveloped one, the last child of the signed document's root",
                line: signature.element.line)
        }
        guard survey.signatures.count == 1 else {
            throw SignatureFailure(
                .multipleSignatures,
                "the document carries \(survey.signatures.count) ds:Signature elements; exactly one is accepted",
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
        return signature
    }

    /// The signer's chain, the SignatureValue over the canonical SignedInfo,
    /// and the DigestValue over the canonical document minus its signature.
    private func verify(
        _ structure: SignatureStructure, canonicalSignedInfo: () throws(SignatureFailure) -> [UInt8],
        documentDigest: (DigestAlgorithm) throws(SignatureFailure) -> [UInt8], into report: inout VerificationReport
    ) throws(SignatureFailure) {
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
        if chain.isPinned {
            report.revocationNote = "pinned certificate"
        } else if !chain.revocationChecked && !trust.policy.requireRevocationCheck {
            report.revocationNote = "--no-revocation-check"
        }

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
        let signedInfo = try canonicalSignedInfo()
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

        // The digest of the document minus its signature.
        let computed = try documentDigest(structure.digestAlgorithm)
        report.signedContentDigest = Base64.encode(computed)
        guard computed == structure.digestValue else {
            throw SignatureFailure(
                .digestMismatch, "the signed content was changed: its digest does not match DigestValue")
        }
    }

    /// Builds and checks the signer's chain from the message's certificates
    /// (hints only) to an anchor of the trust store.
    private func verifiedChain(
        _ ders: [[UInt8]], report: inout VerificationReport
    ) throws(SignatureFailure) -> VerifiedChain {
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
            guard error.reason == .untrustedChain else { throw SignatureFailure(error) }
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
            throw SignatureFailure(error)
        }
    }

    /// Whether `certificate` (directly, or through `presented`) is issued by
    /// an anchor, checked by key rather than name.
    private static func issued(
        by anchors: [Certificate], _ certificate: Certificate, among presented: [Certificate]
    ) -> Bool {
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
        let candidates = certificates.filter {
            !issuers.contains($0.subject) || $0.isSelfSigned && certificates.count == 1
        }
        return candidates.first { !$0.isCA } ?? candidates.first ?? certificates[0]
    }
}
