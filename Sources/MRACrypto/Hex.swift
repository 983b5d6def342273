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

    /// The bytes `text` spells in hex digits (either case, two a byte); nil when it is not that.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(of: digits[index]), let low = value(of: digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
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
