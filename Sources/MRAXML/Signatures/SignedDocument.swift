internal import CMRALibXML2

/// A whole document held as a libxml2 tree, for XML signatures: exclusive
/// canonicalization needs the tree, which the streaming reader never builds.
///
/// The parse is as hardened as ``RecordStream``'s: the prologue is checked
/// first (no DOCTYPE, UTF-8 only), then libxml2 reads the bytes with no
/// network, no entity substitution and no DTD loading; a document that still
/// carries a DTD node or an entity reference is refused, and the size and depth
/// limits of ``XMLLimits`` apply.
///
/// Owns its `xmlDoc` and frees it in `deinit`. Everything it hands out is a
/// Swift value. Not `Sendable`: libxml2 trees are not safe to share between
/// threads, and canonicalization briefly detaches the signature.
public final class SignedDocument {
    /// The name used for the document in errors.
    public let file: String?
    /// What the parse found: signatures, IDs, comments inside text.
    public let survey: DocumentSurvey

    let document: xmlDocPtr
    /// The `ds:Signature` nodes, in document order (parallel to `survey.signatures`).
    let signatureNodes: [xmlNodePtr]

    /// Parses `bytes`; `file` names the document in errors.
    public init(bytes: [UInt8], file: String? = nil, limits: XMLLimits = XMLLimits()) throws(XMLError) {
        self.file = file
        guard bytes.count <= limits.maxBytes else {
            throw XMLError(
                code: .tooLarge, message: "document is \(bytes.count) bytes; the limit is \(limits.maxBytes)",
                file: file)
        }
        guard bytes.count < Int(Int32.max) else {
            throw XMLError(code: .tooLarge, message: "document is larger than 2 GiB", file: file)
        }
        guard !bytes.isEmpty else {
            throw XMLError(code: .malformed, message: "document is empty", file: file, line: 1)
        }
        let parsed = try withBytes(bytes) { (raw) throws(XMLError) in try Self.parse(raw, file: file, limits: limits) }
        if parsed.pointee.intSubset != nil || parsed.pointee.extSubset != nil {
            xmlFreeDoc(parsed)
            throw XMLError(
                code: .doctype,
                message: "document type declarations (DOCTYPE) are refused: DTDs and entities are never processed",
                file: file)
        }
        let walk: TreeWalk
        do throws(XMLError) {
            walk = try TreeWalk(document: parsed, file: file, limits: limits)
        } catch {
            xmlFreeDoc(parsed)
            throw error
        }
        document = parsed
        survey = walk.survey
        signatureNodes = walk.signatureNodes
    }

    deinit { xmlFreeDoc(document) }

    /// Builds the tree with libxml2's push parser, fed in 1 MiB chunks (as the
    /// streaming reader does): a whole-buffer read would trip libxml2's 10 MB
    /// look-ahead limit on large batches, and `XML_PARSE_HUGE` would lift
    /// every other limit with it.
    private static func parse(
        _ bytes: UnsafeRawBufferPointer, file: String?, limits: XMLLimits
    ) throws(XMLError) -> xmlDocPtr {
        _ = try Prologue.check(bytes, file: file)
        LibXML2.initialize()
        guard let context = xmlCreatePushParserCtxt(nil, nil, nil, 0, file) else {
            throw XMLError(code: .malformed, message: "could not create a parser (out of memory)", file: file)
        }
        defer { xmlFreeParserCtxt(context) }
        xmlCtxtUseOptions(context, options)
        context.pointee.replaceEntities = 0
        context.pointee.loadsubset = 0
        var scanner = LimitScanner(limits: limits)
        var offset = 0
        var status: Int32 = 0
        repeat {
            let end = min(bytes.count, offset + (1 << 20))
            let chunk = UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
            do throws(XMLError) {
                try scanner.check(chunk, of: bytes, at: offset, file: file)
            } catch {
                if let document = context.pointee.myDoc { xmlFreeDoc(document) }
                context.pointee.myDoc = nil
                throw error
            }
            status = chunk.withMemoryRebound(to: CChar.self) { chars in
                xmlParseChunk(context, chars.baseAddress, Int32(chars.count), end == bytes.count ? 1 : 0)
            }
            offset = end
        } while status == 0 && offset < bytes.count && context.pointee.wellFormed != 0
        let document = context.pointee.myDoc
        context.pointee.myDoc = nil
        guard status == 0, context.pointee.wellFormed != 0, let document else {
            if let document { xmlFreeDoc(document) }
            if let error = xmlCtxtGetLastError(UnsafeMutableRawPointer(context)) {
                throw SecureParser.convert(error.pointee, file: file)
            }
            throw XMLError(code: .malformed, message: "document is not well-formed", file: file)
        }
        return document
    }

    /// No network, no entity substitution, no DTD; errors are collected on the
    /// context, never printed. Big lines keep line numbers above 65535 exact.
    private static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_COMPACT.rawValue)
}

@available(*, unavailable, message: "a libxml2 tree must stay on one thread")
extension SignedDocument: Sendable {}
