internal import CMRALibXML2

/// A hash function fed with a document's canonical form while it is read.
public protocol CanonicalHasher {
    mutating func update(_ bytes: UnsafeRawBufferPointer)
    func finalize() -> [UInt8]
}

/// What one streaming pass found about a document's enveloped signature:
/// everything a verifier needs besides keys, without a tree.
///
/// The canonical forms are exclusive C14N without comments and with an empty
/// InclusiveNamespaces PrefixList; a signature that names another form must
/// be verified from the tree (``SignedDocument``).
public struct SignatureEvidence: Sendable, Equatable {
    /// Where the signatures sit, as a tree walk finds them.
    /// A signature nested in another one is listed with its name and line only.
    public var survey: DocumentSurvey
    /// The document element's name as written (`prefix:local` or `local`).
    public var rootQualifiedName: String
    /// The byte offset just past the document element's end tag, or its `/>`
    /// when it is an empty-element tag: where a signature is inserted.
    public var rootEnd: Int?
    /// The canonical `SignedInfo` of the first signature, when that signature
    /// is a child of the document element.
    public var canonicalSignedInfo: [UInt8]?
    /// The hash of the canonical document minus that signature (the
    /// enveloped-signature transform, then exclusive C14N).
    public var documentDigest: [UInt8]
    /// Why the canonical forms may differ from libxml2's for this document
    /// (see ``ExclusiveCanonicalizer``); nil when they cannot.
    public var unsupported: String?
    /// Line of a signature larger than ``EnvelopedSignatureReader/maxSignatureBytes``,
    /// which is not captured.
    public var oversizedSignatureLine: Int?
}

/// Reads a document in one streaming pass to verify its enveloped signature:
/// the same hardened parse as ``RecordStream``, with no schema and no records.
public enum EnvelopedSignatureReader {
    /// The largest `ds:Signature` captured (text and attribute values);
    /// certificates in the profile are a few kilobytes each.
    public static let maxSignatureBytes = 1 << 20

    /// Reads `bytes`, feeding the canonical document minus its signature to `hasher`.
    public static func read(
        bytes: [UInt8], file: String?, limits: XMLLimits = XMLLimits(), hasher: some CanonicalHasher
    ) throws(XMLError) -> SignatureEvidence {
        let tap = EnvelopedSignatureTap(hasher: hasher)
        let parser = SecureParser(file: file, limits: limits, schema: nil, consumer: IgnoringConsumer(), tap: tap)
        try withBytes(bytes) { (raw) throws(XMLError) in try parser.parse(bytes: raw) }
        return tap.finish()
    }

    /// Reads the file at `path` in chunks, feeding the canonical document
    /// minus its signature to `hasher`, and every byte of the file to
    /// `chunks` (``ChunkSink``): memory stays flat whatever the file's size.
    public static func read(
        path: String, file: String?, limits: XMLLimits = XMLLimits(), hasher: some CanonicalHasher,
        chunks: (any ChunkSink)? = nil
    ) throws(XMLError) -> SignatureEvidence {
        let tap = EnvelopedSignatureTap(hasher: hasher)
        let parser = SecureParser(file: file, limits: limits, schema: nil, consumer: IgnoringConsumer(), tap: tap)
        try parser.parse(path: path, chunks: chunks)
        return tap.finish()
    }

    /// The canonical form of `bytes` minus its enveloped signature, whole:
    /// for tests and diagnostics (``read(bytes:file:limits:hasher:)`` never
    /// holds it).
    public static func canonicalForm(
        bytes: [UInt8], file: String? = nil, limits: XMLLimits = XMLLimits()
    ) throws(XMLError) -> [UInt8] {
        try read(bytes: bytes, file: file, limits: limits, hasher: CanonicalBytes()).documentDigest
    }
}

/// A "hash" that keeps every byte: the canonical form itself.
struct CanonicalBytes: CanonicalHasher {
    private var bytes: [UInt8] = []
    mutating func update(_ chunk: UnsafeRawBufferPointer) { bytes.append(contentsOf: chunk) }
    func finalize() -> [UInt8] { bytes }
}

/// A consumer for parses that only the signature tap watches.
private final class IgnoringConsumer: ParseConsumer {
    func startElement(
        _ parser: SecureParser, localName: UnsafePointer<xmlChar>, namespaceURI: UnsafePointer<xmlChar>?,
        attributes: Attributes, line: Int
    ) {}
    func endElement(_ parser: SecureParser) {}
    func characters(_ parser: SecureParser, _ bytes: UnsafePointer<xmlChar>, count: Int) {}
}
