#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file into one array, without an intermediate copy: the one
/// file reader for signature checks and the exchange's inbox.
package enum FileBytes {
    /// Is told how far a read has filled its buffer, part by part.
    protocol PartSink {
        /// The first `filled.count` bytes of the buffer are read.
        func take(_ filled: UnsafeRawBufferPointer)
        /// Called once, after the last part and before the buffer is handed
        /// back: a sink that works on the buffer from another thread ends here.
        func finish()
    }

    /// Bytes read at once when a ``PartSink`` follows the read.
    static let partSize = 4 << 20

    package static func read(_ path: String, limit: Int) throws(SignatureFailure) -> [UInt8] {
        try read(path, limit: limit, parts: nil)
    }

    static func read(_ path: String, limit: Int, parts: (any PartSink)?) throws(SignatureFailure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SignatureFailure(.unreadable, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw SignatureFailure(.unreadable, "\(path) is not a regular file")
        }
        let size = Int(info.st_size)
        guard size <= limit else {
            throw SignatureFailure(.documentRefused, "\(path) is \(size) bytes; the limit is \(limit)")
        }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var offset = 0
            while offset < size {
                let wanted = parts == nil ? size - offset : min(partSize, size - offset)
                let read = Glibc.read(descriptor, buffer.baseAddress! + offset, wanted)
                if read < 0 && errno == EINTR { continue }
                if read <= 0 { break }
                offset += read
                parts?.take(UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[..<offset])))
            }
            parts?.finish()
            failed = offset != size
            count = offset
        }
        if failed { throw SignatureFailure(.unreadable, "\(path) changed size while being read") }
        return bytes
    }
}
