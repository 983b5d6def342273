internal import CMRALibXML2

extension Element {
    /// Reads the document at `path` through the secure reader and returns its
    /// root element, optionally validating it against `schema` in the same pass.
    public init(contentsOf path: String, schema: Schema? = nil, limits: XMLLimits = .configuration) throws(XMLError) {
        let builder = ElementBuilder()
        let parser = SecureParser(file: path, limits: limits, schema: schema, consumer: builder)
        try parser.parse(path: path)
        try self.init(built: builder, parser: parser)
    }

    /// Reads a document held in memory; `file` names it in errors.
    public init(
        parsing bytes: some Collection<UInt8>, file: String? = nil, schema: Schema? = nil,
        limits: XMLLimits = .configuration
    ) throws(XMLError) {
        let builder = ElementBuilder()
        let parser = SecureParser(file: file, limits: limits, schema: schema, consumer: builder)
        let copy = Array(bytes)
        try withBytes(copy) { (raw) throws(XMLError) in try parser.parse(bytes: raw) }
        try self.init(built: builder, parser: parser)
    }

    private init(built builder: ElementBuilder, parser: SecureParser) throws(XMLError) {
        if let first = parser.schemaErrors.first { throw first }
        guard let root = builder.root else {
            throw XMLError(code: .malformed, message: "document has no root element", file: parser.file)
        }
        self = root
    }
}

/// Builds ``Element`` values from parse events.
final class ElementBuilder: ParseConsumer {
    private struct Open {
        var element: Element
        var textStart: Int
    }

    private var stack: [Open] = []
    private var text: [UInt8] = []
    var root: Element?

    func startElement(
        _ parser: SecureParser, localName: UnsafePointer<xmlChar>, namespaceURI: UnsafePointer<xmlChar>?,
        attributes: Attributes, line: Int
    ) {
        var element = Element(name: QName(uri(namespaceURI), String(xmlString: localName)), line: line)
        for index in 0..<attributes.count {
            element.attributes.append(
                Element.Attribute(
                    name: QName(uri(attributes.namespaceURI(index)), String(xmlString: attributes.localName(index))),
                    value: attributes.value(index)))
        }
        stack.append(Open(element: element, textStart: text.count))
    }

    func endElement(_ parser: SecureParser) {
        guard var open = stack.popLast() else { return }
        open.element.text = String(decoding: text[open.textStart...], as: UTF8.self)
        if stack.isEmpty {
            root = open.element
        } else {
            stack[stack.count - 1].element.children.append(open.element)
        }
    }

    func characters(_ parser: SecureParser, _ bytes: UnsafePointer<xmlChar>, count: Int) {
        characters(bytes, count: count)
    }

    /// Appends character data to the open elements' text.
    func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        guard !stack.isEmpty else { return }
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    private func uri(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { String(xmlString: $0) }
    }
}
