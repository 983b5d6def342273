internal import CMRALibXML2

/// Validates a document against its schema while it is being written: the
/// writer hands over its bytes chunk by chunk as it produces them, and a
/// libxml2 push parser with the schema plugged in checks them, so the
/// document is checked in the same pass that writes it, never read back and
/// never held whole in memory.
///
/// Each problem says in which record it lies (the ordinal of the record
/// element that was open, or last opened, when it was found) and which
/// element (and attribute) it is about, so the writer can name the record and
/// the field. The document is the gateway's own output: no DOCTYPE is ever
/// written, and the parser runs without DTDs, entities or network anyway.
package final class OutputValidator {
    private static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue)

    /// The document's name in errors.
    package let file: String?
    /// Kept alive for as long as its validation context uses it.
    private let schema: Schema
    private let recordDepth: Int
    /// The record element's local name, as libxml2 compares it.
    private let recordName: [xmlChar]
    private let maxReported: Int
    private let handler: UnsafeMutablePointer<xmlSAXHandler>
    private var validation: xmlSchemaValidCtxtPtr?
    private var plug: xmlSchemaSAXPlugPtr?
    private var context: xmlParserCtxtPtr?
    /// The open elements, root first, as the parser's interned names (local name, namespace URI).
    private var open: [(localName: UnsafePointer<xmlChar>, namespaceURI: UnsafePointer<xmlChar>?)] = []
    /// Record elements opened so far.
    private var recordCount = 0
    private var finished = false
    /// Problems found, the first `maxReported` of them.
    package private(set) var problems: [OutputProblem] = []
    /// Every problem found, including those not kept.
    package private(set) var problemCount = 0

    /// A validator for one document against `schema`. Records are the
    /// elements named `recordName` at `recordDepth` (the root is depth 1);
    /// `maxReported` problems are kept, further ones only counted.
    package init(
        schema: Schema, file: String?, recordName: String, recordDepth: Int, maxReported: Int = 20
    ) throws(XMLError) {
        LibXML2.initialize()
        self.file = file
        self.schema = schema
        self.recordDepth = recordDepth
        self.recordName = Array(recordName.utf8) + [0]
        self.maxReported = maxReported
        handler = .allocate(capacity: 1)
        handler.initialize(to: xmlSAXHandler())
        Self.install(into: handler)
        guard let validation = xmlSchemaNewValidCtxt(schema.pointer) else {
            throw XMLError(code: .schemaUnusable, message: "out of memory", file: file)
        }
        self.validation = validation
        let me = Unmanaged.passUnretained(self).toOpaque()
        xmlSchemaSetValidStructuredErrors(validation, Self.schemaErrorHandler, me)
        var sax: xmlSAXHandlerPtr? = handler
        var userData: UnsafeMutableRawPointer? = me
        plug = xmlSchemaSAXPlug(validation, &sax, &userData)
        guard plug != nil, let context = xmlCreatePushParserCtxt(sax, userData, nil, 0, file) else {
            throw XMLError(code: .schemaUnusable, message: "cannot start the output's schema check", file: file)
        }
        xmlCtxtUseOptions(context, Self.options)
        context.pointee.replaceEntities = 0
        context.pointee.loadsubset = 0
        self.context = context
        xmlSchemaValidateSetLocator(validation, Self.locator, me)
    }

    deinit {
        freeParser()
        handler.deallocate()
    }

    private func freeParser() {
        if let context { xmlFreeParserCtxt(context) }
        if let plug { xmlSchemaSAXUnplug(plug) }
        if let validation { xmlSchemaFreeValidCtxt(validation) }
        context = nil
        plug = nil
        validation = nil
    }

    /// Whether the document has failed its check so far.
    package var failed: Bool { problemCount > 0 }

    /// Whether feeding more is still useful: false once the document is not
    /// well-formed or as many problems as are reported were found.
    package var wantsMore: Bool { context != nil && !finished && problemCount < maxReported }

    /// Checks the next bytes of the document.
    package func feed(_ bytes: UnsafeRawBufferPointer) {
        guard wantsMore, let context, bytes.count > 0 else { return }
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + (1 << 30))
            let status = UnsafeRawBufferPointer(rebasing: bytes[offset..<end]).withMemoryRebound(to: CChar.self) {
                xmlParseChunk(context, $0.baseAddress, Int32($0.count), 0)
            }
            offset = end
            if status != 0 || context.pointee.wellFormed == 0 {
                notWellFormed(context)
                return
            }
        }
    }

    /// Checks the next bytes of the document.
    package func feed(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { feed($0) }
    }

    /// Ends the document and returns the problems found (empty when it is valid).
    package func finish() -> [OutputProblem] {
        if !finished, let context {
            finished = true
            xmlParseChunk(context, nil, 0, 1)
            if context.pointee.wellFormed == 0 { notWellFormed(context) }
        }
        finished = true
        freeParser()
        return problems
    }

    private func notWellFormed(_ context: xmlParserCtxtPtr) {
        finished = true
        var error = XMLError(
            code: .malformed, message: "the written document is not well-formed", file: file, line: currentLine)
        if let last = xmlCtxtGetLastError(UnsafeMutableRawPointer(context)) {
            error = SecureParser.convert(last.pointee, file: file)
        }
        record(error)
    }

    private var currentLine: Int {
        guard let input = context?.pointee.input else { return 0 }
        return Int(input.pointee.line)
    }

    private func record(_ error: XMLError) {
        problemCount += 1
        guard problems.count < maxReported else { return }
        let path = open.map { element in
            QName(element.namespaceURI.map { String(xmlString: $0) }, String(xmlString: element.localName))
        }
        problems.append(OutputProblem(error: error, record: recordCount, openElements: path))
    }

    // MARK: - Callbacks

    private static func owner(_ userData: UnsafeMutableRawPointer?) -> OutputValidator? {
        userData.map { Unmanaged<OutputValidator>.fromOpaque($0).takeUnretainedValue() }
    }

    private static func install(into handler: UnsafeMutablePointer<xmlSAXHandler>) {
        handler.pointee.initialized = UInt32(XML_SAX2_MAGIC)
        handler.pointee.startElementNs = { userData, localName, _, uri, _, _, _, _, _ in
            guard let validator = OutputValidator.owner(userData), let localName else { return }
            validator.open.append((localName, uri))
            if validator.open.count == validator.recordDepth
                && validator.recordName.withUnsafeBufferPointer({ xmlStrEqual(localName, $0.baseAddress) }) != 0
            {
                validator.recordCount += 1
            }
        }
        handler.pointee.endElementNs = { userData, _, _, _ in
            guard let validator = OutputValidator.owner(userData) else { return }
            validator.open.removeLast()
        }
        // The schema plug forwards text to the validator only when the handler takes it.
        let characters: charactersSAXFunc = { _, _, _ in }
        handler.pointee.characters = characters
        handler.pointee.cdataBlock = characters
        handler.pointee.ignorableWhitespace = characters
        handler.pointee.internalSubset = { userData, _, _, _ in
            guard let validator = OutputValidator.owner(userData), let context = validator.context else { return }
            validator.record(
                XMLError(code: .doctype, message: "the written document has a DOCTYPE", file: validator.file))
            xmlStopParser(context)
        }
    }

    private static let schemaErrorHandler: xmlStructuredErrorFunc = { userData, error in
        guard let validator = owner(userData), let error else { return }
        var message = error.pointee.message.map { String(cString: $0) } ?? "schema violation"
        while message.last == "\n" { message.removeLast() }
        let line = error.pointee.line > 0 ? Int(error.pointee.line) : validator.currentLine
        validator.record(XMLError(code: .schemaInvalid, message: message, file: validator.file, line: line))
    }

    private static let locator: xmlSchemaValidityLocatorFunc = { userData, file, line in
        guard let validator = owner(userData) else { return -1 }
        file?.pointee = nil
        line?.pointee = UInt(validator.currentLine)
        return 0
    }
}
