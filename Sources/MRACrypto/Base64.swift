/// Base64 (RFC 4648 §4, standard alphabet with `=` padding) as XML-DSig uses it.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The value of each ASCII byte in the alphabet, or 0xFF for "not in the alphabet".
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, character) in alphabet.enumerated() {
            table[Int(character)] = UInt8(index)
        }
        return table
    }()

    /// Encodes `bytes`. With `lineLength`, inserts `\n` every `lineLength`
    /// characters (76 is customary in XML-DSig, 64 in PEM); without, one line.
    public static func encode(_ bytes: [UInt8], lineLength: Int? = nil) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let b0 = bytes[index]
            let b1 = remaining > 1 ? bytes[index + 1] : 0
            let b2 = remaining > 2 ? bytes[index + 2] : 0
            output.append(alphabet[Int(b0 >> 2)])
            output.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            output.append(remaining > 1 ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            output.append(remaining > 2 ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        if let lineLength, lineLength > 0, output.count > lineLength {
            var wrapped: [UInt8] = []
            for (offset, character) in output.enumerated() {
                if offset > 0 && offset % lineLength == 0 { wrapped.append(UInt8(ascii: "\n")) }
                wrapped.append(character)
            }
            output = wrapped
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes base64 text, ignoring XML whitespace (space, tab, CR, LF) anywhere.
    ///
    /// Throws ``CryptoError/Code/invalidBase64`` for any other character outside
    /// the alphabet, for `=` anywhere but the end, and for a length (without
    /// whitespace) that is not a multiple of four.
    public static func decode(_ text: String) throws(CryptoError) -> [UInt8] {
        var symbols: [UInt8] = []
        symbols.reserveCapacity(text.utf8.count)
        var padding = 0
        for character in text.utf8 {
            switch character {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                continue
            case UInt8(ascii: "="):
                padding += 1
                guard padding <= 2 else { throw invalid("too much '=' padding") }
            default:
                let value = values[Int(character)]
                guard value != 0xFF else { throw invalid("invalid character \(describe(character))") }
                guard padding == 0 else { throw invalid("data after '=' padding") }
                symbols.append(value)
            }
        }
        guard (symbols.count + padding) % 4 == 0 else {
            throw invalid("length is not a multiple of 4")
        }
        guard padding == 0 || symbols.count % 4 == 4 - padding else {
            throw invalid("wrong amount of '=' padding")
        }
        var output: [UInt8] = []
        output.reserveCapacity(symbols.count * 3 / 4)
        var index = 0
        while index < symbols.count {
            let group = symbols[index..<min(index + 4, symbols.count)]
            let s = Array(group) + [UInt8](repeating: 0, count: 4 - group.count)
            output.append(s[0] << 2 | s[1] >> 4)
            if group.count > 2 { output.append(s[1] << 4 | s[2] >> 2) }
            if group.count > 3 { output.append(s[2] << 6 | s[3]) }
            index += 4
        }
        return output
    }

    private static func invalid(_ detail: String) -> CryptoError {
        CryptoError(code: .invalidBase64, message: "invalid base64: \(detail)")
    }

    private static func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "0x" + Hex.encode([byte])
    }
}
