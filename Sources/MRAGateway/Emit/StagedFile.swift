#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MRAXML

/// A file written beside its destination under a hidden temporary name and
/// renamed into place only once complete (``commit()``): a reader of the
/// destination sees the old file or the whole new one, never a part, and a
/// file that is not committed is removed. Owns its descriptor.
///
/// As a ``ChunkSink`` it copies what a streaming read takes; the first write
/// error is kept (``check()``) and later chunks are dropped.
package final class StagedFile: ChunkSink, @unchecked Sendable {
    // @unchecked: used by one thread at a time (a background read hands it back when the read has ended).

    /// Why the file could not be written.
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    package let destination: String
    /// Where the bytes go until ``commit()``.
    package let temporary: String
    private var descriptor: Int32
    private var failure: Failure?
    /// Bytes written so far.
    package private(set) var size = 0

    /// `temporary` defaults to a hidden name beside `destination`, unique to this process.
    package init(destination: String, temporary: String? = nil) throws(Failure) {
        self.destination = destination
        let slash = destination.lastIndex(of: "/")
        let folder = slash.map { String(destination[...$0]) } ?? ""
        let name = slash.map { String(destination[destination.index(after: $0)...]) } ?? destination
        let temporary = temporary ?? folder + "." + name + ".partial-\(getpid())"
        self.temporary = temporary
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Failure(description: "cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        if descriptor >= 0 {
            Glibc.close(descriptor)
            unlink(temporary)
        }
    }

    package func take(_ chunk: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        do throws(Failure) {
            try write(chunk, at: size)
            size += chunk.count
        } catch {
            failure = error
        }
    }

    /// Throws the first error of a copy made through ``take(_:)``.
    package func check() throws(Failure) {
        if let failure { throw failure }
    }

    /// Replaces what was written from `offset` on with `bytes`.
    package func replace(from offset: Int, with bytes: [UInt8]) throws(Failure) {
        let failure: Failure? = bytes.withUnsafeBytes { raw in
            do throws(Failure) {
                try write(raw, at: offset)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
        guard ftruncate(descriptor, off_t(offset + bytes.count)) == 0 else { throw failed("cannot truncate") }
        size = offset + bytes.count
    }

    private func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(Failure) {
        var done = 0
        while done < bytes.count {
            let count = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw failed("cannot write") }
            done += count
        }
    }

    /// The `count` bytes at `offset` of what was written.
    package func read(at offset: Int, count: Int) throws(Failure) -> [UInt8] {
        let reader = open(temporary, O_RDONLY | O_CLOEXEC)
        guard reader >= 0 else { throw failed("cannot read back") }
        defer { Glibc.close(reader) }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            while initialized < count {
                let read = pread(
                    reader, buffer.baseAddress! + initialized, count - initialized, off_t(offset + initialized))
                if read < 0 && errno == EINTR { continue }
                if read <= 0 {
                    failed = true
                    break
                }
                initialized += read
            }
        }
        if failed { throw self.failed("cannot read back") }
        return bytes
    }

    /// Flushes what was written to disk and closes it: it stays at
    /// ``temporary`` for its owner to rename (it is no longer removed).
    package func close() throws(Failure) {
        try check()
        guard fsync(descriptor) == 0 else { throw failed("cannot flush") }
        Glibc.close(descriptor)
        descriptor = -1
    }

    /// Flushes the file to disk and renames it to ``destination``.
    package func commit() throws(Failure) {
        try close()
        guard rename(temporary, destination) == 0 else {
            let failure = failed("cannot rename to \(destination)")
            unlink(temporary)
            throw failure
        }
    }

    private func failed(_ what: String) -> Failure {
        Failure(description: "\(what) \(temporary): \(String(cString: strerror(errno)))")
    }
}
