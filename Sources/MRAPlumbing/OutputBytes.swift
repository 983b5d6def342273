/// A growable byte buffer that owns its memory and frees it when it goes
/// away: the one byte writer of the package's hot paths (canonical JSON
/// lines, receipts, canonical XML, JSON bodies). Appends are a bounds check
/// and a copy.
///
/// Non-copyable, so no copy can outlive a grow and point at freed memory,
/// and nothing can free it twice.
public struct OutputBytes: ~Copyable {
    // Used from other modules' hot loops (one call per byte), so the appends
    // below are inlinable and what they touch is usable from inlinable code.
    // They are public, not package: Swift 6.3 does not inline `@inlinable
    // package` members into other modules (each append stayed a call, 7% of
    // `verify`'s CPU). MRAPlumbing is no product, so this is no library API.
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    @usableFromInline var written = 0

    /// How many bytes are written.
    @inlinable
    public var count: Int { written }

    /// An empty buffer with room for `capacity` bytes before it grows.
    package init(capacity: Int = 256) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Whether nothing is written.
    @inlinable
    public var isEmpty: Bool { written == 0 }

    /// A copy of the bytes written.
    package var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Calls `body` with the bytes written; the pointer is valid only inside it.
    @inlinable
    public func withBytes<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Calls `body` with the bytes written from `offset` on.
    package func withBytes<Result, Failure: Error>(
        from offset: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        precondition(offset >= 0 && offset <= count, "offset out of the written bytes")
        return try body(UnsafeBufferPointer(start: base + offset, count: count - offset))
    }

    /// Forgets what is written, keeping the memory.
    @inlinable
    public mutating func removeAll() { written = 0 }

    /// Room for `more` bytes after what is written.
    @inlinable
    public mutating func reserve(_ more: Int) {
        guard written + more > capacity else { return }
        grow(to: max(capacity * 2, written + more))
    }

    @usableFromInline
    mutating func grow(to grown: Int) {
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        larger.update(from: base, count: written)
        base.deallocate()
        base = larger
        capacity = grown
    }

    @inlinable
    public mutating func append(_ byte: UInt8) {
        reserve(1)
        base[written] = byte
        written += 1
    }

    @inlinable
    public mutating func append(_ start: UnsafePointer<UInt8>, count length: Int) {
        guard length > 0 else { return }
        reserve(length)
        (base + written).update(from: start, count: length)
        written += length
    }

    @inlinable
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress else { return }
        append(start, count: bytes.count)
    }

    @inlinable
    public mutating func append(_ string: StaticString) {
        append(string.utf8Start, count: string.utf8CodeUnitCount)
    }

    /// The string's UTF-8 bytes.
    @inlinable
    public mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { append($0) }
    }

    /// The bytes of an array.
    @inlinable
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// A number in decimal, without making a string of it.
    package mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(0x2D) }  // -
        var rest = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for any Int
        withUnsafeMutableBytes(of: &digits) { room in
            var start = room.count
            repeat {
                start -= 1
                room[start] = UInt8(truncatingIfNeeded: rest % 10) + 0x30
                rest /= 10
            } while rest > 0
            let digits = UnsafeRawBufferPointer(rebasing: room[start...])
            append(UnsafeBufferPointer(start: digits.bindMemory(to: UInt8.self).baseAddress, count: digits.count))
        }
    }
}

// A unique owner: sending it moves the memory with it, and nothing else points at it.
extension OutputBytes: @unchecked Sendable {}
