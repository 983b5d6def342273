import MRACrypto
import MRAGateway
import MRAXML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File operations that survive a crash at any point: a file is written
/// beside its final name, flushed to disk, renamed into place, and the
/// folder flushed, so a reader sees the old state or the whole new file.
package enum DurableFiles {
    /// Writes `bytes` to `path` durably (replacing it).
    package static func write(_ bytes: [UInt8], to path: String) throws(ExchangeError) {
        let temporary = temporaryPath(for: path)
        try writeTemporary(bytes, to: temporary)
        CrashPoints.reach()
        try promote(temporary, to: path)
    }

    /// The name a file is written under before it is renamed into place.
    package static func temporaryPath(for path: String) -> String {
        let (folder, name) = split(path)
        return folder + "/." + name + ".partial"
    }

    /// Writes and flushes `bytes` to `path`.
    package static func writeTemporary(_ bytes: [UInt8], to path: String) throws(ExchangeError) {
        do {
            let file = try StagedFile(destination: path, temporary: path)
            bytes.withUnsafeBytes { file.take($0) }
            try file.close()
        } catch {
            throw ExchangeError(.filesystem, error.description)
        }
    }

    /// Renames a flushed file into place and flushes its folder.
    package static func promote(_ temporary: String, to path: String) throws(ExchangeError) {
        guard rename(temporary, path) == 0 else { throw failure("cannot rename \(temporary) to", path) }
        try syncFolder(of: path)
    }

    /// Removes `path` and flushes its folder; a missing file is not an error.
    package static func remove(_ path: String) throws(ExchangeError) {
        if unlink(path) != 0 && errno != ENOENT { throw failure("cannot remove", path) }
        try syncFolder(of: path)
    }

    /// Creates a folder and its parents.
    package static func makeFolder(_ path: String) throws(ExchangeError) {
        // One call when the folder or its parent exists (the usual case); the parents first otherwise.
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT, let slash = path.lastIndex(of: "/"), slash != path.startIndex else {
            throw failure("cannot create folder", path)
        }
        try makeFolder(String(path[..<slash]))
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw failure("cannot create folder", path) }
    }

    /// Whether a regular file exists at `path`.
    package static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Reads a whole file.
    package static func read(_ path: String) throws(ExchangeError) -> [UInt8] {
        do {
            return try FileBytes.read(path, limit: Int.max)
        } catch {
            throw ExchangeError(.filesystem, error.message)
        }
    }

    /// A file's SHA-256 (hex), read in chunks.
    package static func digest(_ path: String) throws(ExchangeError) -> String {
        Hex.encode(try survey(path).sha256)
    }

    /// A file's SHA-256 and size, from one reading in chunks (flat memory).
    package static func survey(_ path: String) throws(ExchangeError) -> (sha256: [UInt8], size: Int) {
        do {
            let digest = try FileDigest()
            try FileBytes.stream(path, into: digest)
            return (digest.value, digest.byteCount)
        } catch {
            throw ExchangeError(.filesystem, error.message)
        }
    }

    /// Copies `source` to `path` durably, in chunks, when its SHA-256 is
    /// `digest` (hex): the copy is of the bytes checked. False, and nothing
    /// written, when the digest differs.
    package static func copy(_ source: String, to path: String, ifDigest digest: String) throws(ExchangeError) -> Bool {
        let temporary = temporaryPath(for: path)
        do {
            let copy = try StagedFile(destination: path, temporary: temporary)
            let read = try FileDigest()
            try FileBytes.stream(source, into: ChunkTee([read, copy]))
            guard Hex.encode(read.value) == digest else { return false }
            try copy.close()
        } catch let error as SignatureFailure {
            throw ExchangeError(.filesystem, error.message)
        } catch {
            throw ExchangeError(.filesystem, "\(error)")
        }
        CrashPoints.reach()
        try promote(temporary, to: path)
        return true
    }

    /// Size of a file in bytes, 0 when it cannot be read.
    package static func size(_ path: String) -> Int {
        FileBytes.size(path)
    }

    /// Modification time in Unix seconds.
    package static func modificationTime(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_mtim.tv_sec)
    }

    /// Names of the regular, visible files in a folder, in byte order.
    package static func files(in folder: String) throws(ExchangeError) -> [String] {
        try entries(in: folder, type: S_IFREG)
    }

    /// Names of the visible subfolders of a folder, in byte order.
    package static func folders(in folder: String) throws(ExchangeError) -> [String] {
        try entries(in: folder, type: S_IFDIR)
    }

    private static func entries(in folder: String, type: mode_t) throws(ExchangeError) -> [String] {
        guard let directory = opendir(folder) else { throw failure("cannot list", folder) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            var info = stat()
            if stat(folder + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == type { names.append(name) }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private static func syncFolder(of path: String) throws(ExchangeError) {
        let (folder, _) = split(path)
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open folder", folder) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("cannot flush folder", folder) }
    }

    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        return (
            String(path[..<slash]).isEmpty ? "/" : String(path[..<slash]), String(path[path.index(after: slash)...])
        )
    }

    private static func failure(_ what: String, _ path: String) -> ExchangeError {
        ExchangeError(.filesystem, "\(what) \(path): \(String(cString: strerror(errno)))")
    }
}
