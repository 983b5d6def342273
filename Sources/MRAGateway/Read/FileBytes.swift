#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
package import MRACrypto
package import MRAXML

/// Reading files outside a parse: whole (a small file, such as a document
/// a libxml2 tree is built from), or in chunks into a ``ChunkSink`` (a
/// digest, a copy) in flat memory.
package enum FileBytes {
    /// Size of a file in bytes, 0 when it cannot be read.
    package static func size(_ path: String) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return Int(info.st_size)
    }

    /// Reads a regular file of at most `limit` bytes whole, into one array.
    package static func read(_ path: String, limit: Int) throws(SignatureFailure) -> [UInt8] {
        let descriptor = try open(path)
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw SignatureFailure(.unreadable, "\(path) is not a regular file")
        }
        let size = Int(info.st_size)
        guard size <= limit else {
            throw SignatureFailure(.documentRefused, "\(path) is \(size) bytes; the limit is \(limit)")
        }
        var offset = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while offset < size {
                let read = Glibc.read(descriptor, buffer.baseAddress! + offset, size - offset)
                if read < 0 && errno == EINTR { continue }
                if read <= 0 { break }
                offset += read
            }
            count = offset
        }
        if offset != size { throw SignatureFailure(.unreadable, "\(path) changed size while being read") }
        return bytes
    }

    /// The digest of a file read in chunks.
    package static func streamingDigest(
        _ path: String, algorithm: DigestAlgorithm
    ) throws(SignatureFailure) -> [UInt8] {
        let digest = try FileDigest(algorithm)
        try stream(path, into: digest)
        return digest.value
    }

    /// Reads a file 1 MiB at a time into `sink`, in flat memory.
    package static func stream(_ path: String, into sink: any ChunkSink) throws(SignatureFailure) {
        let descriptor = try open(path)
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count < 0 { throw SignatureFailure(.unreadable, "cannot read \(path)") }
            if count == 0 { return }
            sink.take(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
    }

    private static func open(_ path: String) throws(SignatureFailure) -> Int32 {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SignatureFailure(.unreadable, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        return descriptor
    }
}
