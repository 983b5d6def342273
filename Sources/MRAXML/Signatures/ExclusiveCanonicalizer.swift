internal import CMRALibXML2

/// Exclusive XML Canonicalization 1.0 without comments and without an
/// InclusiveNamespaces PrefixList, written from parse events as they arrive,
/// so a document is canonicalized (and hashed) in the same pass that reads
/// it, with no tree.
///
/// It writes the bytes libxml2's `xmlC14NExecute` writes for the same node
/// set (the differential tests hold it to that): namespace declarations only
/// where a prefix is visibly utilized and not already rendered by an output
/// ancestor with the same URI, sorted by prefix; attributes sorted by
/// namespace URI then local name; text and attribute values escaped; empty
/// elements as start and end tags; comments dropped; processing instructions
/// kept, with a line feed between them and the document element.
///
/// Where libxml2 writes something this writer does not reproduce (a namespace
/// URI that is relative, which libxml2 refuses, or that holds a quote, `&`,
/// `<` or white space, which libxml2 writes unescaped), ``unsupported`` says
/// so and the caller canonicalizes from the tree instead.
struct ExclusiveCanonicalizer: ~Copyable {
    typealias Text = UnsafePointer<UInt8>

    private var output: CanonicalOutput
    private var tags = CanonicalTags()
    /// Namespace declarations rendered by the open elements, innermost last.
    private var renderedPrefixes: [Text?] = []
    private var renderedURIs: [Text?] = []
    /// `renderedPrefixes.count` when each open element started.
    private var marks: [Int] = []
    private var rootClosed = false
    /// Declarations the current start tag needs, before sorting.
    private var pendingPrefixes: [Text?] = []
    private var pendingURIs: [Text?] = []
    private var attributeOrder: [Int] = []
    /// Why the bytes may differ from libxml2's; nil when they cannot.
    private(set) var unsupported: String?

    init(sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        output = CanonicalOutput(sink: sink)
    }

    /// Hands the buffered bytes on; call once at the end.
    mutating func finish() { output.flush() }

    mutating func startElement(
        prefix: Text?, localName: Text, namespaceURI: Text?, declarations: NamespaceDeclarations,
        attributes: Attributes
    ) {
        marks.append(renderedPrefixes.count)
        if declarations.count > 0 { checkDeclarations(declarations) }
        // Emptied only when used: most start tags declare nothing, and the calls would cost more than the work.
        if !pendingPrefixes.isEmpty {
            pendingPrefixes.removeAll(keepingCapacity: true)
            pendingURIs.removeAll(keepingCapacity: true)
        }
        consider(prefix: prefix, uri: namespaceURI)
        for index in 0..<attributes.count {
            guard let attributePrefix = attributes.prefix(index), !Self.isXML(attributePrefix) else { continue }
            consider(prefix: attributePrefix, uri: attributes.namespaceURI(index))
        }

        let start = tags.start(prefix: prefix, localName: localName)
        output.bytes(start)
        // Declarations, already sorted by prefix (the default namespace first).
        for index in 0..<pendingPrefixes.count {
            output.ascii(" xmlns")
            if let declaredPrefix = pendingPrefixes[index] {
                output.byte(0x3A)
                output.string(declaredPrefix)
            }
            output.ascii("=\"")
            if let uri = pendingURIs[index] { output.string(uri) }
            output.byte(0x22)
            renderedPrefixes.append(pendingPrefixes[index])
            renderedURIs.append(pendingURIs[index])
        }
        // Attributes sorted by namespace URI (none first), then local name.
        if attributes.count == 1 {
            attribute(0, of: attributes)
        } else if attributes.count > 1 {
            attributeOrder.removeAll(keepingCapacity: true)
            attributeOrder.append(contentsOf: 0..<attributes.count)
            attributeOrder.sort { Self.attributePrecedes($0, $1, in: attributes) }
            for index in attributeOrder { attribute(index, of: attributes) }
        }
        output.byte(0x3E)  // >
    }

    private mutating func attribute(_ index: Int, of attributes: Attributes) {
        output.byte(0x20)
        qualifiedName(prefix: attributes.prefix(index), localName: attributes.localName(index))
        output.ascii("=\"")
        output.attributeValue(attributes.valueStart(index), attributes.valueEnd(index))
        output.byte(0x22)
    }

    mutating func endElement(prefix: Text?, localName: Text) {
        let end = tags.end(prefix: prefix, localName: localName)
        output.bytes(end)
        let mark = marks.removeLast()
        if mark < renderedPrefixes.count {
            renderedPrefixes.removeSubrange(mark...)
            renderedURIs.removeSubrange(mark...)
        }
        if marks.isEmpty { rootClosed = true }
    }

    /// Text inside the document element; white space outside it is not part
    /// of the canonical form.
    mutating func characters(_ bytes: Text, count: Int) {
        guard !marks.isEmpty else { return }
        output.text(bytes, count)
    }

