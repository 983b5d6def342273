internal import CMRALibXML2
import MRAPlumbing

/// Receives the events of one parse. Internal: it sees libxml2's pointers,
/// which never leave this module.
protocol ParseConsumer: AnyObject {
    func startElement(
        _ parser: SecureParser, localName: UnsafePointer<xmlChar>, namespaceURI: UnsafePointer<xmlChar>?,
        attributes: Attributes, line: Int)
    func endElement(_ parser: SecureParser)
    func characters(_ parser: SecureParser, _ bytes: UnsafePointer<xmlChar>, count: Int)
}

/// The attributes of a start tag as libxml2's SAX2 layer passes them:
/// five pointers per attribute (local name, prefix, URI, value start, value end).
struct Attributes {
    let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    func localName(_ index: Int) -> UnsafePointer<xmlChar> { base![index * 5]! }
    func prefix(_ index: Int) -> UnsafePointer<xmlChar>? { base![index * 5 + 1] }
    func namespaceURI(_ index: Int) -> UnsafePointer<xmlChar>? { base![index * 5 + 2] }
    /// The raw value, as libxml2 hands it over (`&` as `&#38;`), start and end.
    func valueStart(_ index: Int) -> UnsafePointer<xmlChar> { base![index * 5 + 3]! }
    func valueEnd(_ index: Int) -> UnsafePointer<xmlChar> { base![index * 5 + 4]! }

    /// The attribute's value. libxml2 hands `&amp;` over as `&#38;` when
    /// entities are not substituted; that is undone here.
    func value(_ index: Int) -> String {
        let start = base![index * 5 + 3]!
        let end = base![index * 5 + 4]!
        let buffer = UnsafeBufferPointer(start: start, count: end - start)
        let raw = String(decoding: buffer, as: UTF8.self)
        guard buffer.contains(0x26) else { return raw }
        return raw.replacing("&#38;", with: "&")
    }
}

/// Calls `body` with the bytes of `array`, keeping `body`'s typed error.
func withBytes<R>(_ array: [UInt8], _ body: (UnsafeRawBufferPointer) throws(XMLError) -> R) throws(XMLError) -> R {
    let result: Result<R, XMLError> = array.withUnsafeBytes { raw in
        Result { () throws(XMLError) in try body(raw) }
    }
    return try result.get()
}

