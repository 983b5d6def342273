import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An inbox file read and hashed ahead of its turn, on a thread of its own:
/// the first file while the job loads its configuration and opens the
/// registry, each next one while the file before it loads and commits.
///
/// The bytes are used only if the file is still the one that was read: the
/// same device, inode, size, modification and change times before the read,
/// after it, and when its turn comes. A file replaced or rewritten in
/// between is read again then, as if there had been no prefetch.
///
/// `@unchecked Sendable`: `outcome` is written once by the reading thread
/// before it signals `done`, and read only after waiting on `done`.
public final class InboxPrefetch: @unchecked Sendable {
    /// Files larger than this are not read ahead: two of them would be in memory at once.
    public static let maxBytes = 256 << 20

    public let path: String
    fileprivate let done = DispatchSemaphore(value: 0)
    private var outcome: (bytes: [UInt8], digest: [UInt8], identity: FileIdentity)?

    /// Starts reading the file at `path`.
    public init(path: String) {
        self.path = path
        Thread.detachNewThread { [self] in
            defer { done.signal() }
            guard let before = FileIdentity(path), let read = try? DurableFiles.readDigesting(path),
                FileIdentity(path) == before
            else { return }
            outcome = (read.bytes, read.digest, before)
        }
    }

    /// The first file of the first inbox folder that has one, in the order
    /// the job takes them (folders, then files, in byte order); nil when the
    /// inbox is empty or that file is too large to read ahead.
    public static func first(in folders: ExchangeFolders) -> InboxPrefetch? {
        guard let programs = try? DurableFiles.folders(in: folders.root + "/inbox") else { return nil }
        for program in programs {
            guard let name = (try? DurableFiles.files(in: folders.inbox(program)))?.first else { continue }
            return ahead(folders.inbox(program, file: name))
        }
        return nil
    }

    /// A prefetch of `path`, unless the file is larger than ``maxBytes``.
    static func ahead(_ path: String) -> InboxPrefetch? {
        guard let identity = FileIdentity(path), identity.size <= maxBytes else { return nil }
        return InboxPrefetch(path: path)
    }

    /// The bytes and SHA-256 read ahead, when this prefetch is of `path`, the
    /// read succeeded and the file has not changed since; nil otherwise (read
    /// the file then). Waits for the read to finish.
    func take(for path: String) -> (bytes: [UInt8], digest: [UInt8])? {
        guard path == self.path else { return nil }
        waitUntilRead()
        defer { outcome = nil }
        guard let outcome, FileIdentity(path) == outcome.identity else { return nil }
        return (outcome.bytes, outcome.digest)
    }
}

extension InboxPrefetch {
    /// Waits for the read to finish (or fail).
    func waitUntilRead() {
        done.wait()
        done.signal()
    }
}

/// What tells one version of a file from another without reading it.
struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int
    var modified: timespec
    var changed: timespec

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int(info.st_size)
        modified = info.st_mtim
        changed = info.st_ctim
    }

    static func == (a: FileIdentity, b: FileIdentity) -> Bool {
        a.device == b.device && a.inode == b.inode && a.size == b.size
            && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
            && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
    }
}
