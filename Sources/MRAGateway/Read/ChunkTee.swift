package import MRAXML

/// Hands every chunk to several sinks in turn: one streaming read that
/// both hashes a file and copies it.
package final class ChunkTee: ChunkSink, @unchecked Sendable {
    // @unchecked: its sinks are used by one thread at a time, as every ChunkSink is.
    private let sinks: [any ChunkSink]

    package init(_ sinks: [any ChunkSink]) {
        self.sinks = sinks
    }

    package func take(_ chunk: UnsafeRawBufferPointer) {
        for sink in sinks { sink.take(chunk) }
    }
}
