import Foundation

/// Writes the raw bytes of a file about to be loaded to a hidden temporary in
/// its archive folder, so that filing it only renames the flushed copy into
/// place (in the archive, or the quarantine).
///
/// The copy is of the bytes that were read and verified, never of whatever
/// the inbox holds later. A copy that is not used is removed
/// (``discard()``); one a crash leaves behind is hidden (`.` name) and
/// overwritten by the next load of the same content.
struct ArchiveCopy: Sendable {
    /// Where the copy is written.
    let path: String
    /// True when the copy is complete and flushed. When false, the caller writes the bytes itself.
    let isComplete: Bool

    init(bytes: [UInt8], path: String) {
        self.path = path
        do throws(ExchangeError) {
            try DurableFiles.writeTemporary(bytes, to: path)
            isComplete = true
        } catch {
            isComplete = false
        }
    }

    /// Removes the copy, unless it was renamed into place.
    func discard() {
        unlink(path)
    }
}
