import Foundation

/// Writes the raw bytes of a file being loaded to a hidden temporary in its
/// archive folder while the load runs, so that filing it only renames the
/// flushed copy into place (in the archive, or the quarantine).
///
/// The copy is of the bytes that were read and verified, never of whatever
/// the inbox holds later. A copy that is not used is removed
/// (``discard()``); one a crash leaves behind is hidden (`.` name) and
/// overwritten by the next load of the same content.
final class ArchiveCopy: @unchecked Sendable {
    // @unchecked: `finished` and `written` are set once by the writing thread and read
    // only after it has signalled, all under `condition`'s lock.
    /// Where the copy is written.
    let path: String
    private let condition = NSCondition()
    private var finished = false
    private var written = false

    init(bytes: [UInt8], path: String) {
        self.path = path
        let thread = Thread { [self] in
            var complete = true
            do throws(ExchangeError) {
                try DurableFiles.writeTemporary(bytes, to: path)
            } catch {
                complete = false
            }
            condition.lock()
            written = complete
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    /// Waits for the copy; true when it is complete and flushed. When false,
    /// the caller writes the bytes itself.
    func wait() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !finished { condition.wait() }
        return written
    }

    /// Waits for the copy and removes it, unless it was renamed into place.
    func discard() {
        _ = wait()
        unlink(path)
    }
}
