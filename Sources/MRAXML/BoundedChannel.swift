import Foundation

/// A first-in first-out queue between two threads that blocks the sender
/// when full and the receiver when empty.
public final class BoundedChannel<Element: Sendable>: @unchecked Sendable {
    // @unchecked: every access to `buffer` and `head` happens with `condition` locked.
    private let condition = NSCondition()
    /// Elements from `head` on are waiting; those before it were received
    /// and are dropped in one move once there are `capacity` of them.
    private var buffer: [Element?] = []
    private var head = 0
    private let capacity: Int

    public init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Appends `element`, waiting while the channel is full.
    public func send(_ element: Element) {
        condition.lock()
        while buffer.count - head >= capacity { condition.wait() }
        buffer.append(element)
        condition.broadcast()
        condition.unlock()
    }

    /// Takes the oldest element, waiting while the channel is empty.
    public func receive() -> Element {
        condition.lock()
        while head == buffer.count { condition.wait() }
        let element = buffer[head].take()!
        head += 1
        if head >= capacity {
            buffer.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        condition.unlock()
        return element
    }
}

/// Collects items and hands them on in groups of `size` (and the rest at
/// ``flush()``), so a producer pays one lock and wake-up of a
/// ``BoundedChannel`` per group rather than per item.
public struct Batched<Item> {
    private let size: Int
    private let send: ([Item]) -> Void
    private var pending: [Item] = []

    public init(size: Int, send: @escaping ([Item]) -> Void) {
        self.size = size
        self.send = send
        pending.reserveCapacity(size)
    }

    public mutating func append(_ item: Item) {
        pending.append(item)
        if pending.count >= size { flush() }
    }

    /// Hands on what is collected, if anything.
    public mutating func flush() {
        guard !pending.isEmpty else { return }
        send(pending)
        pending.removeAll(keepingCapacity: true)
    }
}
