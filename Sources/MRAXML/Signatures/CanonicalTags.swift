/// The canonical start (`<prefix:name`) and end (`</prefix:name>`) tags of
/// the element names a parse has met, by the names' pointers: libxml2 hands
/// every element name and prefix over from its dictionary, so one name has
/// one pointer for the whole parse, and a tag is looked up by comparing two
/// pointers instead of measuring and copying the name in pieces.
///
/// A direct-mapped table: a name that falls on a taken slot replaces it
/// (and is written again when its turn comes back). Owns its memory and
/// frees it when it goes away.
struct CanonicalTags: ~Copyable {
    typealias Text = UnsafePointer<UInt8>

    private struct Slot {
        var prefix: Text?
        var localName: Text?
        /// Where the start tag begins in `bytes`; the end tag follows it.
        var offset = 0
        var startLength = 0
        var endLength = 0
    }

    private static let slotCount = 256
    private let slots: UnsafeMutablePointer<Slot>
    private var bytes: UnsafeMutablePointer<UInt8>
    private var capacity = 1 << 13
    private var used = 0

    init() {
        slots = .allocate(capacity: Self.slotCount)
        slots.initialize(repeating: Slot(), count: Self.slotCount)
        bytes = .allocate(capacity: capacity)
    }

    deinit {
        slots.deallocate()
        bytes.deallocate()
    }

    /// `<prefix:localName`, without the `>`.
    @inline(__always)
    mutating func start(prefix: Text?, localName: Text) -> UnsafeBufferPointer<UInt8> {
        let slot = self.slot(prefix: prefix, localName: localName)
        return UnsafeBufferPointer(start: bytes + slot.offset, count: slot.startLength)
    }

    /// `</prefix:localName>`.
    @inline(__always)
    mutating func end(prefix: Text?, localName: Text) -> UnsafeBufferPointer<UInt8> {
        let slot = self.slot(prefix: prefix, localName: localName)
        return UnsafeBufferPointer(start: bytes + slot.offset + slot.startLength, count: slot.endLength)
    }

    @inline(__always)
    private mutating func slot(prefix: Text?, localName: Text) -> Slot {
        let address = UInt(bitPattern: localName) ^ (UInt(bitPattern: prefix) >> 5)
        let index = Int(truncatingIfNeeded: (address >> 3) ^ (address >> 11)) & (Self.slotCount - 1)
        let slot = slots[index]
        if slot.localName == localName && slot.prefix == prefix { return slot }
        let written = write(prefix: prefix, localName: localName)
        slots[index] = written
        return written
    }

    /// Writes the two tags of a name not in the table.
    private mutating func write(prefix: Text?, localName: Text) -> Slot {
        let prefixLength = prefix.map(cStringLength) ?? 0
        let localLength = cStringLength(localName)
        let qualifiedLength = prefix == nil ? localLength : prefixLength + 1 + localLength
        let startLength = 1 + qualifiedLength
        let endLength = 3 + qualifiedLength
        reserve(startLength + endLength)
        let slot = Slot(
            prefix: prefix, localName: localName, offset: used, startLength: startLength, endLength: endLength)
        func append(_ byte: UInt8) {
            bytes[used] = byte
            used += 1
        }
        func appendName() {
            if let prefix {
                (bytes + used).update(from: prefix, count: prefixLength)
                used += prefixLength
                append(0x3A)  // :
            }
            (bytes + used).update(from: localName, count: localLength)
            used += localLength
        }
        append(0x3C)  // <
        appendName()
        append(0x3C)
        append(0x2F)  // </
        appendName()
        append(0x3E)  // >
        return slot
    }

    /// Room for `more` bytes. Names replaced in the table leave their bytes
    /// behind, so the store is started afresh (with the table) when full.
    private mutating func reserve(_ more: Int) {
        guard used + more > capacity else { return }
        if more <= capacity / 2 {
            used = 0
            slots.update(repeating: Slot(), count: Self.slotCount)
            return
        }
        bytes.deallocate()
        capacity = max(capacity * 2, more)
        bytes = .allocate(capacity: capacity)
        used = 0
        slots.update(repeating: Slot(), count: Self.slotCount)
    }
}
