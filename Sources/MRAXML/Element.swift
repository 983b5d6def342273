/// An XML element as a Swift value: for small documents such as mapping files,
/// catalogues and settings. Member lists are read with ``RecordStream``
/// instead, which never holds a whole document.
public struct Element: Sendable, Equatable {
    /// One attribute of an element.
    public struct Attribute: Sendable, Equatable {
        public var name: QName
        public var value: String
        public init(name: QName, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var name: QName
    public var attributes: [Attribute]
    public var children: [Element]
    /// The whole text content: every text descendant in document order,
    /// comments and processing instructions skipped, not trimmed.
    public var text: String
    /// 1-based line of the start tag.
    public var line: Int

    public init(name: QName, attributes: [Attribute] = [], children: [Element] = [], text: String = "", line: Int = 0) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
        self.line = line
    }

    /// The value of the attribute `localName` in `namespaceURI` (no namespace by default).
    public func attribute(_ localName: String, namespaceURI: String? = nil) -> String? {
        attributes.first { $0.name.localName == localName && $0.name.namespaceURI == namespaceURI }?.value
    }

    /// Child elements with the given name.
    public func children(_ name: QName) -> [Element] {
        children.filter { $0.name == name }
    }

    /// The first child element with the given name.
    public func child(_ name: QName) -> Element? {
        children.first { $0.name == name }
    }

    /// The text content with leading and trailing white space removed.
    public var trimmedText: String { text.trimmingXMLWhitespace() }
}

extension String {
    /// Removes leading and trailing XML white space (space, tab, CR, LF).
    public func trimmingXMLWhitespace() -> String {
        let utf8 = self.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = utf8.lastIndex(where: { !isSpace($0) })!
        if first == utf8.startIndex && last == utf8.index(before: utf8.endIndex) { return self }
        return String(self[first...last])
    }
}
