extension SignedDocument {
    /// Returns `original` with `fragment` made the last child of the document
    /// element, every other byte as it was (no re-serialization, no new
    /// white-space text: the canonical form of the rest is unchanged).
    ///
    /// `rootEnd` is the offset just past the document element's end tag, or
    /// past its `/>` when it is an empty-element tag (``SignatureEvidence/rootEnd``,
    /// from the parse); `qualifiedName` is its name as written. Whatever
    /// follows the root (white space, comments, processing instructions) stays
    /// after it. An empty root `<list/>` is written `<list>`, the fragment,
    /// `</list>`: the same canonical form. Nil when the bytes at `rootEnd` are
    /// not the root's end tag or empty-element tag.
    public static func inserting(
        _ fragment: [UInt8], asLastChildOf qualifiedName: String, endingAt rootEnd: Int, in original: [UInt8]
    ) -> [UInt8]? {
        let name = Array(qualifiedName.utf8)
        guard rootEnd >= 2, rootEnd <= original.count, original[rootEnd - 1] == UInt8(ascii: ">"),
            let open = original[..<rootEnd].lastIndex(of: UInt8(ascii: "<"))
        else { return nil }
        // Attribute values cannot hold a raw "<", so `open` starts the tag that ends at rootEnd.
        if original[rootEnd - 2] == UInt8(ascii: "/") {
            guard isTag(original, from: open + 1, named: name, before: rootEnd - 2, spaceRequired: true) else {
                return nil
            }
            var output: [UInt8] = []
            output.reserveCapacity(original.count + fragment.count + name.count + 3)
            output.append(contentsOf: original[..<(rootEnd - 2)])
            output.append(UInt8(ascii: ">"))
            output.append(contentsOf: fragment)
            output.append(contentsOf: Array("</".utf8) + name + [UInt8(ascii: ">")])
            output.append(contentsOf: original[rootEnd...])
            return output
        }
        guard open + 1 < rootEnd, original[open + 1] == UInt8(ascii: "/"),
            isTag(original, from: open + 2, named: name, before: rootEnd - 1, spaceRequired: false)
        else { return nil }
        return inserting(fragment, at: open, into: original)
    }

    /// `original` with `fragment` inserted at byte `offset` (a root end
    /// tag's, from ``rootEndTagOffset(in:qualifiedName:)``).
    package static func inserting(_ fragment: [UInt8], at offset: Int, into original: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(original.count + fragment.count)
        output.append(contentsOf: original[..<offset])
        output.append(contentsOf: fragment)
        output.append(contentsOf: original[offset...])
        return output
    }

    /// The byte offset of the end tag `</qualifiedName>` that closes a
    /// document, scanning back over trailing white space and comments; nil
    /// when the document does not end that way. For documents the gateway
    /// writes itself (receipts); a document that was parsed uses its parse's
    /// ``SignatureEvidence/rootEnd`` instead.
    public static func rootEndTagOffset(in bytes: [UInt8], qualifiedName: String) -> Int? {
        let name = Array(qualifiedName.utf8)
        var end = bytes.count  // exclusive end of the region still to scan
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
        guard open + 1 < end, bytes[open + 1] == UInt8(ascii: "/"),
            isTag(bytes, from: open + 2, named: name, before: end - 1, spaceRequired: false)
        else { return nil }
        return open
    }

    /// Whether `bytes[start..<end]` is `name`, then white space (required
    /// before attributes when `spaceRequired` and anything follows), then,
    /// with `spaceRequired`, anything (attributes).
    private static func isTag(
        _ bytes: [UInt8], from start: Int, named name: [UInt8], before end: Int, spaceRequired: Bool
    ) -> Bool {
        guard start + name.count <= end, Array(bytes[start..<(start + name.count)]) == name else { return false }
        let rest = bytes[(start + name.count)..<end]
        if spaceRequired { return rest.isEmpty || isSpace(rest[rest.startIndex]) }
        return rest.allSatisfy(isSpace)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
