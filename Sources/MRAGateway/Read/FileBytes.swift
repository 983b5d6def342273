#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
package import MRAXML

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

    /// Size of a file in bytes, 0 when it cannot be read.
    package static func size(_ path: String) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return Int(info.st_size)
    }

    package static func read(_ path: String, limit: Int) throws(SignatureFailure) -> [UInt8] {
        try read(path, limit: limit, parts: nil)
    }

    /// Reads an XML file whole, checking `limits` part by part as it is
    /// read: a file over a limit is refused (`document-refused`, with the
    /// limit's code) as soon as the part that crosses it is read, and the
    /// rest of the file is never read, so the refusal costs little memory
    /// whatever the file's size.
    package static func read(_ path: String, scanning limits: XMLLimits) throws(SignatureFailure) -> [UInt8] {
        let scan = PartScan(limits: limits, file: path)
        let bytes = try read(path, limit: limits.maxBytes, parts: nil, scan: scan)
        if let crossing = scan.crossing { throw refusal(crossing) }
        return bytes
    }

    /// A limit crossing as a signature check reports it.
    package static func refusal(_ crossing: XMLError) -> SignatureFailure {
        SignatureFailure(
            .documentRefused, "\(crossing.code): \(crossing.message)", line: crossing.line > 0 ? crossing.line : nil)
    }

    /// Checks the parts of an XML file against ``XMLLimits`` as they are read.
    final class PartScan {
        private var scanner: LimitScanner
        private let file: String
        /// The first limit crossed; the read stops there.
        private(set) var crossing: XMLError?

        init(limits: XMLLimits, file: String) {
            scanner = LimitScanner(limits: limits)
            self.file = file
        }

        /// Scans `filled[from...]`; false once a limit is crossed.
        func take(_ filled: UnsafeRawBufferPointer, from: Int) -> Bool {
            do throws(XMLError) {
                try scanner.check(UnsafeRawBufferPointer(rebasing: filled[from...]), of: filled, at: from, file: file)
                return true
            } catch {
                crossing = error
                return false
            }
        }
    }

    static func read(
        _ path: String, limit: Int, parts: (any PartSink)?, scan: PartScan? = nil
    ) throws(SignatureFailure) -> [UInt8] {
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
                let wanted = parts == nil && scan == nil ? size - offset : min(partSize, size - offset)
                let read = Glibc.read(descriptor, buffer.baseAddress! + offset, wanted)
                if read < 0 && errno == EINTR { continue }
                if read <= 0 { break }
                let filled = UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[..<(offset + read)]))
                if let scan, !scan.take(filled, from: offset) {
                    offset += read
                    break
                }
                offset += read
                parts?.take(filled)
            }
            parts?.finish()
            failed = offset != size && scan?.crossing == nil
            count = scan?.crossing == nil ? offset : 0
        }
        if failed { throw SignatureFailure(.unreadable, "\(path) changed size while being read") }
        return bytes
    }
}
