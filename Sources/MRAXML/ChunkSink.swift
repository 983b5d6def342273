/// Sees the bytes of a file in order, chunk by chunk, as a streaming read
/// takes them: for what must come from the same bytes as the parse (the
/// file's digest, a copy of it) without holding the file.
///
/// A read hands a sink every byte of the file: when the parse stops early
/// (a malformed or over-limit document), the rest of the file is still read
/// to the sink, so a digest or a copy is of the whole file. The one exception
/// is a file refused for its size before any of it is read.
///
/// A sink is used by one thread at a time: a background read hands it to its
/// reading thread and back when the read has ended.
public protocol ChunkSink: AnyObject, Sendable {
    /// The next bytes of the file; valid only during the call.
    func take(_ chunk: UnsafeRawBufferPointer)
}
