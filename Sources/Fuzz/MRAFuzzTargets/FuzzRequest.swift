/// An HTTP request read from a fuzz input written as HTTP/1.1 text: a
/// request line `METHOD TARGET [VERSION]`, header lines `Name: value` up to
/// an empty line, then the body. Lines end with `\n` or `\r\n`.
///
/// Only what the HTTP/1 parser in front of the server lets through is kept:
/// the method and header names are checked where the request is built, a
/// target is visible ASCII, a header value has no control character but
/// tab. An input that is no request at all is nil.
package struct FuzzRequest: Equatable {
    package var method: String
    package var target: String
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    package init?(_ input: [UInt8]) {
        var lines: [ArraySlice<UInt8>] = []
        var start = input.startIndex
        var bodyStart = input.endIndex
        while let newline = input[start...].firstIndex(of: UInt8(ascii: "\n")) {
            var line = input[start..<newline]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            start = newline + 1
            if line.isEmpty && !lines.isEmpty {
                bodyStart = start
                break
            }
            lines.append(line)
        }
        if bodyStart == input.endIndex && start < input.endIndex { lines.append(input[start...]) }
        guard let requestLine = lines.first else { return nil }
        let words = requestLine.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true)
        guard words.count >= 2, words[1].allSatisfy({ (0x21...0x7E).contains($0) }) else { return nil }
        method = String(decoding: words[0], as: UTF8.self)
        target = String(decoding: words[1], as: UTF8.self)
        headers = lines.dropFirst().compactMap(Self.header)
        body = Array(input[bodyStart...])
    }

    /// `Name: value`, its value trimmed of spaces and tabs; nil when the line is no header.
    private static func header(_ line: ArraySlice<UInt8>) -> (name: String, value: String)? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        var value = line[(colon + 1)...].drop(while: blank)
        while let last = value.last, blank(last) { value = value.dropLast() }
        guard value.allSatisfy({ $0 == UInt8(ascii: "\t") || ($0 >= 0x20 && $0 != 0x7F) }) else { return nil }
        return (String(decoding: line[..<colon], as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.method == rhs.method && lhs.target == rhs.target && lhs.body == rhs.body
            && lhs.headers.elementsEqual(rhs.headers) { $0.name == $1.name && $0.value == $1.value }
    }
}
