public import MRACrypto
public import MRAPlumbing

/// Why a signature was refused (or could not be made).
///
/// ``reason`` is a stable code: it is what reports print and what partners and
/// scripts match on. ``message`` is for people and never quotes document values;
/// it never repeats the reason (``description`` writes it once).
public struct SignatureFailure: Error, Sendable, CustomStringConvertible {
    /// A stable reason code such as `digest-mismatch`.
    public struct Reason: ErrorCode {
        /// The code; never changes once published.
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }

        // Document
        /// The document could not be read safely (not well-formed, DOCTYPE, entities, limits).
        public static let documentRefused = Reason("document-refused")
        /// The file could not be read, or changed while it was being read.
        public static let unreadable = Reason("file-unreadable")
        /// The signature asks for a canonical form only a libxml2 tree gives
        /// (an InclusiveNamespaces PrefixList, namespace URIs libxml2 writes its
        /// own way), and the document is larger than a tree is built for
        /// (``SignatureProfile/maxTreeBytes``, 16 MiB).
        public static let notStreamable = Reason("signature-not-streamable")

        // Placement and structure
        /// The document carries no `ds:Signature`.
        public static let signatureMissing = Reason("signature-missing")
        /// The document carries more than one `ds:Signature`.
        public static let multipleSignatures = Reason("multiple-signatures")
        /// The signature is not a child of the document element, or carries
        /// `ds:Object` content: signed content was moved (signature wrapping).
        public static let signatureWrapped = Reason("signature-wrapped")
        /// The signature is a child of the root but not its last child.
        public static let signatureMisplaced = Reason("signature-misplaced")
        /// The document element is the `ds:Signature` itself (an enveloping
        /// signature): the profile signs documents with an enveloped signature only.
        public static let signatureEnveloping = Reason("signature-enveloping")
        /// The signature element does not have the profile's structure.
        public static let signatureMalformed = Reason("signature-malformed")

        // References and transforms
        /// `SignedInfo` has more or fewer than one `Reference`.
        public static let referenceCount = Reason("reference-count")
        /// A Reference points outside the document (`file:`, `http:`, relative paths).
        public static let externalReference = Reason("external-reference")
        /// A Reference is not `URI=""` (a fragment, XPointer, or no URI at all).
        public static let referenceNotWholeDocument = Reason("reference-not-whole-document")
        /// Transforms other than enveloped-signature then exclusive C14N (XSLT, XPath, base64 …).
        public static let transformNotAllowed = Reason("transform-not-allowed")
        /// `KeyInfo` uses `RetrievalMethod`.
        public static let retrievalMethod = Reason("retrieval-method")

        // Algorithms
        /// SHA-1, MD5, HMAC or DSA, refused by name.
        public static let weakAlgorithm = Reason("weak-algorithm")
        /// Any other algorithm outside the allowlist (including inclusive or with-comments C14N).
        public static let algorithmNotAllowed = Reason("algorithm-not-allowed")
        /// The signature algorithm does not fit the signer's key (RSA vs ECDSA, curve).
        public static let keyAlgorithmMismatch = Reason("key-algorithm-mismatch")

        // Key and trust
        /// No `X509Data/X509Certificate`: `KeyValue` and bare keys are never used.
        public static let certificateMissing = Reason("certificate-missing")
        /// The signer's certificate is self-signed and not a trust anchor.
        public static let certificateSelfSigned = Reason("certificate-self-signed")
        /// A certificate imitates a trust anchor (same subject, different key).
        public static let anchorImpostor = Reason("anchor-impostor")

        // Cryptography
        /// The digest of the signed content does not match `DigestValue`: the content was changed.
        public static let digestMismatch = Reason("digest-mismatch")
        /// `SignatureValue` does not verify over `SignedInfo` with the signer's key.
        public static let signatureInvalid = Reason("signature-invalid")

        // Signing
        /// The document to sign already carries a signature.
        public static let alreadySigned = Reason("already-signed")
        /// The trust material (anchors, CRLs, partner settings) cannot be loaded.
        public static let trustStoreUnusable = Reason("trust-store-unusable")
        /// The signing key or certificate cannot be used.
        public static let signingFailed = Reason("signing-failed")

        /// Trust failures keep the chain verifier's codes (`certificate-expired`,
        /// `certificate-revoked`, `crl-missing`, `crl-expired`, `untrusted-chain`,
        /// `key-usage`, `weak-key` …).
        public init(trust: String) { rawValue = trust }
    }

    public var reason: Reason
    public var message: String
    /// Line in the document, when the failure has one.
    public var line: Int?

    public init(_ reason: Reason, _ message: String, line: Int? = nil) {
        self.reason = reason
        self.message = message
        self.line = line
    }

    /// A chain failure under its own code (`untrusted-chain`, `crl-missing` …),
    /// with the offending certificate named in the message.
    public init(_ trust: TrustFailure) {
        self.init(Reason(trust: trust.reason.rawValue), trust.messageNamingCertificate)
    }

    public var description: String {
        (line.map { "line \($0): " } ?? "") + "\(reason): \(message)"
    }
}
