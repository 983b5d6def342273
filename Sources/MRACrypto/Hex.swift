/// Lower-case hexadecimal, as used for fingerprints and serial numbers.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Bytes as lowercase hex digits.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Normalises a serial number written in hex: drops `:` separators, spaces and
    /// leading zeros, lower-cases it. Returns nil if it has a non-hex character.
    static func normalizedSerial(_ text: String) -> String? {
        var cleaned = ""
        for character in text.lowercased() where character != ":" && character != " " {
            guard character.isHexDigit else { return nil }
            cleaned.append(character)
        }
        let trimmed = cleaned.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : String(trimmed)
    }
}
