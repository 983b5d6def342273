import MRAXML

/// The items of a list value held in one text (`separator="…"` in a mapping):
/// split on every occurrence of the separator, each item trimmed of XML
/// whitespace, empty items dropped.
///
/// Works on UTF-8 bytes. A valid separator never starts inside another
/// character's encoding, so a byte match always falls on a character
/// boundary; splits are by Unicode scalars, as XML counts characters (a
/// combining mark after a separator does not hide it).
enum ListItems {
    static func split(_ text: String, separator: String) -> [String] {
        var text = text
        var separator = separator
        return text.withUTF8 { bytes in
            separator.withUTF8 { separator in split(bytes, separator: separator) }
        }
    }

    private static func split(_ bytes: UnsafeBufferPointer<UInt8>, separator: UnsafeBufferPointer<UInt8>) -> [String] {
        var items: [String] = []
        guard let first = separator.first else {
            appendTrimmed(bytes[...], to: &items)
            return items
        }
        var itemStart = 0
        var position = 0
        while position <= bytes.count - separator.count {
            if bytes[position] == first && matches(bytes, at: position, separator) {
                appendTrimmed(bytes[itemStart..<position], to: &items)
                position += separator.count
                itemStart = position
            } else {
                position += 1
            }
        }
        appendTrimmed(bytes[itemStart...], to: &items)
        return items
    }

    private static func matches(
        _ bytes: UnsafeBufferPointer<UInt8>, at position: Int, _ separator: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        for offset in 1..<separator.count where bytes[position + offset] != separator[offset] { return false }
        return true
    }

    private static func appendTrimmed(_ item: Slice<UnsafeBufferPointer<UInt8>>, to items: inout [String]) {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var start = item.startIndex
        var end = item.endIndex
        while start < end && isSpace(item[start]) { start += 1 }
        while end > start && isSpace(item[end - 1]) { end -= 1 }
        guard start < end else { return }
        items.append(String(decoding: UnsafeBufferPointer(rebasing: item[start..<end]), as: UTF8.self))
    }
}