/// The one place that runs libxml2's parser, always with the same secure
/// configuration: no DTD loading, no entity substitution, no network, no
/// XInclude, a refused DOCTYPE, bounded size and depth. Optionally validates
/// against an XML schema in the same pass (libxml2's SAX plug), so a document
/// is read exactly once and never held whole in memory.
final class SecureParser {
    private static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue)

    let file: String?
    let limits: XMLLimits
    private let schema: Schema?
    private let consumer: any ParseConsumer
    /// Also sees every event, for an enveloped signature (canonical form,
    /// survey, the signature itself); nil when no signature is checked.
    private let tap: EnvelopedSignatureTap?
    /// Counts the input's bytes as each chunk is handed to the parser.
    var progress: ProgressCounter?

    /// What the SAX callbacks read and change on every event. It lives in
    /// memory this object allocates and frees rather than in stored `var`s,
    /// which get a dynamic exclusivity check on every access.
    private struct Cursor {
        var context: xmlParserCtxtPtr?
        var depth = 0
    }
    private let cursor: UnsafeMutablePointer<Cursor>
    private var context: xmlParserCtxtPtr? {
        get { cursor.pointee.context }
        set { cursor.pointee.context = newValue }
    }
    private var bytesSeen = 0
    /// Counts what ``XMLLimits`` bound in the bytes before libxml2 sees them.
    var scanner: LimitScanner
    private var failure: XMLError? {
        didSet { stopped = failure != nil }
    }
    private(set) var schemaErrors: [XMLError] = []
    private(set) var schemaErrorCount = 0
    /// Hears each schema violation listed in ``schemaErrors`` as it is found,
    /// in document order with the parse's other events.
    var onSchemaError: ((XMLError) -> Void)?

    init(
        file: String?, limits: XMLLimits, schema: Schema?, consumer: any ParseConsumer,
        tap: EnvelopedSignatureTap? = nil
    ) {
        self.file = file
        self.limits = limits
        self.schema = schema
        self.consumer = consumer
        self.tap = tap
        scanner = LimitScanner(limits: limits)
        cursor = .allocate(capacity: 1)
        cursor.initialize(to: Cursor())
    }

    deinit {
        cursor.deinitialize(count: 1)
        cursor.deallocate()
    }

    /// The line the parser is on (the end of the current start tag).
    var currentLine: Int {
        guard let input = context?.pointee.input else { return 0 }
        return Int(input.pointee.line)
    }

    /// How many bytes of the input the parser has consumed: in an end-element
    /// callback, the offset just past that element's end tag (or its `/>`).
    var bytesConsumed: Int {
        guard let context else { return 0 }
        return Int(xmlByteConsumed(context))
    }

    /// The parser's name dictionary: element names passed to the consumer are
    /// interned in it, so they compare by pointer.
    var dictionary: xmlDictPtr? { context?.pointee.dict }

    /// Stops the parse with `error`; the first failure wins.
    ///
    /// libxml2 frees its input buffers when it stops, and the names, values
    /// and text of the event being handled point into them: once a callback
    /// has failed, nothing more of that event may be read (``stopped``).
    func fail(_ error: XMLError) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }

    /// The parse has failed: the current event's bytes may already be freed.
    /// (A flag of its own, kept by `failure`: asked after every event, where
    /// reading the optional error would copy it.)
    private(set) var stopped = false

    /// Parses a document held in memory.
    func parse(bytes: UnsafeRawBufferPointer) throws(XMLError) {
        try parse { (feed: (UnsafeRawBufferPointer) -> Bool) throws(XMLError) in
            var offset = 0
            let chunk = 1 << 20
            while offset < bytes.count {
                let end = min(bytes.count, offset + chunk)
                guard feed(UnsafeRawBufferPointer(rebasing: bytes[offset..<end])) else { return }
                progress?.add(bytes: end - offset)
                offset = end
            }
        }
    }

    /// Parses a file in chunks, so memory stays flat whatever its size.
    /// `chunks` sees every byte of the file, each chunk before the parser
    /// does, and the rest of the file when the parse stops early.
    func parse(path: String, chunks: (any ChunkSink)? = nil) throws(XMLError) {
        try reading(path, chunks: chunks) { (next) throws(XMLError) in
            try parse { (feed: (UnsafeRawBufferPointer) -> Bool) throws(XMLError) in
                while let chunk = try next() {
                    if !feed(chunk) { return }
                }
            }
        }
    }

    /// Opens the file at `path` (refusing one over ``XMLLimits/maxBytes``)
    /// and runs `body` with a function that returns its next chunk, nil at
    /// the end; every chunk goes to `chunks` first, and, when `body` stops
    /// before the end, so does the rest of the file.
    func reading(
        _ path: String, chunks: (any ChunkSink)?,
        _ body: (() throws(XMLError) -> UnsafeRawBufferPointer?) throws(XMLError) -> Void
    ) throws(XMLError) {
        let input = try InputFile(path: path, file: file)
        guard input.size <= limits.maxBytes else {
            throw XMLError(
                code: .tooLarge, message: "file is \(input.size) bytes; the limit is \(limits.maxBytes)", file: file)
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 1)
        defer { buffer.deallocate() }
        var ended = false
        let next = { () throws(XMLError) -> UnsafeRawBufferPointer? in
            let count = try input.read(into: buffer)
            guard count > 0 else {
                ended = true
                return nil
            }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            chunks?.take(chunk)
            self.progress?.add(bytes: count)
            return chunk
        }
        let result = Result { () throws(XMLError) in try body(next) }
        if chunks != nil {
            while !ended, try next() != nil {}
        }
        try result.get()
    }

    /// Runs the parse; `produce` calls `feed` with successive chunks until the
    /// input ends or `feed` returns false.
    func parse(
        _ produce: ((UnsafeRawBufferPointer) -> Bool) throws(XMLError) -> Void
    ) throws(XMLError) {
        LibXML2.initialize()
        let handler = UnsafeMutablePointer<xmlSAXHandler>.allocate(capacity: 1)
        handler.initialize(to: xmlSAXHandler())
        defer { handler.deallocate() }
        Self.install(into: handler, tapped: tap != nil)

        var saxPointer: xmlSAXHandlerPtr? = handler
        var userData: UnsafeMutableRawPointer? = Unmanaged.passUnretained(self).toOpaque()
        var validation: xmlSchemaValidCtxtPtr?
        var plug: xmlSchemaSAXPlugPtr?
        if let schema {
            validation = xmlSchemaNewValidCtxt(schema.pointer)
            guard let validation else { throw XMLError(code: .schemaUnusable, message: "out of memory", file: file) }
            xmlSchemaSetValidStructuredErrors(validation, Self.schemaErrorHandler, userData)
            plug = xmlSchemaSAXPlug(validation, &saxPointer, &userData)
        }
        defer {
            if let plug { xmlSchemaSAXUnplug(plug) }
            if let validation { xmlSchemaFreeValidCtxt(validation) }
        }

        let context = try makeContext(sax: saxPointer, userData: userData, validation: validation)
        self.context = context
        defer {
            self.context = nil
            xmlFreeParserCtxt(context)
        }
        try run(context, produce)
    }

    /// A push parser with the secure options, reporting its errors and
    /// (through `validation`'s locator) its lines to this parser.
    private func makeContext(
        sax: xmlSAXHandlerPtr?, userData: UnsafeMutableRawPointer?, validation: xmlSchemaValidCtxtPtr?
    ) throws(XMLError) -> xmlParserCtxtPtr {
        guard let context = xmlCreatePushParserCtxt(sax, userData, nil, 0, file) else {
            throw XMLError(code: .malformed, message: "could not create a parser (out of memory)", file: file)
        }
        xmlCtxtUseOptions(context, Self.options)
        context.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        context.pointee.sax.pointee.serror = Self.parseErrorHandler
        context.pointee.replaceEntities = 0
        context.pointee.loadsubset = 0
        if let validation {
            xmlSchemaValidateSetLocator(validation, Self.locator, Unmanaged.passUnretained(self).toOpaque())
        }
        return context
    }

    /// Feeds `context` what `produce` hands over, ends the document, and
    /// throws the first failure.
    private func run(
        _ context: xmlParserCtxtPtr, _ produce: ((UnsafeRawBufferPointer) -> Bool) throws(XMLError) -> Void
    ) throws(XMLError) {
        var checkedPrologue = false
        try produce { chunk in self.feed(chunk, to: context, checkedPrologue: &checkedPrologue) }
        if failure == nil && context.pointee.wellFormed != 0 {
            if !checkedPrologue {
                throw XMLError(code: .malformed, message: "document is empty", file: file, line: 1)
            }
            xmlParseChunk(context, nil, 0, 1)
        }
        if let failure { throw failure }
        if context.pointee.wellFormed == 0 {
            throw lastParseError(context)
        }
    }

    /// Parses one chunk (the first after checking the prologue); false when
    /// the parse must stop.
    private func feed(
        _ chunk: UnsafeRawBufferPointer, to context: xmlParserCtxtPtr, checkedPrologue: inout Bool
    ) -> Bool {
        if failure != nil { return false }
        if !checkedPrologue {
            checkedPrologue = true
            do throws(XMLError) {
                _ = try Prologue.check(chunk, file: file)
            } catch {
                failure = error
                return false
            }
        }
        bytesSeen += chunk.count
        if bytesSeen > limits.maxBytes {
            fail(XMLError(code: .tooLarge, message: "document exceeds \(limits.maxBytes) bytes", file: file))
            return false
        }
        guard chunk.count <= Int(Int32.max) else {
            fail(XMLError(code: .tooLarge, message: "chunk larger than 2 GiB", file: file))
            return false
        }
        if let crossing = scanner.scan(chunk) {
            // The bytes before the crossing are parsed, so the error's line is where the parser stands.
            _ = parseChunk(UnsafeRawBufferPointer(rebasing: chunk[..<crossing.offset]), context)
            fail(crossing.error(file: file, line: currentLine))
            return false
        }
        let status = parseChunk(chunk, context)
        return status == 0 && failure == nil && context.pointee.wellFormed != 0
    }

    private func parseChunk(_ chunk: UnsafeRawBufferPointer, _ context: xmlParserCtxtPtr) -> Int32 {
        guard !chunk.isEmpty else { return 0 }
        return chunk.withMemoryRebound(to: CChar.self) { chars in
            xmlParseChunk(context, chars.baseAddress, Int32(chars.count), 0)
        }
    }

    private func lastParseError(_ context: xmlParserCtxtPtr) -> XMLError {
        guard let error = xmlCtxtGetLastError(UnsafeMutableRawPointer(context)) else {
            return XMLError(code: .malformed, message: "document is not well-formed", file: file, line: currentLine)
        }
        return Self.convert(error.pointee, file: file)
    }

    // MARK: - Errors

    /// Maps a libxml2 parser error to an ``XMLError``. Only the first line of
    /// libxml2's message is kept: later lines can quote document bytes.
    static func convert(_ error: xmlError, file: String?) -> XMLError {
        var message = error.message.map { String(cString: $0) } ?? "document is not well-formed"
        if let newline = message.firstIndex(of: "\n") { message = String(message[..<newline]) }
        let code: XMLError.Code
        switch xmlParserErrors(rawValue: UInt32(error.code)) {
        case XML_ERR_UNDECLARED_ENTITY, XML_WAR_UNDECLARED_ENTITY, XML_ERR_ENTITY_LOOP, XML_ERR_ENTITY_BOUNDARY,
            XML_ERR_ENTITYREF_NO_NAME, XML_ERR_ENTITYREF_SEMICOL_MISSING, XML_ERR_UNPARSED_ENTITY,
            XML_ERR_ENTITY_IS_EXTERNAL, XML_ERR_ENTITY_IS_PARAMETER, XML_ERR_EXT_ENTITY_STANDALONE:
            code = .entity
            message = "entity references are refused (no DTD is processed): \(message)"
        case XML_ERR_INVALID_ENCODING, XML_ERR_UNKNOWN_ENCODING, XML_ERR_UNSUPPORTED_ENCODING:
            code = .encoding
        case XML_ERR_INVALID_CHAR where message.contains("UTF-8"):
            code = .encoding
            message = "document is not valid UTF-8 (the gateway accepts UTF-8 only)"
        default:
            code = .malformed
        }
        return XMLError(code: code, message: message, file: file, line: Int(error.line), column: Int(error.int2))
    }

    private static let parseErrorHandler: xmlStructuredErrorFunc = { _, error in
        guard let error, error.pointee.level == XML_ERR_FATAL || error.pointee.level == XML_ERR_ERROR,
            let context = error.pointee.ctxt?.assumingMemoryBound(to: xmlParserCtxt.self),
            let owner = context.pointee._private
        else { return }
        let parser = Unmanaged<SecureParser>.fromOpaque(owner).takeUnretainedValue()
        if parser.failure == nil {
            parser.failure = convert(error.pointee, file: parser.file)
        }
    }

    private static let schemaErrorHandler: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        let parser = Unmanaged<SecureParser>.fromOpaque(userData).takeUnretainedValue()
        parser.schemaErrorCount += 1
        guard parser.schemaErrors.count < parser.limits.maxReportedSchemaErrors else { return }
        var message = error.pointee.message.map { String(cString: $0) } ?? "schema violation"
        while message.last == "\n" { message.removeLast() }
        let violation = XMLError(
            code: .schemaInvalid, message: message, file: parser.file,
            line: error.pointee.line > 0 ? Int(error.pointee.line) : parser.currentLine)
        parser.schemaErrors.append(violation)
        parser.onSchemaError?(violation)
    }

    private static let locator: xmlSchemaValidityLocatorFunc = { context, file, line in
        guard let context else { return -1 }
        let parser = Unmanaged<SecureParser>.fromOpaque(context).takeUnretainedValue()
        file?.pointee = nil
        line?.pointee = UInt(parser.currentLine)
        return 0
    }

    // MARK: - SAX callbacks

    /// Runs `body` with the parser a callback's user data points to, without
    /// retaining and releasing it on every event: the parser is alive for the
    /// whole of its own parse, which is the only time its callbacks run.
    private static func withParser(_ userData: UnsafeMutableRawPointer, _ body: (SecureParser) -> Void) {
        Unmanaged<SecureParser>.fromOpaque(userData)._withUnsafeGuaranteedRef(body)
    }

    private static func install(into handler: UnsafeMutablePointer<xmlSAXHandler>, tapped: Bool) {
        handler.pointee.initialized = UInt32(XML_SAX2_MAGIC)
        installElements(into: handler)
        installText(into: handler)
        if tapped { installMarkup(into: handler) }
        handler.pointee.internalSubset = { userData, _, _, _ in
            guard let userData else { return }
            let parser = Unmanaged<SecureParser>.fromOpaque(userData).takeUnretainedValue()
            parser.fail(
                XMLError(
                    code: .doctype,
                    message: "document type declarations (DOCTYPE) are refused: DTDs and entities are never processed",
                    file: parser.file, line: parser.currentLine))
        }
    }

    private static func installElements(into handler: UnsafeMutablePointer<xmlSAXHandler>) {
        handler.pointee.startElementNs = {
            userData, localName, prefix, uri, namespaceCount, namespaces, attributeCount, _, attributes in
            guard let userData, let localName else { return }
            SecureParser.withParser(userData) { parser in
                parser.startElement(
                    localName: localName, prefix: prefix, namespaceURI: uri,
                    declarations: NamespaceDeclarations(base: namespaces, count: Int(namespaceCount)),
                    attributes: Attributes(base: attributes, count: Int(attributeCount)))
            }
        }
        handler.pointee.endElementNs = { userData, localName, prefix, _ in
            guard let userData, let localName else { return }
            SecureParser.withParser(userData) { parser in
                parser.cursor.pointee.depth -= 1
                parser.consumer.endElement(parser)
                guard !parser.stopped else { return }
                parser.tap?.endElement(parser, localName: localName, prefix: prefix)
            }
        }
    }

    /// A start tag: checks the depth, then hands it to the consumer and the tap.
    private func startElement(
        localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, namespaceURI: UnsafePointer<xmlChar>?,
        declarations: NamespaceDeclarations, attributes: Attributes
    ) {
        cursor.pointee.depth += 1
        if cursor.pointee.depth > limits.maxDepth {
            fail(
                XMLError(
                    code: .tooDeep, message: "elements nested deeper than \(limits.maxDepth) levels", file: file,
                    line: currentLine))
            return
        }
        let line = currentLine
        consumer.startElement(
            self, localName: localName, namespaceURI: namespaceURI, attributes: attributes, line: line)
        guard !stopped else { return }
        tap?.startElement(
            self, localName: localName, prefix: prefix, namespaceURI: namespaceURI, declarations: declarations,
            attributes: attributes, line: line)
    }

    private static func installText(into handler: UnsafeMutablePointer<xmlSAXHandler>) {
        let characters: charactersSAXFunc = { userData, bytes, count in
            guard let userData, let bytes, count > 0 else { return }
            SecureParser.withParser(userData) { parser in
                parser.consumer.characters(parser, bytes, count: Int(count))
                guard !parser.stopped else { return }
                parser.tap?.characters(bytes, count: Int(count))
            }
        }
        handler.pointee.characters = characters
        handler.pointee.cdataBlock = characters
        handler.pointee.ignorableWhitespace = characters
    }

    /// Processing instructions, which only a signature needs: they are part
    /// of the canonical form. Comments are not (exclusive C14N without
    /// comments drops them) and no reader sees them, so none is installed.
    private static func installMarkup(into handler: UnsafeMutablePointer<xmlSAXHandler>) {
        handler.pointee.processingInstruction = { userData, target, data in
            guard let userData, let target else { return }
            SecureParser.withParser(userData) { parser in
                parser.tap?.processingInstruction(parser, target: target, data: data)
            }
        }
    }
}
