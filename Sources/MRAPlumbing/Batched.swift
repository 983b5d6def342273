/// Collects items and hands them on in groups of `size` (and the rest at
/// ``flush()``), so a producer pays one lock and wake-up of a
/// ``BoundedChannel`` per group rather than per item.
///
/// Generic and used from other modules: its members are inlinable (and
/// public: Swift 6.3 neither inlines nor specializes `@inlinable package`
/// members in other modules), so each user gets it specialized for its item type.
public struct Batched<Item> {
    @usableFromInline let size: Int
    @usableFromInline let send: ([Item]) -> Void
    @usableFromInline var pending: [Item] = []

    @inlinable
    public init(size: Int, send: @escaping ([Item]) -> Void) {
        self.size = size
        self.send = send
        pending.reserveCapacity(size)
    }

    @inlinable
    public mutating func append(_ item: Item) {
        pending.append(item)
        if pending.count >= size { flush() }
    }

    /// Hands on what is collected, if anything.
    @inlinable
    public mutating func flush() {
        guard !pending.isEmpty else { return }
        send(pending)
        pending.removeAll(keepingCapacity: true)
    }
}
