internal import CMRALibXML2

extension SignedDocument {
    /// Returns `original` with `fragment` inserted just before the document
    /// element's end tag, so that it becomes the last child of the root and
    /// every other byte of the file stays as it was (no re-serialization, no
    /// new white-space text nodes: the canonical form of the rest is unchanged).
    ///
    /// `original` must be the bytes this document was parsed from. Throws when
    /// the root is an empty-element tag (`<root/>`) or is followed by anything
    /// but white space and comments.
    public func inserting(_ fragment: [UInt8], beforeRootEndTagOf original: [UInt8]) throws(XMLError) -> [UInt8] {
        Self.inserting(fragment, at: try rootEndTagOffset(of: original), into: original)
    }

    /// `original` with `fragment` inserted at byte `offset` (a root end tag's,
    /// from ``rootEndTagOffset(of:)`` or ``rootEndTagOffset(in:qualifiedName:)``).
    package static func inserting(_ fragment: [UInt8], at offset: Int, into original: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(original.count + fragment.count)
        output.append(contentsOf: original[..<offset])
        output.append(contentsOf: fragment)
        output.append(contentsOf: original[offset...])
        return output
    }

    /// The byte offset of the document element's end tag in `original` (the
    /// bytes this document was parsed from), where ``inserting(_:beforeRootEndTagOf:)``
    /// inserts.
    public func rootEndTagOffset(of original: [UInt8]) throws(XMLError) -> Int {
        guard let offset = rootEndTagOffset(in: original) else {
            throw XMLError(
                code: .malformed,
                message: "cannot find the end tag of the document element (empty root, or content after it)",
                file: file)
        }
        return offset
    }

    /// The byte offset of `</root>` in `bytes`, scanning back over trailing
    /// white space and comments.
    private func rootEndTagOffset(in bytes: [UInt8]) -> Int? {
        guard let root = xmlDocGetRootElement(document) else { return nil }
        var qualified = ""
        if let ns = root.pointee.ns, let prefix = ns.pointee.prefix { qualified = String(xmlString: prefix) + ":" }
        qualified += root.pointee.name.map { String(xmlString: $0) } ?? ""
        return Self.rootEndTagOffset(in: bytes, qualifiedName: qualified)
    }

    /// The byte offset of the end tag `</qualifiedName>` that closes a
    /// document, scanning back over trailing white space and comments; nil
    /// when the document does not end that way.
    public static func rootEndTagOffset(in bytes: [UInt8], qualifiedName: String) -> Int? {
        let name = Array(qualifiedName.utf8)
        var end = bytes.count  // exclusive end of the region still to scan
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        func hasSuffix(_ suffix: [UInt8], before index: Int) -> Bool {
            index >= suffix.count && Array(bytes[(index - suffix.count)..<index]) == suffix
        }
        while true {
            while end > 0 && isSpace(bytes[end - 1]) { end -= 1 }
            guard hasSuffix(Array("-->".utf8), before: end) else { break }
            // A comment cannot contain "--", so the last "<!--" starts it.
            var start = end - 3
            while start >= 4 && !hasSuffix(Array("<!--".utf8), before: start) { start -= 1 }
            guard start >= 4 else { return nil }
            end = start - 4
        }
        guard end > 0, bytes[end - 1] == UInt8(ascii: ">") else { return nil }
        guard let open = bytes[..<end].lastIndex(of: UInt8(ascii: "<")) else { return nil }
        // "</" name white-space* ">"
        var index = open + 1
        guard index < end, bytes[index] == UInt8(ascii: "/") else { return nil }
        index += 1
        guard index + name.count <= end, Array(bytes[index..<(index + name.count)]) == name else { return nil }
        index += name.count
        while index < end - 1 && isSpace(bytes[index]) { index += 1 }
        guard index == end - 1 else { return nil }
        return open
    }
}
