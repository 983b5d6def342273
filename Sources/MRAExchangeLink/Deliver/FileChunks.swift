import Foundation
import NIOCore

/// A file read in 1 MiB chunks, as a request body: memory stays flat
/// whatever the file's size. A read error ends the body with an error, so
/// the request fails rather than sending a short file.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    typealias AsyncIterator = Iterator
    let path: String

    struct ReadFailure: Error, CustomStringConvertible {
        var description: String
    }

    func makeAsyncIterator() -> Iterator { Iterator(path: path) }

    final class Iterator: AsyncIteratorProtocol {
        typealias Element = ByteBuffer
        private let path: String
        private var handle: FileHandle?
        private var opened = false

        init(path: String) { self.path = path }

        func next() async throws -> ByteBuffer? {
            if !opened {
                opened = true
                guard let handle = FileHandle(forReadingAtPath: path) else {
                    throw ReadFailure(description: "cannot open \(path)")
                }
                self.handle = handle
            }
            guard let handle else { return nil }
            let data = try handle.read(upToCount: 1 << 20) ?? Data()
            if data.isEmpty {
                try handle.close()
                self.handle = nil
                return nil
            }
            return ByteBuffer(bytes: data)
        }
    }
}
