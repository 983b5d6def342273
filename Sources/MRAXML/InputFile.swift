#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened for reading, closed when the value goes away.
final class InputFile {
    private let descriptor: Int32
    private let file: String?
    /// Size in bytes when opened.
    let size: Int

    init(path: String, file: String?) throws(XMLError) {
        self.file = file
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw XMLError(code: .io, message: "cannot open: \(String(cString: strerror(errno)))", file: file)
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw XMLError(code: .io, message: "cannot stat: \(reason)", file: file)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw XMLError(code: .io, message: "not a regular file", file: file)
        }
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// Reads up to `buffer.count` bytes; 0 at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(XMLError) -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw XMLError(code: .io, message: "read failed: \(String(cString: strerror(errno)))", file: file)
        }
    }
}
