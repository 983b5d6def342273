/// Reads one NDJSON declaration line: a flat JSON object whose fields are
/// strings (or null for the optional ones). Made for the hot path of
/// screening: one pass over the bytes, no intermediate values; a JSON array
/// body goes through `JSONDecoder` and ``Declaration``'s `Decodable` instead,
/// with the same field rules and messages.
///
/// Fields other than the five are skipped, whatever their values, as the
/// `Decodable` conformance skips them.
struct DeclarationParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The declaration on `line`, or why it is not one.
    static func parse(_ line: some Collection<UInt8>) throws(LookupError) -> Declaration {
        let result: Result<Declaration, LookupError>? = line.withContiguousStorageIfAvailable { buffer in
            var parser = DeclarationParser(buffer)
            return Result { () throws(LookupError) in try parser.object() }
        }
        if let result { return try result.get() }
        return try parse(Array(line))
    }

    private static let notAnObject = LookupError(.invalidDeclaration, "the line is not a JSON object")

    private mutating func object() throws(LookupError) -> Declaration {
        var fields: [String?] = [nil, nil, nil, nil, nil]
        skipSpace()
        try expect(UInt8(ascii: "{"))
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                skipSpace()
                let key = try string()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                if let slot = Self.keys.firstIndex(of: key) {
                    fields[slot] = try value(of: key)
                } else {
                    try skipValue()
                }
                skipSpace()
                if peek() == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "}"))
                break
            }
        }
        skipSpace()
        guard index == bytes.count else { throw Self.notAnObject }
        guard let id = fields[1] else { throw LookupError(.invalidDeclaration, "the line has no \"id\"") }
        guard let entryDate = fields[3] else { throw LookupError(.invalidDeclaration, "the line has no \"entryDate\"") }
        return Declaration(ref: fields[0], id: id, scheme: fields[2], entryDate: entryDate, role: fields[4])
    }

    /// The fields, in the order `object()` keeps them.
    private static let keys = ["ref", "id", "scheme", "entryDate", "role"]

    /// A known field's value: a string, or null for an optional one.
    private mutating func value(of key: String) throws(LookupError) -> String? {
        if peek() == UInt8(ascii: "\"") { return try string() }
        if key != "id" && key != "entryDate" && literal("null") { return nil }
        throw LookupError(.invalidDeclaration, "\"\(key)\" must be a string")
    }

    private mutating func skipValue() throws(LookupError) {
        guard let byte = peek() else { throw Self.notAnObject }
        if byte == UInt8(ascii: "\"") {
            _ = try string()
        } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
            try skipNested()
        } else if literal("null") || literal("true") || literal("false") {
            return
        } else {
            let start = index
            while let byte = peek(),
                byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || (0x30...0x39).contains(byte)
            {
                index += 1
            }
            if index == start { throw Self.notAnObject }
        }
    }

    /// Skips a nested object or array: brackets counted, strings skipped whole.
    private mutating func skipNested() throws(LookupError) {
        var depth = 0
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "\""):
                _ = try string()
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            default:
                break
            }
            index += 1
            if depth == 0 { return }
        }
        throw Self.notAnObject
    }

    /// A JSON string at the cursor, escapes resolved.
    private mutating func string() throws(LookupError) -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        while let byte = peek(), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 { index += 1 }
        if peek() == UInt8(ascii: "\"") {
            defer { index += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }
        var scalars = Array(bytes[start..<index])
        while let byte = peek() {
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try escape(into: &scalars)
            case ..<0x20:
                throw Self.notAnObject
            default:
                scalars.append(byte)
            }
        }
        throw Self.notAnObject
    }

    private mutating func escape(into output: inout [UInt8]) throws(LookupError) {
        guard let byte = peek() else { throw Self.notAnObject }
        index += 1
        if let plain = Self.simpleEscapes[byte] { return output.append(plain) }
        guard byte == UInt8(ascii: "u") else { throw Self.notAnObject }
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar) {
            guard literal("\\u") else { throw Self.notAnObject }
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw Self.notAnObject }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let value = Unicode.Scalar(scalar) else { throw Self.notAnObject }
        UTF8.encode(value) { output.append($0) }
    }

    /// The one-letter escapes and the byte each stands for.
    private static let simpleEscapes: [UInt8: UInt8] = [
        UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
        UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]

    private mutating func hex4() throws(LookupError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw Self.notAnObject }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { throw Self.notAnObject }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func expect(_ byte: UInt8) throws(LookupError) {
        guard peek() == byte else { throw Self.notAnObject }
        index += 1
    }

    /// Consumes `text` when the bytes at the cursor are it.
    private mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] { return false }
        index += count
        return true
    }

    private mutating func skipSpace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }
}