    mutating func processingInstruction(target: Text, data: Text?) {
        let before = marks.isEmpty && !rootClosed
        let after = marks.isEmpty && rootClosed
        if after { output.byte(0x0A) }
        output.ascii("<?")
        output.string(target)
        if let data, data.pointee != 0 {
            output.byte(0x20)
            let length = cStringLength(data)
            if UnsafeBufferPointer(start: data, count: length).contains(0x0D) {
                unsupported = "a processing instruction holds a carriage return"
            }
            output.bytes(data, length)
        }
        output.ascii("?>")
        if before { output.byte(0x0A) }
    }

    // MARK: - Namespaces

    /// Checks the URIs an element declares, whether or not it is output:
    /// libxml2 refuses a document with a relative namespace URI anywhere.
    mutating func checkDeclarations(_ declarations: NamespaceDeclarations) {
        for index in 0..<declarations.count {
            check(declarations.uri(index))
        }
    }

    /// Queues a declaration for `prefix` unless an output ancestor already
    /// rendered it with the same URI (or it is the implicit empty default).
    private mutating func consider(prefix: Text?, uri: Text?) {
        // Most often the innermost declaration rendered is this one, with the same pointers (libxml2's dictionary).
        if pendingPrefixes.isEmpty, let last = renderedPrefixes.last, last == prefix, renderedURIs.last! == uri {
            return
        }
        for queued in pendingPrefixes where Self.samePrefix(queued, prefix) { return }
        var index = renderedPrefixes.count - 1
        while index >= 0 {
            if Self.samePrefix(renderedPrefixes[index], prefix) {
                if Self.sameURI(renderedURIs[index], uri) { return }
                break
            }
            index -= 1
        }
        if index < 0 && prefix == nil && Self.isEmpty(uri) { return }
        check(uri)
        var position = pendingPrefixes.count
        while position > 0, Self.prefixPrecedes(prefix, pendingPrefixes[position - 1]) { position -= 1 }
        pendingPrefixes.insert(prefix, at: position)
        pendingURIs.insert(uri, at: position)
    }

    /// Flags a namespace URI whose canonical form this writer does not
    /// reproduce byte for byte.
    private mutating func check(_ uri: Text?) {
        guard let uri, uri.pointee != 0, unsupported == nil else { return }
        var index = 0
        var schemeEnded = false
        while uri[index] != 0 {
            let byte = uri[index]
            switch byte {
            case 0x22, 0x26, 0x27, 0x3C, 0x09, 0x0A, 0x0D, 0x20:
                unsupported = "a namespace URI holds a quote, '&', '<' or white space"
                return
            default:
                break
            }
            if !schemeEnded {
                if byte == 0x3A && index > 0 {
                    schemeEnded = true
                } else if !Self.isSchemeCharacter(byte, first: index == 0) {
                    unsupported = "a namespace URI is relative"
                    return
                }
            }
            index += 1
        }
        if !schemeEnded { unsupported = "a namespace URI is relative" }
    }

    private static func isSchemeCharacter(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A: return true
        case 0x30...0x39, 0x2B, 0x2D, 0x2E: return !first
        default: return false
        }
    }

    private mutating func qualifiedName(prefix: Text?, localName: Text) {
        if let prefix {
            output.string(prefix)
            output.byte(0x3A)
        }
        output.string(localName)
    }

    private static func isXML(_ prefix: Text) -> Bool {
        prefix[0] == 0x78 && prefix[1] == 0x6D && prefix[2] == 0x6C && prefix[3] == 0
    }

    private static func isEmpty(_ text: Text?) -> Bool { text == nil || text!.pointee == 0 }

    private static func samePrefix(_ a: Text?, _ b: Text?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let a?, let b?): return xmlStrEqual(a, b) == 1
        default: return false
        }
    }

    private static func sameURI(_ a: Text?, _ b: Text?) -> Bool {
        if isEmpty(a) || isEmpty(b) { return isEmpty(a) && isEmpty(b) }
        return xmlStrEqual(a, b) == 1
    }

    private static func prefixPrecedes(_ a: Text?, _ b: Text?) -> Bool {
        guard let b else { return false }
        guard let a else { return true }
        return xmlStrcmp(a, b) < 0
    }

    private static func attributePrecedes(_ a: Int, _ b: Int, in attributes: Attributes) -> Bool {
        let uriA = attributes.namespaceURI(a)
        let uriB = attributes.namespaceURI(b)
        switch (isEmpty(uriA), isEmpty(uriB)) {
        case (true, false): return true
        case (false, true): return false
        case (false, false):
            let order = xmlStrcmp(uriA, uriB)
            if order != 0 { return order < 0 }
        case (true, true): break
        }
        return xmlStrcmp(attributes.localName(a), attributes.localName(b)) < 0
    }
}

/// The namespace declarations of a start tag as libxml2's SAX2 layer passes
/// them: two pointers per declaration (prefix, URI).
struct NamespaceDeclarations {
    let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    func prefix(_ index: Int) -> UnsafePointer<xmlChar>? { base![index * 2] }
    func uri(_ index: Int) -> UnsafePointer<xmlChar>? { base![index * 2 + 1] }
}
