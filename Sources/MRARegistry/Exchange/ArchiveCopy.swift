import Foundation
import MRAGateway
import MRAXML

/// The copy for the archive (or the quarantine) of a file being loaded,
/// written from the chunks its read takes (``ChunkSink``) to a hidden
/// temporary in its archive folder, so that filing it only renames the
/// flushed copy into place.
///
/// The copy is of the bytes that were read and verified, never of whatever
/// the inbox holds later. A copy that is not used is removed
/// (``discard()``); one a crash leaves behind is hidden (`.` name) and
/// overwritten by the next load of the same content. When the copy cannot
/// be made whole (the folder is not writable, the file was refused for its
/// size before any of it was read), filing moves the inbox file itself.
final class ArchiveCopy: ChunkSink, @unchecked Sendable {
    // @unchecked: used by one thread at a time (the read's, then the filing one's once the read has ended).

    /// Where the copy is written.
    let path: String
    private let staged: StagedFile?
    /// True once the copy is flushed and holds the whole file (``finish(expecting:)``).
    private(set) var isComplete = false

    init(path: String) {
        self.path = path
        staged = try? StagedFile(destination: path, temporary: path)
    }

    func take(_ chunk: UnsafeRawBufferPointer) {
        staged?.take(chunk)
    }

    /// Flushes the copy once the read has ended; it is complete when it holds `byteCount` bytes.
    func finish(expecting byteCount: Int) {
        guard let staged, staged.size == byteCount, (try? staged.close()) != nil else { return }
        isComplete = true
    }

    /// Removes the copy, unless it was renamed into place.
    func discard() {
        unlink(path)
    }
}
