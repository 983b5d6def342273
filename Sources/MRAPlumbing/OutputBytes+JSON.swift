extension OutputBytes {
    /// Appends `value` as a JSON string literal: quotes, backslashes and
    /// control characters escaped (`\n`, `\r`, `\t`, else `\u00XX`), every
    /// other byte copied as it is, clean runs at once.
    @inlinable
    public mutating func appendJSONString(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            append(0x22)
            var run = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                append(UnsafeBufferPointer(rebasing: utf8[run..<index]))
                switch byte {
                case 0x22: append("\\\"")
                case 0x5C: append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                default:
                    let hex: StaticString = "0123456789abcdef"
                    append("\\u00")
                    append(hex.utf8Start[Int(byte >> 4)])
                    append(hex.utf8Start[Int(byte & 0x0F)])
                }
                run = index + 1
            }
            append(UnsafeBufferPointer(rebasing: utf8[run...]))
            append(0x22)
        }
    }
}
