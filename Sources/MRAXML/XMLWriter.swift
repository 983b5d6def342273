/// Writes XML as UTF-8 bytes: escaped, indented two spaces per level, one
/// element per line, with namespace prefixes chosen by the caller.
///
/// Output is accumulated in ``output``; a caller streaming a large document
/// takes the bytes out with ``takeOutput()`` as it goes.
public struct XMLWriter: Sendable {
    private let prefixes: [String: String]
    private let declarations: [(prefix: String, uri: String)]
    public private(set) var output: [UInt8] = []
    /// The last namespace written and its `prefix:` bytes: names repeat, so
    /// this saves a dictionary lookup per tag.
    private var lastNamespace: String?
    private var lastPrefix: [UInt8] = []

    /// `namespaces` lists the prefix for each namespace URI; all are declared
    /// on the first element opened with `declareNamespaces`.
    public init(namespaces: [(prefix: String, uri: String)]) {
        declarations = namespaces
        var prefixes: [String: String] = [:]
        for (prefix, uri) in namespaces where prefixes[uri] == nil { prefixes[uri] = prefix }
        // Bound by definition, never declared (`xml:lang`, `xml:space`).
        prefixes["http://www.w3.org/XML/1998/namespace"] = "xml"
        self.prefixes = prefixes
    }

    /// Returns the bytes written so far and empties the buffer.
    public mutating func takeOutput() -> [UInt8] {
        defer { output.removeAll(keepingCapacity: true) }
        return output
    }

    public mutating func writeDeclaration() {
        append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    }

    /// Writes a whole element and its descendants. Leaf elements get their
    /// text; elements with children get only the children.
    public mutating func write(_ element: Element, depth: Int, declareNamespaces: Bool = false) {
        if element.children.isEmpty && element.text.isEmpty {
            startTag(element, depth: depth, declareNamespaces: declareNamespaces, selfClosing: true)
            append("\n")
        } else if element.children.isEmpty {
            startTag(element, depth: depth, declareNamespaces: declareNamespaces, selfClosing: false)
            escape(element.text, attribute: false)
            endTag(element.name)
            append("\n")
        } else {
            open(element, depth: depth, declareNamespaces: declareNamespaces)
            for child in element.children { write(child, depth: depth + 1) }
            close(element.name, depth: depth)
        }
    }

    /// Writes a start tag on its own line (children follow).
    public mutating func open(_ element: Element, depth: Int, declareNamespaces: Bool = false) {
        startTag(element, depth: depth, declareNamespaces: declareNamespaces, selfClosing: false)
        append("\n")
    }

    /// Writes an end tag on its own line.
    public mutating func close(_ name: QName, depth: Int) {
        indent(depth)
        endTag(name)
        append("\n")
    }

    private mutating func startTag(_ element: Element, depth: Int, declareNamespaces: Bool, selfClosing: Bool) {
        indent(depth)
        append("<")
        appendName(element.name)
        if declareNamespaces {
            for (prefix, uri) in declarations {
                append(prefix.isEmpty ? " xmlns=\"" : " xmlns:\(prefix)=\"")
                escape(uri, attribute: true)
                append("\"")
            }
        }
        for attribute in element.attributes {
            append(" ")
            appendName(attribute.name)
            append("=\"")
            escape(attribute.value, attribute: true)
            append("\"")
        }
        append(selfClosing ? "/>" : ">")
    }

    private mutating func endTag(_ name: QName) {
        append("</")
        appendName(name)
        append(">")
    }

    private mutating func appendName(_ name: QName) {
        if let uri = name.namespaceURI {
            if uri != lastNamespace {
                lastNamespace = uri
                let prefix = prefixes[uri] ?? ""
                lastPrefix = prefix.isEmpty ? [] : Array(prefix.utf8) + [0x3A]
            }
            output.append(contentsOf: lastPrefix)
        }
        append(name.localName)
    }

    private mutating func indent(_ depth: Int) {
        output.append(contentsOf: repeatElement(0x20, count: depth * 2))
    }

    private mutating func append(_ text: String) {
        output.append(contentsOf: text.utf8)
    }

    private mutating func escape(_ text: String, attribute: Bool) {
        let needsEscaping = text.utf8.contains { byte in
            byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x0D
                || (attribute && (byte == 0x22 || byte == 0x0A || byte == 0x09))
        }
        guard needsEscaping else {
            output.append(contentsOf: text.utf8)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case 0x26: append("&amp;")
            case 0x3C: append("&lt;")
            case 0x3E: append("&gt;")
            case 0x22 where attribute: append("&quot;")
            case 0x0A where attribute: append("&#10;")
            case 0x0D: append("&#13;")
            case 0x09 where attribute: append("&#9;")
            default: output.append(byte)
            }
        }
    }
}
