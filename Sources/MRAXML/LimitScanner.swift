#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a document first crosses one of its ``XMLLimits``.
package struct LimitCrossing: Sendable, Equatable {
    /// Offset, in the chunk that was scanned, of the first byte over the limit.
    package var offset: Int
    package var code: XMLError.Code
    package var message: String

    /// The crossing as an error of `file` at `line`.
    package func error(file: String?, line: Int) -> XMLError {
        XMLError(code: code, message: message, file: file, line: line)
    }
}

/// Counts, byte by byte and ahead of libxml2, what ``XMLLimits`` bound: text
/// and comment lengths, attribute values, attributes and namespace
/// declarations per element, name lengths and depth.
///
/// libxml2's push parser holds a whole start tag (or comment, or processing
/// instruction) in its input buffer until the tag ends, and checks duplicate
/// attributes in time quadratic in their number: so these limits are checked
/// on the bytes before libxml2 sees them, and the parser is never fed the
/// byte that crosses one. The scanner recognizes just enough of XML to count
/// (tags, quoted values, comments, CDATA, processing instructions); anything
/// it does not expect is left to libxml2 to refuse, while every byte still
/// counts against some limit, so no input grows a buffer without bound.
/// Its state carries over from one chunk to the next.
package struct LimitScanner {
    private enum State: UInt8 {
        case text, open, bang, comment, cdata, declaration, piTarget, piData
        case startName, endName, endRest, gap, attributeName, afterAttributeName, afterEquals, value
    }

    private let limits: XMLLimits
    private var state = State.text
    /// Character data of the current element since its last element tag.
    private var text = 0
    /// The current comment, processing instruction or declaration.
    private var markup = 0
    private var name = 0
    private var gap = 0
    private var value = 0
    private var attributes = 0
    private var namespaces = 0
    private var depth = 0
    private var quote: UInt8 = 0
    /// Bytes of `<!--` / `<![CDATA[` matched after `<!`, or of `xmlns` at the start of an attribute name.
    private var matched = 0
    /// `-` in a row in a comment, `]` in a row in CDATA, or a `?` just before in a processing instruction.
    private var trailing = 0
    /// The last byte of a start tag outside its values was `/`.
    private var slash = false

    package init(limits: XMLLimits) {
        self.limits = limits
    }

    /// Scans the next bytes of the document; nil while every limit holds.
    package mutating func scan(_ chunk: UnsafeRawBufferPointer) -> LimitCrossing? {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        let count = chunk.count
        var index = 0
        while index < count {
            switch state {
            case .text, .value:
                if let crossing = skipRun(base, from: &index, count: count) { return crossing }
                continue
            case .startName, .endName:
                if let crossing = skipName(base, from: &index, count: count) { return crossing }
                guard index < count else { return nil }
            case .attributeName where matched < 0 || matched == 6:
                // Known to be a namespace declaration or not: the rest of the name counts at once.
                if let crossing = skipName(base, from: &index, count: count) { return crossing }
                guard index < count else { return nil }
            default:
                break
            }
            if let crossing = step(base[index], at: index) { return crossing }
            index += 1
        }
        return nil
    }

    /// The bytes of a name up to the first that ends it (white space, `>`;
    /// `/` in a start tag; `/` and `=` in an attribute's name), counted at
    /// once: most markup is names.
    @inline(__always)
    private mutating func skipName(
        _ base: UnsafePointer<UInt8>, from index: inout Int, count: Int
    ) -> LimitCrossing? {
        let slashEnds = state != .endName
        let equalsEnds = state == .attributeName
        var end = index
        while end < count {
            let byte = base[end]
            if Self.isSpace(byte) || byte == UInt8(ascii: ">") || (slashEnds && byte == UInt8(ascii: "/"))
                || (equalsEnds && byte == UInt8(ascii: "="))
            {
                break
            }
            end += 1
        }
        let length = end - index
        guard name + length <= limits.maxNameBytes else {
            index += limits.maxNameBytes - name
            name = limits.maxNameBytes
            return countName(at: index)
        }
        name += length
        index = end
        return nil
    }

    /// Character data up to `<`, or a value up to its quote, found with `memchr`.
    @inline(__always)
    private mutating func skipRun(
        _ base: UnsafePointer<UInt8>, from index: inout Int, count: Int
    ) -> LimitCrossing? {
        let inText = state == .text
        let stop = inText ? UInt8(ascii: "<") : quote
        let rest = count - index
        let start = UnsafeRawPointer(base + index)
        let found = memchr(start, Int32(stop), rest).map { start.distance(to: UnsafeRawPointer($0)) }
        let length = found ?? rest
        let limit = inText ? limits.maxTextBytes : limits.maxAttributeBytes
        let before = inText ? text : value
        if before + length > limit {
            let offset = index + (limit - before)
            return inText
                ? LimitCrossing(
                    offset: offset, code: .textTooLong, message: "character data longer than \(limit) bytes")
                : LimitCrossing(
                    offset: offset, code: .attributeTooLong, message: "an attribute value longer than \(limit) bytes")
        }
        if inText { text += length } else { value += length }
        index += length
        guard found != nil else { return nil }
        index += 1
        if inText {
            state = .open
        } else {
            state = .gap
            gap = 0
            slash = false
        }
        return nil
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    /// One byte of markup.
    @inline(__always)
    private mutating func step(_ byte: UInt8, at offset: Int) -> LimitCrossing? {
        switch state {
        case .open: return opened(byte, at: offset)
        case .bang: return bang(byte, at: offset)
        case .comment:
            // The `-` of a possible `-->` count once it is clear they are content.
            if byte == UInt8(ascii: ">") && trailing >= 2 { return closeMarkup() }
            if byte == UInt8(ascii: "-") {
                trailing += 1
                return nil
            }
            defer { trailing = 0 }
            return countMarkup(trailing + 1, at: offset, "a comment")
        case .cdata:
            if byte == UInt8(ascii: ">") && trailing >= 2 { return closeMarkup() }
            if byte == UInt8(ascii: "]") {
                trailing += 1
                return nil
            }
            text += trailing + 1
            trailing = 0
            return text > limits.maxTextBytes
                ? LimitCrossing(
                    offset: offset, code: .textTooLong,
                    message: "character data longer than \(limits.maxTextBytes) bytes")
                : nil
        case .declaration:
            if byte == UInt8(ascii: ">") { return closeMarkup() }
            return countMarkup(1, at: offset, "a markup declaration")
        case .piTarget:
            if Self.isSpace(byte) || byte == UInt8(ascii: "?") {
                state = .piData
                trailing = byte == UInt8(ascii: "?") ? 1 : 0
                return nil
            }
            return countName(at: offset)
        case .piData:
            if byte == UInt8(ascii: ">") && trailing == 1 { return closeMarkup() }
            defer { trailing = byte == UInt8(ascii: "?") ? 1 : 0 }
            return byte == UInt8(ascii: "?") ? nil : countMarkup(trailing + 1, at: offset, "a processing instruction")
        case .startName, .endName, .endRest: return endOrName(byte, at: offset)
        case .gap, .attributeName, .afterAttributeName, .afterEquals: return insideStartTag(byte, at: offset)
        case .text, .value: return nil
        }
    }

    /// The byte after `<`.
    @inline(__always)
    private mutating func opened(_ byte: UInt8, at offset: Int) -> LimitCrossing? {
        markup = 0
        name = 0
        trailing = 0
        switch byte {
        case UInt8(ascii: "!"):
            state = .bang
            matched = 0
            return nil
        case UInt8(ascii: "?"):
            state = .piTarget
            return nil
        case UInt8(ascii: "/"):
            state = .endName
            text = 0
            gap = 0
            return nil
        default:
            text = 0
            guard depth < limits.maxDepth else {
                return LimitCrossing(
                    offset: offset, code: .tooDeep, message: "elements nested deeper than \(limits.maxDepth) levels")
            }
            state = .startName
            attributes = 0
            namespaces = 0
            slash = false
            return countName(at: offset)
        }
    }

    /// After `<!`: a comment, a CDATA section, or (refused by libxml2) anything else.
    private mutating func bang(_ byte: UInt8, at offset: Int) -> LimitCrossing? {
        let isComment = matched < 2 && byte == UInt8(ascii: "-") && (matched == 0 || trailing == 1)
        let isCDATA = matched < 7 && byte == Self.cdata(matched) && (matched == 0 || trailing == 2)
        if isComment {
            matched += 1
            trailing = 1
            if matched == 2 {
                state = .comment
                trailing = 0
                markup = 0
                return nil
            }
        } else if isCDATA {
            matched += 1
            trailing = 2
            if matched == 7 {
                state = .cdata
                trailing = 0
            }
        } else {
            state = .declaration
            if byte == UInt8(ascii: ">") { return closeMarkup() }
        }
        return countMarkup(1, at: offset, "a markup declaration")
    }

    /// The byte at `index` of `[CDATA[`.
    private static func cdata(_ index: Int) -> UInt8 {
        switch index {
        case 0, 6: UInt8(ascii: "[")
        case 1: UInt8(ascii: "C")
        case 2: UInt8(ascii: "D")
        case 3, 5: UInt8(ascii: "A")
        default: UInt8(ascii: "T")
        }
    }

    @inline(__always)
    private mutating func closeMarkup() -> LimitCrossing? {
        state = .text
        return nil
    }

    private mutating func countMarkup(_ bytes: Int, at offset: Int, _ what: String) -> LimitCrossing? {
        markup += bytes
        guard markup > limits.maxTextBytes else { return nil }
        return LimitCrossing(
            offset: offset, code: .textTooLong, message: "\(what) longer than \(limits.maxTextBytes) bytes")
    }

    @inline(__always)
    private mutating func countName(at offset: Int) -> LimitCrossing? {
        name += 1
        guard name > limits.maxNameBytes else { return nil }
        return LimitCrossing(
            offset: offset, code: .nameTooLong, message: "a name longer than \(limits.maxNameBytes) bytes")
    }

    @inline(__always)
    private mutating func countGap(at offset: Int) -> LimitCrossing? {
        gap += 1
        guard gap > limits.maxNameBytes else { return nil }
        return LimitCrossing(
            offset: offset, code: .nameTooLong,
            message: "more than \(limits.maxNameBytes) bytes of white space between the parts of a tag")
    }

    /// The name of a start or end tag, and the rest of an end tag.
    @inline(__always)
    private mutating func endOrName(_ byte: UInt8, at offset: Int) -> LimitCrossing? {
        if byte == UInt8(ascii: ">") {
            if state == .startName {
                depth += 1
            } else {
                depth = max(0, depth - 1)
            }
            state = .text
            return nil
        }
        if state == .startName {
            if Self.isSpace(byte) || byte == UInt8(ascii: "/") {
                state = .gap
                gap = 0
                slash = byte == UInt8(ascii: "/")
                return nil
            }
            return countName(at: offset)
        }
        if state == .endName && !Self.isSpace(byte) { return countName(at: offset) }
        state = .endRest
        return countGap(at: offset)
    }

    /// Between and inside the attributes of a start tag.
    @inline(__always)
    private mutating func insideStartTag(_ byte: UInt8, at offset: Int) -> LimitCrossing? {
        let isQuote = byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
        switch state {
        case .attributeName:
            if Self.isSpace(byte) || byte == UInt8(ascii: "=") {
                if let crossing = countAttribute(at: offset) { return crossing }
                state = byte == UInt8(ascii: "=") ? .afterEquals : .afterAttributeName
                gap = 0
                return nil
            }
            if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") {
                if let crossing = countAttribute(at: offset) { return crossing }
                state = .gap
                return tagBoundary(byte, at: offset)
            }
            trackNamespacePrefix(byte)
            return countName(at: offset)
        case .afterAttributeName where byte == UInt8(ascii: "="):
            state = .afterEquals
            gap = 0
            return nil
        case .afterEquals where isQuote:
            state = .value
            quote = byte
            value = 0
            return nil
        case .afterEquals:
            return countGap(at: offset)
        default:
            return tagBoundary(byte, at: offset)
        }
    }

    /// White space, `/`, `>`, or the start of an attribute name, in a start tag.
    @inline(__always)
    private mutating func tagBoundary(_ byte: UInt8, at offset: Int) -> LimitCrossing? {
        if byte == UInt8(ascii: ">") {
            if !slash { depth += 1 }
            state = .text
            return nil
        }
        if Self.isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
        {
            slash = byte == UInt8(ascii: "/")
            return countGap(at: offset)
        }
        state = .attributeName
        slash = false
        name = 0
        matched = 0
        trackNamespacePrefix(byte)
        return countName(at: offset)
    }

    /// Follows `xmlns` at the start of an attribute name: `matched` is 5
    /// after `xmlns`, 6 after `xmlns:`, and -1 once the name is something else.
    private mutating func trackNamespacePrefix(_ byte: UInt8) {
        if matched >= 0 && matched < 6 && byte == Self.xmlns(matched) {
            matched += 1
        } else if matched != 6 {
            matched = -1
        }
    }

    /// The byte at `index` of `xmlns:`.
    private static func xmlns(_ index: Int) -> UInt8 {
        switch index {
        case 0: UInt8(ascii: "x")
        case 1: UInt8(ascii: "m")
        case 2: UInt8(ascii: "l")
        case 3: UInt8(ascii: "n")
        case 4: UInt8(ascii: "s")
        default: UInt8(ascii: ":")
        }
    }

    /// An attribute name has ended: a namespace declaration or an attribute.
    private mutating func countAttribute(at offset: Int) -> LimitCrossing? {
        if matched == 5 || matched == 6 {
            namespaces += 1
            guard namespaces > limits.maxNamespaceDeclarations else { return nil }
            return LimitCrossing(
                offset: offset, code: .tooManyNamespaces,
                message: "an element declares more than \(limits.maxNamespaceDeclarations) namespaces")
        }
        attributes += 1
        guard attributes > limits.maxAttributes else { return nil }
        return LimitCrossing(
            offset: offset, code: .tooManyAttributes,
            message: "an element has more than \(limits.maxAttributes) attributes")
    }
}

extension LimitScanner {
    /// Scans the next part of a document whose earlier parts, `before` bytes
    /// of it, are in `document` too; throws the crossing, located by line.
    package mutating func check(
        _ part: UnsafeRawBufferPointer, of document: UnsafeRawBufferPointer, at before: Int, file: String?
    ) throws(XMLError) {
        guard let crossing = scan(part) else { return }
        throw crossing.error(file: file, line: Self.line(at: before + crossing.offset, in: document))
    }

    /// The 1-based line of the byte at `offset`.
    package static func line(at offset: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        var line = 1
        for byte in UnsafeRawBufferPointer(rebasing: bytes[..<min(offset, bytes.count)]) where byte == 0x0A {
            line += 1
        }
        return line
    }
}
