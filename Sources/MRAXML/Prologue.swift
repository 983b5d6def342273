/// Checks the prologue of a document (everything before the root element)
/// before libxml2 sees a byte of it.
///
/// A document type declaration is refused outright, so no DTD, entity
/// declaration or external subset is ever processed. Only UTF-8 is accepted:
/// a UTF-16 byte-order mark or a declared encoding other than UTF-8 is refused
/// with its own error.
struct Prologue {
    /// Bytes of the prologue that were checked (the root element starts here,
    /// or the document ended).
    let length: Int

    /// Inspects the start of `bytes`. Returns once the root start tag is reached.
    static func check(_ bytes: UnsafeRawBufferPointer, file: String?) throws(XMLError) -> Prologue {
        try checkEncodingMarks(bytes, file: file)
        var index = hasPrefix("\u{FEFF}", in: bytes, at: 0) ? 3 : 0
        var line = 1
        try skipDeclaration(bytes, index: &index, line: &line, file: file)
        try skipMisc(bytes, index: &index, line: &line, file: file)
        return Prologue(length: index)
    }

    /// Refuses a UTF-16 byte-order mark and a leading NUL.
    private static func checkEncodingMarks(_ bytes: UnsafeRawBufferPointer, file: String?) throws(XMLError) {
        if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) {
            throw XMLError(
                code: .encoding, message: "document is UTF-16; the gateway accepts UTF-8 only", file: file,
                line: 1, column: 1)
        }
        if bytes.count >= 1, bytes[0] == 0 {
            throw XMLError(
                code: .encoding, message: "document starts with a NUL byte; not UTF-8 text", file: file, line: 1)
        }
    }

    /// Steps over the XML declaration, if there is one, refusing an encoding other than UTF-8.
    private static func skipDeclaration(
        _ bytes: UnsafeRawBufferPointer, index: inout Int, line: inout Int, file: String?
    ) throws(XMLError) {
        guard hasPrefix("<?xml", in: bytes, at: index), index + 5 < bytes.count else { return }
        let next = bytes[index + 5]
        guard next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D else { return }
        guard let end = find("?>", in: bytes, from: index) else {
            throw XMLError(code: .malformed, message: "XML declaration is not closed", file: file, line: 1)
        }
        let declaration = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
        if let encoding = declaredEncoding(in: declaration) {
            let normalized = encoding.lowercased()
            if normalized != "utf-8" && normalized != "utf8" {
                throw XMLError(
                    code: .encoding,
                    message: "document declares encoding \"\(encoding)\"; the gateway accepts UTF-8 only",
                    file: file, line: 1)
            }
        }
        for i in index..<end where bytes[i] == 0x0A { line += 1 }
        index = end + 2
    }

    /// Steps over white space, comments and processing instructions up to
    /// the root start tag, refusing a document type declaration.
    private static func skipMisc(
        _ bytes: UnsafeRawBufferPointer, index: inout Int, line: inout Int, file: String?
    ) throws(XMLError) {
        while index < bytes.count {
            let c = bytes[index]
            var terminator: (literal: StaticString, from: Int)?
            if c == 0x0A {
                line += 1
                index += 1
            } else if c == 0x20 || c == 0x09 || c == 0x0D {
                index += 1
            } else if hasPrefix("<!--", in: bytes, at: index) {
                terminator = ("-->", index + 4)
            } else if hasPrefix("<?", in: bytes, at: index) {
                terminator = ("?>", index + 2)
            } else if hasPrefix("<!", in: bytes, at: index) {
                // <!DOCTYPE in any spelling, or any other markup declaration.
                throw XMLError(
                    code: .doctype,
                    message: "document type declarations (DOCTYPE) are refused: DTDs and entities are never processed",
                    file: file, line: line)
            } else {
                return
            }
            guard let (literal, from) = terminator else { continue }
            guard let end = find(literal, in: bytes, from: from) else { return }
            for i in index..<end where bytes[i] == 0x0A { line += 1 }
            index = end + literal.utf8CodeUnitCount
        }
    }

    private static func hasPrefix(_ literal: StaticString, in bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard offset + length <= bytes.count else { return false }
        let start = literal.utf8Start
        for i in 0..<length where bytes[offset + i] != start[i] { return false }
        return true
    }

    private static func find(_ literal: StaticString, in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        let length = literal.utf8CodeUnitCount
        let pattern = literal.utf8Start
        var i = start
        // The prologue is small; give up scanning for a terminator after 64 KiB.
        let limit = min(bytes.count, start + 65_536)
        while i + length <= limit {
            var matched = true
            for j in 0..<length where bytes[i + j] != pattern[j] {
                matched = false
                break
            }
            if matched { return i }
            i += 1
        }
        return nil
    }

    private static func declaredEncoding(in declaration: String) -> String? {
        guard let range = declaration.firstRange(of: "encoding") else { return nil }
        var rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        rest = rest.dropFirst()
        return String(rest.prefix { $0 != quote })
    }
}
