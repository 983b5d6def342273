#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on an exchange root, so two jobs never work on the
/// same inbox at once. The kernel releases it when the process ends, even
/// by SIGKILL, so a crash never leaves a stale lock.
package final class ExchangeLock {
    private let descriptor: Int32

    /// Takes the lock, or throws ``ExchangeError/Code/busy`` when another job holds it.
    package init(folders: ExchangeFolders) throws(ExchangeError) {
        try DurableFiles.makeFolder(folders.root)
        descriptor = open(folders.lock, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ExchangeError(.filesystem, "cannot open \(folders.lock): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw ExchangeError(.busy, "another exchange job is working in \(folders.root); try again when it ends")
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

// Owns one file descriptor and nothing mutable.
extension ExchangeLock: @unchecked Sendable {}
