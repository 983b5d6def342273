/// The first line of every record of a file, in document order, in about
/// one byte a record (each as its distance from the one before, seven bits
/// a byte): what places a problem in its record for the receipt, kept for
/// millions of records in a few megabytes.
struct RecordStarts {
    private var bytes: [UInt8] = []
    private var last = 0
    private(set) var count = 0

    /// Appends the next record's first line (never before the previous one's).
    mutating func append(_ line: Int) {
        var delta = UInt(max(0, line - last))
        last = max(last, line)
        count += 1
        while delta >= 0x80 {
            bytes.append(UInt8(delta & 0x7F) | 0x80)
            delta >>= 7
        }
        bytes.append(UInt8(delta))
    }

    /// The first lines in order.
    func forEach(_ body: (Int) -> Void) {
        var line = 0
        var delta: UInt = 0
        var shift: UInt = 0
        for byte in bytes {
            delta |= UInt(byte & 0x7F) << shift
            if byte & 0x80 != 0 {
                shift += 7
                continue
            }
            line += Int(delta)
            body(line)
            delta = 0
            shift = 0
        }
    }
}
