/// A problem an ``OutputValidator`` found in a document being written: the
/// schema's (or the parser's) error, the record it lies in, and the element
/// and attribute it is about.
package struct OutputProblem: Sendable, Equatable {
    /// The error, `XSD-INVALID` with libxml2's schema message, at the line of the written document.
    package var error: XMLError
    /// Ordinal (1-based) of the record being written when the problem was
    /// found; 0 when it lies before the first record.
    package var record: Int
    /// The elements open when the problem was found, root first.
    package var openElements: [QName]

    /// The element the message names (`Element '{urn:x}Name': …`).
    package var element: QName? {
        guard let name = Self.quoted(after: "Element '", in: error.message) else { return nil }
        return Self.name(fromClark: name)
    }

    /// The attribute the message names (`Element '…', attribute 'lang': …`).
    package var attribute: QName? {
        guard let name = Self.quoted(after: "', attribute '", in: error.message) else { return nil }
        return Self.name(fromClark: name)
    }

    /// Whether the ``expected`` elements are children of ``element`` (`Missing child element(s)`) rather
    /// than its siblings (`This element is not expected`).
    package var expectsChildren: Bool { error.message.contains("Missing child") }

    /// The elements the schema expected instead (`Expected is ( {urn:x}Name )`, `Expected is one of ( … )`).
    package var expected: [QName] {
        guard let start = error.message.firstRange(of: "Expected is"),
            let open = error.message[start.upperBound...].firstIndex(of: "("),
            let close = error.message[open...].firstIndex(of: ")")
        else { return [] }
        return error.message[error.message.index(after: open)..<close]
            .split(separator: ",")
            .map { $0.trimmingCharacters(in: " ") }
            .filter { !$0.isEmpty && $0 != "##other" }
            .map { Self.name(fromClark: String($0)) }
    }

    /// The path of the element the problem is about, root first: the open
    /// elements, and the named element when it is not the innermost of them
    /// (it is already closed, or not yet opened, when the schema reports it).
    package var elementPath: [QName] {
        guard let element else { return openElements }
        if let last = openElements.last, last.localName == element.localName { return openElements }
        return openElements + [element]
    }

    private static func quoted(after marker: String, in message: String) -> String? {
        guard let start = message.firstRange(of: marker) else { return nil }
        let rest = message[start.upperBound...]
        guard let end = rest.firstIndex(of: "'") else { return nil }
        return String(rest[..<end])
    }

    /// `{uri}local` or `local`.
    private static func name(fromClark text: String) -> QName {
        guard text.hasPrefix("{"), let close = text.firstIndex(of: "}") else { return QName(nil, text) }
        return QName(
            String(text[text.index(after: text.startIndex)..<close]), String(text[text.index(after: close)...]))
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> Substring {
        var text = self
        while text.first == set { text.removeFirst() }
        while text.last == set { text.removeLast() }
        return text
    }
}
