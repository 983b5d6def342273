import Foundation
import MRACrypto
import MRAGateway
import Testing

/// Reading a file with its digest computed on a second thread, part by
/// part: the same bytes and the same digest as reading, then hashing.
@Suite struct FileBytesTests {
    @Test(arguments: [0, 1, (4 << 20) - 1, 4 << 20, (9 << 20) + 7])
    func readDigestingGivesTheFileAndItsDigest(size: Int) throws {
        var random = SplitMix64(seed: UInt64(size))
        var bytes = [UInt8](repeating: 0, count: size)
        for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: random.next()) }
        let path = NSTemporaryDirectory() + "mra-filebytes-" + UUID().uuidString
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }

        for algorithm in [DigestAlgorithm.sha256, .sha512] {
            let (read, digest) = try FileBytes.readDigesting(path, limit: Int.max, algorithm: algorithm)
            #expect(read == bytes)
            #expect(digest == (try Digest.hash(bytes, algorithm: algorithm)))
        }
    }

    @Test func readDigestingRefusesWhatReadRefuses() {
        #expect(throws: SignatureFailure.self) {
            _ = try FileBytes.readDigesting("/nonexistent/file", limit: Int.max, algorithm: .sha256)
        }
        #expect(throws: SignatureFailure.self) {
            _ = try FileBytes.readDigesting(NSTemporaryDirectory(), limit: Int.max, algorithm: .sha256)
        }
    }
}
