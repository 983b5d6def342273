#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MRAPlumbing

/// Canonical bytes written into an ``OutputBytes`` of 64 KiB and handed to a
/// sink in chunks of up to that size, so a canonical form of any size is
/// never held whole; with the C14N escaping of text and attribute values.
struct CanonicalOutput: ~Copyable {
    private static let chunk = 1 << 16

    private var buffer = OutputBytes(capacity: Self.chunk)
    private let sink: (UnsafeRawBufferPointer) -> Void

    init(sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.sink = sink
    }

    /// Hands what is buffered to the sink.
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withBytes { sink(UnsafeRawBufferPointer($0)) }
        buffer.removeAll()
    }

    @inline(__always)
    mutating func byte(_ value: UInt8) {
        if buffer.count == Self.chunk { flush() }
        buffer.append(value)
    }

    @inline(__always)
    mutating func bytes(_ start: UnsafePointer<UInt8>, _ length: Int) {
        // Most pieces (a name, a short text) fit in what is left of the chunk.
        if length <= Self.chunk - buffer.count {
            buffer.append(start, count: length)
        } else {
            spill(start, length)
        }
    }

    @inline(__always)
    mutating func bytes(_ piece: UnsafeBufferPointer<UInt8>) {
        guard let start = piece.baseAddress else { return }
        bytes(start, piece.count)
    }

    /// Copies a piece that does not fit, flushing as the chunk fills.
    private mutating func spill(_ start: UnsafePointer<UInt8>, _ length: Int) {
        var start = start
        var length = length
        while length > 0 {
            if buffer.count == Self.chunk { flush() }
            let step = min(length, Self.chunk - buffer.count)
            buffer.append(start, count: step)
            start += step
            length -= step
        }
    }

    /// A NUL-terminated string, without its NUL.
    mutating func string(_ start: UnsafePointer<UInt8>) {
        bytes(start, cStringLength(start))
    }

    mutating func ascii(_ text: StaticString) {
        bytes(text.utf8Start, text.utf8CodeUnitCount)
    }

    /// Text content: `&`, `<`, `>` and CR escaped (C14N 1.0, section 2.3).
    mutating func text(_ start: UnsafePointer<UInt8>, _ length: Int) {
        var run = 0
        for index in 0..<length {
            let escaped: StaticString
            switch start[index] {
            case 0x26: escaped = "&amp;"
            case 0x3C: escaped = "&lt;"
            case 0x3E: escaped = "&gt;"
            case 0x0D: escaped = "&#xD;"
            default: continue
            }
            bytes(start + run, index - run)
            ascii(escaped)
            run = index + 1
        }
        bytes(start + run, length - run)
    }

    /// An attribute value as libxml2's SAX2 layer hands it over (`&` as
    /// `&#38;`): `&`, `<`, `"`, TAB, LF and CR escaped.
    mutating func attributeValue(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) {
        var run = start
        var cursor = start
        while cursor < end {
            let escaped: StaticString
            var width = 1
            switch cursor.pointee {
            case 0x26:
                escaped = "&amp;"
                if end - cursor >= 5, cursor[1] == 0x23, cursor[2] == 0x33, cursor[3] == 0x38, cursor[4] == 0x3B {
                    width = 5  // "&#38;"
                }
            case 0x3C: escaped = "&lt;"
            case 0x22: escaped = "&quot;"
            case 0x09: escaped = "&#x9;"
            case 0x0A: escaped = "&#xA;"
            case 0x0D: escaped = "&#xD;"
            default:
                cursor += 1
                continue
            }
            bytes(run, cursor - run)
            ascii(escaped)
            cursor += width
            run = cursor
        }
        bytes(run, end - run)
    }
}

/// The length of a NUL-terminated string (the C library's, which reads a
/// word at a time).
@inline(__always)
func cStringLength(_ start: UnsafePointer<UInt8>) -> Int {
    start.withMemoryRebound(to: CChar.self, capacity: 1) { strlen($0) }
}
