import Foundation
import Hummingbird
import MRACrypto
import MRAGateway
import NIOCore

/// A request body written to a hidden file in the partner's inbox as it
/// arrives, hashed on the way: memory stays flat whatever the size, and a
/// body cut short leaves nothing behind.
package struct Upload: Sendable {
    /// The complete, flushed file (hidden: `exchange run` does not see it).
    package var path: String
    package var sha256: [UInt8]

    /// Receives exactly `length` bytes of `body` into `folder`.
    static func receive(_ body: RequestBody, length: Int, into folder: String) async throws(LinkError) -> Upload {
        let path = folder + "/.upload-" + UUID().uuidString
        let file: StagedFile
        let digest: FileDigest
        do {
            file = try StagedFile(destination: path, temporary: path)
            digest = try FileDigest(.sha256)
        } catch {
            throw LinkError(.unavailable, "cannot keep the file: \(error)")
        }
        var received = 0
        do {
            for try await buffer in body {
                received += buffer.readableBytes
                guard received <= length else {
                    throw LinkError(.uploadIncomplete, "the body is longer than its Content-Length (\(length))")
                }
                buffer.withUnsafeReadableBytes { chunk in
                    file.take(chunk)
                    digest.take(chunk)
                }
            }
        } catch let error as LinkError {
            throw error
        } catch {
            throw LinkError(.uploadIncomplete, "the upload stopped after \(received) of \(length) bytes: \(error)")
        }
        guard received == length else {
            throw LinkError(.uploadIncomplete, "the upload stopped after \(received) of \(length) bytes")
        }
        do {
            try file.close()
        } catch {
            throw LinkError(.unavailable, "cannot keep the file: \(error)")
        }
        return Upload(path: path, sha256: digest.value)
    }
}
