/// Collects items and hands them on in groups of `size` (and the rest at
/// ``flush()``), so a producer pays one lock and wake-up of a
/// ``BoundedChannel`` per group rather than per item.
///
/// Generic and used from other modules: its members are inlinable, so each
/// user gets it specialized for its item type.
package struct Batched<Item> {
    @usableFromInline let size: Int
    @usableFromInline let send: ([Item]) -> Void
    @usableFromInline var pending: [Item] = []

    @inlinable
    package init(size: Int, send: @escaping ([Item]) -> Void) {
        self.size = size
        self.send = send
        pending.reserveCapacity(size)
    }

    @inlinable
    package mutating func append(_ item: Item) {
        pending.append(item)
        if pending.count >= size { flush() }
    }

    /// Hands on what is collected, if anything.
    @inlinable
    package mutating func flush() {
        guard !pending.isEmpty else { return }
        send(pending)
        pending.removeAll(keepingCapacity: true)
    }
}
