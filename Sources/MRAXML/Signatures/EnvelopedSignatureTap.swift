internal import CMRALibXML2

/// Watches a streaming parse for an enveloped XML signature, so a document is
/// verified in the pass that reads it, without a tree:
///
/// - writes the exclusive canonical form of the document minus its first
///   `ds:Signature` (when that is a child of the document element: the
///   enveloped-signature transform) to a hasher;
/// - canonicalizes that signature's `SignedInfo` on its own;
/// - captures every `ds:Signature` as an ``Element`` (bounded in size) and
///   notes where each one sits;
/// - notes where the document element ends, where a signer inserts.
///
/// The state lives in memory this object allocates and frees, not in stored
/// `var`s, which would get a dynamic exclusivity check on every event.
final class EnvelopedSignatureTap {
    private let state: UnsafeMutablePointer<TapState>
    private let signedInfoBytes = ByteCollector()
    /// The hash the canonical document is fed to, updated in place.
    private let hasher: HasherBox

    init(hasher: any CanonicalHasher) {
        let box = HasherBox(hasher)
        self.hasher = box
        state = .allocate(capacity: 1)
        state.initialize(
            to: TapState(
                document: ExclusiveCanonicalizer { box.hasher.update($0) },
                maxSignatureBytes: EnvelopedSignatureReader.maxSignatureBytes))
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    func startElement(
        _ parser: SecureParser, localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?,
        namespaceURI: UnsafePointer<xmlChar>?, declarations: NamespaceDeclarations, attributes: Attributes, line: Int
    ) {
        state.pointee.startElement(
            parser, localName: localName, prefix: prefix, namespaceURI: namespaceURI, declarations: declarations,
            attributes: attributes, line: line, signedInfoSink: signedInfoBytes)
    }

    func endElement(_ parser: SecureParser, localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?) {
        state.pointee.endElement(parser, localName: localName, prefix: prefix)
    }

    func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        state.pointee.characters(bytes, count: count)
    }

    func processingInstruction(_ parser: SecureParser, target: UnsafePointer<xmlChar>, data: UnsafePointer<xmlChar>?) {
        state.pointee.processingInstruction(target: target, data: data)
    }

    /// Flushes the canonical form to the hasher, then returns what was found
    /// with the hasher's digest. Call once, after a parse that reached the
    /// end of the document.
    func finish() -> SignatureEvidence {
        state.pointee.document.finish()
        let documentDigest = hasher.hasher.finalize()
        let survey = DocumentSurvey(root: state.pointee.root ?? QName(nil, ""), signatures: state.pointee.signatures)
        return SignatureEvidence(
            survey: survey, rootQualifiedName: state.pointee.rootQualifiedName, rootEnd: state.pointee.rootEnd,
            canonicalSignedInfo: state.pointee.signedInfoDone ? signedInfoBytes.bytes : nil,
            documentDigest: documentDigest,
            unsupported: state.pointee.document.unsupported ?? state.pointee.signedInfoUnsupported,
            oversizedSignatureLine: state.pointee.oversizedSignatureLine)
    }
}

/// Collects bytes handed to a sink.
final class ByteCollector {
    var bytes: [UInt8] = []
}

/// Holds a hasher the canonical writer's sink updates in place.
final class HasherBox {
    var hasher: any CanonicalHasher
    init(_ hasher: any CanonicalHasher) { self.hasher = hasher }
}

/// What ``EnvelopedSignatureTap`` reads and changes on every event.
struct TapState: ~Copyable {
    var document: ExclusiveCanonicalizer
    let maxSignatureBytes: Int
    var depth = 0
    var root: QName?
    var rootQualifiedName = ""
    /// The byte offset just past the document element's end tag (or `/>`).
    var rootEnd: Int?

    // Signatures.
    var signatures: [DocumentSurvey.Signature] = []
    /// Signatures that are children of the root with nothing but white space,
    /// comments or processing instructions after them so far.
    var lastChildCandidates: [Int] = []
    /// The signature subtree being captured, its depth and its index.
    var capture: ElementBuilder?
    var captureDepth = 0
    var captureIndex = 0
    var captureBytes = 0
    var oversizedSignatureLine: Int?
    /// Depth of the subtree left out of the canonical form (the first
    /// signature, when it is the root's child); 0 when none is open.
    var excludedDepth = 0
    var excludedOnce = false
    var signedInfo: ExclusiveCanonicalizer?
    var signedInfoDepth = 0
    var signedInfoDone = false
    var signedInfoUnsupported: String?

    init(document: consuming ExclusiveCanonicalizer, maxSignatureBytes: Int) {
        self.document = document
        self.maxSignatureBytes = maxSignatureBytes
    }

    private var excluding: Bool { excludedDepth > 0 }

    mutating func startElement(
        _ parser: SecureParser, localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?,
        namespaceURI: UnsafePointer<xmlChar>?, declarations: NamespaceDeclarations, attributes: Attributes, line: Int,
        signedInfoSink: ByteCollector
    ) {
        depth += 1
        if depth == 1 {
            root = QName(namespaceURI.map { String(xmlString: $0) }, String(xmlString: localName))
            rootQualifiedName = (prefix.map { String(xmlString: $0) + ":" } ?? "") + String(xmlString: localName)
        }
        if depth == 2 && !lastChildCandidates.isEmpty {
            for index in lastChildCandidates { signatures[index].isLastChildOfRoot = false }
            lastChildCandidates.removeAll()
        }
        captureSignature(parser, localName: localName, namespaceURI: namespaceURI, attributes: attributes, line: line)
        if excluding {
            document.checkDeclarations(declarations)
            startSignedInfoElement(
                prefix: prefix, localName: localName, namespaceURI: namespaceURI, declarations: declarations,
                attributes: attributes, signedInfoSink: signedInfoSink)
            return
        }
        document.startElement(
            prefix: prefix, localName: localName, namespaceURI: namespaceURI, declarations: declarations,
            attributes: attributes)
    }

