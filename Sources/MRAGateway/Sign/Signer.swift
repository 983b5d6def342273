public import MRACrypto
public import MRAXML

/// Signs documents in the gateway's profile: an enveloped `ds:Signature`
/// appended as the last child of the root, `Reference URI=""`, transforms
/// enveloped-signature then exclusive C14N, and `KeyInfo/X509Data` carrying the
/// signer's certificate and its intermediates.
///
/// The output is the input byte for byte with the signature inserted before
/// the root's end tag: nothing is re-serialized, so the signature covers
/// exactly the bytes that are written.
public struct Signer: Sendable {
    public var identity: SigningIdentity
    public var algorithm: SignatureProfile.SignatureAlgorithm
    public var digest: DigestAlgorithm
    public var limits: XMLLimits
    /// The largest file signed from a libxml2 tree (``sign(path:to:)``).
    public var maxTreeBytes = SignatureProfile.maxTreeBytes

    /// `algorithm` defaults to the key's (RSA-SHA256, ECDSA-SHA256 on P-256,
    /// ECDSA-SHA384 on P-384); `digest` to SHA-256. The certificate must be one
    /// a partner's verifier accepts (``SigningCertificatePolicy``: not a CA,
    /// keyUsage digitalSignature or nonRepudiation, valid at `signingTime`,
    /// default now), or nothing is signed.
    public init(
        identity: SigningIdentity, algorithm: SignatureProfile.SignatureAlgorithm? = nil,
        digest: DigestAlgorithm = .sha256, limits: XMLLimits = XMLLimits(), signingTime: Int64? = nil
    ) throws(SignatureFailure) {
        try Self.checkCertificate(identity.certificate, at: signingTime ?? UnixTime.now())
        guard let chosen = algorithm ?? SignatureProfile.SignatureAlgorithm.default(for: identity.key.kind),
            chosen.fits(identity.key.kind)
        else {
            throw SignatureFailure(.keyAlgorithmMismatch, "the algorithm does not fit the \(identity.key.kind) key")
        }
        guard digest.isAcceptable else {
            throw SignatureFailure(.weakAlgorithm, "\(digest) is refused")
        }
        self.identity = identity
        self.algorithm = chosen
        self.digest = digest
        self.limits = limits
    }

    /// Signs a document held in memory and returns the signed document.
    ///
    /// The signature goes before the document element's end tag, found by
    /// the parse (so processing instructions and comments after the root stay
    /// after it); an empty root `<list/>` becomes `<list>…</list>`, which has
    /// the same canonical form.
    public func sign(bytes: [UInt8], file: String = "<input>") throws(SignatureFailure) -> [UInt8] {
        let hasher = try CanonicalDigest(digest)
        let evidence: SignatureEvidence
        do throws(XMLError) {
            evidence = try EnvelopedSignatureReader.read(bytes: bytes, file: file, limits: limits, hasher: hasher)
        } catch {
            throw SignatureFailure(.documentRefused, error.description)
        }
        // The tree, if one is needed, is freed before the output is assembled, so the two never coexist.
        let signature = try signature(for: evidence, file: file) { () throws(SignatureFailure) in bytes }
        guard let rootEnd = evidence.rootEnd,
            let signed = SignedDocument.inserting(
                signature, asLastChildOf: evidence.rootQualifiedName, endingAt: rootEnd, in: bytes)
        else {
            throw SignatureFailure(.documentRefused, "cannot find the end tag of the document element")
        }
        return signed
    }

    /// Signs a document its writer also wrote in exclusive canonical form
    /// (no comments, empty PrefixList) and hashed with ``digest`` as it went:
    /// `canonicalDigest` is that hash, so the document is not parsed again.
    /// For the gateway's own documents (receipts), whose writers are held by
    /// tests to libxml2's canonical form; anything else goes through
    /// ``sign(bytes:file:)``. `rootQualifiedName` is the document element's
    /// name as written, whose end tag the signature goes before.
    public func sign(
        bytes: [UInt8], canonicalDigest: [UInt8], rootQualifiedName: String
    ) throws(SignatureFailure) -> [UInt8] {
        guard let offset = SignedDocument.rootEndTagOffset(in: bytes, qualifiedName: rootQualifiedName) else {
            throw SignatureFailure(
                .documentRefused, "cannot find the end tag </\(rootQualifiedName)> that closes the document")
        }
        return SignedDocument.inserting(try signature(digestValue: canonicalDigest), at: offset, into: bytes)
    }

