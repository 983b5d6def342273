package import Foundation

/// A first-in first-out queue between two threads that blocks the sender
/// when full and the receiver when empty.
///
/// Generic and used from other modules: its members are inlinable, so each
/// user gets it specialized for its element type.
package final class BoundedChannel<Element: Sendable>: @unchecked Sendable {
    // @unchecked: every access to `buffer` and `head` happens with `condition` locked.
    @usableFromInline let condition = NSCondition()
    /// Elements from `head` on are waiting; those before it were received
    /// and are dropped in one move once there are `capacity` of them.
    @usableFromInline var buffer: [Element?] = []
    @usableFromInline var head = 0
    @usableFromInline let capacity: Int

    @inlinable
    package init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Appends `element`, waiting while the channel is full.
    @inlinable
    package func send(_ element: Element) {
        condition.lock()
        while buffer.count - head >= capacity { condition.wait() }
        buffer.append(element)
        condition.broadcast()
        condition.unlock()
    }

    /// Takes the oldest element, waiting while the channel is empty.
    @inlinable
    package func receive() -> Element {
        condition.lock()
        while head == buffer.count { condition.wait() }
        // Every slot from `head` on holds an element: `send` appends only non-nil ones.
        guard let element = buffer[head].take() else { preconditionFailure("a received slot is empty") }
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
