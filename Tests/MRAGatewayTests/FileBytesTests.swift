import Foundation
import MRACrypto
import MRAGateway
import Testing

/// Reading a file in chunks into a sink (its digest): the same digest as
/// reading it whole, then hashing, at every chunk boundary.
@Suite struct FileBytesTests {
    @Test(arguments: [0, 1, (1 << 20) - 1, 1 << 20, (9 << 20) + 7])
    func aStreamedDigestEqualsTheDigestOfTheWholeFile(size: Int) throws {
        var random = SplitMix64(seed: UInt64(size))
        var bytes = [UInt8](repeating: 0, count: size)
        for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: random.next()) }
        let path = NSTemporaryDirectory() + "mra-filebytes-" + UUID().uuidString
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }

        #expect(try FileBytes.read(path, limit: Int.max) == bytes)
        for algorithm in [DigestAlgorithm.sha256, .sha512] {
            #expect(
                try FileBytes.streamingDigest(path, algorithm: algorithm) == Digest.hash(bytes, algorithm: algorithm))
        }
    }

    @Test func readingRefusesWhatIsNotARegularFile() {
        #expect(throws: SignatureFailure.self) {
            _ = try FileBytes.streamingDigest("/nonexistent/file", algorithm: .sha256)
        }
        #expect(throws: SignatureFailure.self) { _ = try FileBytes.read(NSTemporaryDirectory(), limit: Int.max) }
    }
}
