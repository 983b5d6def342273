/// Collects items and hands them on in groups of `size` (and the rest at
/// ``flush()``), so a producer pays one lock and wake-up of a
/// ``BoundedChannel`` per group rather than per item.
package struct Batched<Item> {
    private let size: Int
    private let send: ([Item]) -> Void
    private var pending: [Item] = []

    package init(size: Int, send: @escaping ([Item]) -> Void) {
        self.size = size
        self.send = send
        pending.reserveCapacity(size)
    }

    package mutating func append(_ item: Item) {
        pending.append(item)
        if pending.count >= size { flush() }
    }

    /// Hands on what is collected, if anything.
    package mutating func flush() {
        guard !pending.isEmpty else { return }
        send(pending)
        pending.removeAll(keepingCapacity: true)
    }
}
