import Foundation
import MRAPlumbing

/// Writes the raw bytes of a file being loaded to a hidden temporary in its
/// archive folder while the load runs, so that filing it only renames the
/// flushed copy into place (in the archive, or the quarantine).
///
/// The copy is of the bytes that were read and verified, never of whatever
/// the inbox holds later. A copy that is not used is removed
/// (``discard()``); one a crash leaves behind is hidden (`.` name) and
/// overwritten by the next load of the same content.
final class ArchiveCopy: Sendable {
    /// Where the copy is written.
    let path: String
    /// Writes the copy; true when it is complete and flushed.
    private let writer: WorkerThread<Bool>

    init(bytes: [UInt8], path: String) {
        self.path = path
        writer = WorkerThread {
            do throws(ExchangeError) {
                try DurableFiles.writeTemporary(bytes, to: path)
                return true
            } catch {
                return false
            }
        }
    }

    /// Waits for the copy; true when it is complete and flushed. When false,
    /// the caller writes the bytes itself.
    func wait() -> Bool { writer.join() }

    /// Waits for the copy and removes it, unless it was renamed into place.
    func discard() {
        _ = wait()
        unlink(path)
    }
}