    /// Lists a signature that starts here and captures its subtree (or goes
    /// on capturing the one open), within the size bound.
    private mutating func captureSignature(
        _ parser: SecureParser, localName: UnsafePointer<xmlChar>, namespaceURI: UnsafePointer<xmlChar>?,
        attributes: Attributes, line: Int
    ) {
        let isSignature = Self.isDSig(localName, namespaceURI, "Signature")
        if let capture {
            if isSignature {
                // Nested in another signature: listed, not captured on its own.
                signatures.append(
                    DocumentSurvey.Signature(
                        element: Element(name: QName(xmlDSigNamespace, "Signature"), line: line), isChildOfRoot: false,
                        isLastChildOfRoot: false))
            }
            if oversizedSignatureLine == nil {
                for index in 0..<attributes.count {
                    captureBytes += attributes.valueEnd(index) - attributes.valueStart(index)
                }
                if captureBytes > maxSignatureBytes {
                    oversizedSignatureLine = line
                } else {
                    capture.startElement(
                        parser, localName: localName, namespaceURI: namespaceURI, attributes: attributes, line: line)
                }
            }
        } else if isSignature {
            signatures.append(
                DocumentSurvey.Signature(
                    element: Element(name: QName(xmlDSigNamespace, "Signature"), line: line), isChildOfRoot: depth == 2,
                    isLastChildOfRoot: depth == 2))
            let builder = ElementBuilder()
            builder.startElement(
                parser, localName: localName, namespaceURI: namespaceURI, attributes: attributes, line: line)
            capture = builder
            captureDepth = depth
            captureIndex = signatures.count - 1
            captureBytes = 0
            if signatures.count == 1 && depth == 2 && !excludedOnce {
                excludedDepth = depth
                excludedOnce = true
            }
        }
    }

    /// Inside the excluded signature: canonicalizes its `SignedInfo` on its own.
    private mutating func startSignedInfoElement(
        prefix: UnsafePointer<xmlChar>?, localName: UnsafePointer<xmlChar>, namespaceURI: UnsafePointer<xmlChar>?,
        declarations: NamespaceDeclarations, attributes: Attributes, signedInfoSink: ByteCollector
    ) {
        if signedInfo != nil {
            signedInfo?.startElement(
                prefix: prefix, localName: localName, namespaceURI: namespaceURI, declarations: declarations,
                attributes: attributes)
        } else if depth == excludedDepth + 1 && !signedInfoDone && Self.isDSig(localName, namespaceURI, "SignedInfo") {
            signedInfoDepth = depth
            var canonicalizer = ExclusiveCanonicalizer { [signedInfoSink] in signedInfoSink.bytes.append(contentsOf: $0)
            }
            canonicalizer.startElement(
                prefix: prefix, localName: localName, namespaceURI: namespaceURI, declarations: declarations,
                attributes: attributes)
            signedInfo = consume canonicalizer
        }
    }

    mutating func endElement(_ parser: SecureParser, localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?)
    {
        signedInfo?.endElement(prefix: prefix, localName: localName)
        if depth == signedInfoDepth, var finished = signedInfo.take() {
            finished.finish()
            signedInfoUnsupported = finished.unsupported
            signedInfoDone = true
        }
        if let capture {
            if oversizedSignatureLine == nil { capture.endElement(parser) }
            if depth == captureDepth {
                if let element = capture.root { signatures[captureIndex].element = element }
                self.capture = nil
                if depth == 2 { lastChildCandidates.append(captureIndex) }
            }
        }
        if excluding {
            if depth == excludedDepth { excludedDepth = 0 }
        } else {
            document.endElement(prefix: prefix, localName: localName)
        }
        if depth == 1 { rootEnd = parser.bytesConsumed }
        depth -= 1
    }

    mutating func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        // Text after a signature that is the root's child: it is not the last child.
        if depth == 1 && !lastChildCandidates.isEmpty && Self.holdsText(bytes, count: count) {
            for index in lastChildCandidates { signatures[index].isLastChildOfRoot = false }
            lastChildCandidates.removeAll()
        }
        if let capture, oversizedSignatureLine == nil {
            captureBytes += count
            if captureBytes > maxSignatureBytes {
                oversizedSignatureLine = signatures[captureIndex].element.line
            } else {
                capture.characters(bytes, count: count)
            }
        }
        if signedInfo != nil {
            signedInfo?.characters(bytes, count: count)
        } else if !excluding {
            document.characters(bytes, count: count)
        }
    }

    mutating func processingInstruction(target: UnsafePointer<xmlChar>, data: UnsafePointer<xmlChar>?) {
        if signedInfo != nil {
            signedInfo?.processingInstruction(target: target, data: data)
        } else if !excluding {
            document.processingInstruction(target: target, data: data)
        }
    }

    private static func isDSig(
        _ localName: UnsafePointer<xmlChar>, _ namespaceURI: UnsafePointer<xmlChar>?, _ expected: StaticString
    ) -> Bool {
        guard let namespaceURI, localName[0] == expected.utf8Start[0] else { return false }
        return xmlStrEqual(localName, expected.utf8Start) == 1
            && xmlStrEqual(namespaceURI, dsigNamespaceBytes.utf8Start) == 1
    }

    private static let dsigNamespaceBytes: StaticString = "http://www.w3.org/2000/09/xmldsig#"

    /// Whether the bytes hold anything but XML white space.
    private static func holdsText(_ bytes: UnsafePointer<xmlChar>, count: Int) -> Bool {
        for index in 0..<count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            default: return true
            }
        }
        return false
    }
}