    /// The Signature element over a document whose streaming pass found
    /// `evidence`: over its streamed canonical digest, or, for the canonical
    /// forms the streaming writer leaves to libxml2, over the digest of a tree
    /// of `document`'s bytes.
    func signature(
        for evidence: SignatureEvidence, file: String, document: () throws(SignatureFailure) -> [UInt8]
    ) throws(SignatureFailure) -> [UInt8] {
        guard evidence.survey.signatures.isEmpty else {
            throw SignatureFailure(.alreadySigned, "the document already carries a ds:Signature")
        }
        let digestValue = evidence.unsupported == nil ? evidence.documentDigest : try treeDigest(document(), file: file)
        return try signature(digestValue: digestValue)
    }

    /// The digest of the canonical document from a libxml2 tree.
    private func treeDigest(_ bytes: [UInt8], file: String) throws(SignatureFailure) -> [UInt8] {
        do {
            let document = try SignedDocument(bytes: bytes, file: file, limits: limits)
            var hasher = try Digest(algorithm: digest)
            try document.canonicalize(into: { hasher.update($0) })
            return hasher.finalize()
        } catch let error as XMLError {
            throw SignatureFailure(.documentRefused, error.description)
        } catch {
            throw SignatureFailure(.signingFailed, "\(error)")
        }
    }

    /// The Signature element over a document whose canonical form hashes to `digestValue`.
    private func signature(digestValue: [UInt8]) throws(SignatureFailure) -> [UInt8] {
        let signedInfo = signedInfoXML(digestValue: Base64.encode(digestValue))
        let canonical = try canonicalSignedInfo(signedInfo)
        let value: [UInt8]
        do {
            value = try identity.key.sign(canonical, digest: algorithm.digest)
        } catch {
            throw SignatureFailure(.signingFailed, error.description)
        }
        return Array(signatureXML(signedInfo: signedInfo, value: Base64.encode(value, lineLength: 76)).utf8)
    }

    private static let ns = SignatureProfile.namespace

    private func signedInfoXML(digestValue: String) -> String {
        """
        <ds:SignedInfo>
        <ds:CanonicalizationMethod Algorithm="\(SignatureProfile.exclusiveC14N)"/>
        <ds:SignatureMethod Algorithm="\(algorithm.uri)"/>
        <ds:Reference URI="">
        <ds:Transforms>
        <ds:Transform Algorithm="\(SignatureProfile.envelopedSignature)"/>
        <ds:Transform Algorithm="\(SignatureProfile.exclusiveC14N)"/>
        </ds:Transforms>
        <ds:DigestMethod Algorithm="\(SignatureProfile.uri(of: digest))"/>
        <ds:DigestValue>\(digestValue)</ds:DigestValue>
        </ds:Reference>
        </ds:SignedInfo>
        """
    }

    private func signatureXML(signedInfo: String, value: String) -> String {
        let certificates = ([identity.certificate] + identity.chain).map {
            "<ds:X509Certificate>\(Base64.encode($0.der, lineLength: 76))</ds:X509Certificate>"
        }
        return """
            <ds:Signature xmlns:ds="\(Self.ns)">
            \(signedInfo)
            <ds:SignatureValue>\(value)</ds:SignatureValue>
            <ds:KeyInfo>
            <ds:X509Data>
            \(certificates.joined(separator: "\n"))
            </ds:X509Data>
            </ds:KeyInfo>
            </ds:Signature>
            """
    }

    /// The exclusive canonical form of SignedInfo. It declares only the `ds`
    /// prefix, which the Signature element binds, and exclusive C14N renders
    /// only visibly used namespaces, so its canonical form is the same inside
    /// any document.
    private func canonicalSignedInfo(_ signedInfo: String) throws(SignatureFailure) -> [UInt8] {
        let standalone = "<ds:Signature xmlns:ds=\"\(Self.ns)\">\(signedInfo)</ds:Signature>"
        do {
            let document = try SignedDocument(bytes: Array(standalone.utf8), file: "SignedInfo")
            return try document.canonicalizeSignedInfo(0)
        } catch {
            throw SignatureFailure(.signingFailed, "cannot canonicalize SignedInfo: \(error)")
        }
    }
}
