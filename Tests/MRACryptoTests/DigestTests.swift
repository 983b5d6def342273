import MRACrypto
import Testing

@Suite struct DigestTests {
    static let vectors: [(DigestAlgorithm, String, String)] = [
        (.sha256, "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (.sha256, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            .sha256, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            .sha384, "abc",
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"
        ),
        (
            .sha384, "",
            "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b"
        ),
        (
            .sha512, "abc",
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
                + "454d4423643ce80e2a9ac94fa54ca49f"
        ),
        (
            .sha512, "",
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f"
                + "63b931bd47417a81a538327af927da3e"
        ),
    ]

    @Test(arguments: vectors)
    func matchesKnownAnswer(algorithm: DigestAlgorithm, input: String, expectedHex: String) throws {
        let digest = try Digest.hash(Array(input.utf8), algorithm: algorithm)
        #expect(hex(digest) == expectedHex)
        #expect(digest.count == algorithm.byteCount)
    }

    @Test(arguments: [DigestAlgorithm.sha256, .sha384, .sha512])
    func incrementalEqualsOneShot(algorithm: DigestAlgorithm) throws {
        let message = Array((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        var digest = try Digest(algorithm: algorithm)
        var offset = 0
        for size in [0, 1, 63, 64, 65, 1000, 4096] where offset < message.count {
            let end = min(offset + size, message.count)
            digest.update(message[offset..<end])
            offset = end
        }
        digest.update(message[offset...])
        #expect(digest.finalize() == (try Digest.hash(message, algorithm: algorithm)))
    }

    @Test func copiesAreIndependent() throws {
        var first = try Digest(algorithm: .sha256)
        first.update(Array("ab".utf8))
        var second = first
        first.update(Array("c".utf8))
        second.update(Array("x".utf8))
        #expect(first.finalize() == (try Digest.hash("abc".utf8, algorithm: .sha256)))
        #expect(second.finalize() == (try Digest.hash("abx".utf8, algorithm: .sha256)))
        // finalize() does not consume: more input can follow.
        first.update(Array("d".utf8))
        #expect(first.finalize() == (try Digest.hash("abcd".utf8, algorithm: .sha256)))
    }

    @Test(arguments: [DigestAlgorithm.sha1, .md5])
    func refusesWeakAlgorithms(algorithm: DigestAlgorithm) {
        #expect(!algorithm.isAcceptable)
        let error = #expect(throws: CryptoError.self) {
            try Digest.hash([1, 2, 3], algorithm: algorithm)
        }
        #expect(error?.code == .unsupportedAlgorithm)
    }
}

func hex(_ bytes: [UInt8]) -> String {
    bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
}
