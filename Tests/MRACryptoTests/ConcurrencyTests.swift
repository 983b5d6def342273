import MRACrypto
import Testing

/// Shares one verifier, certificate and key across many tasks: the values are
/// `Sendable`, and OpenSSL's per-call contexts make concurrent use safe.
@Suite struct ConcurrencyTests {
    @Test func verifiesAndSignsConcurrently() async throws {
        let setup = try TrustSetup()
        let verifier = setup.verifier()
        let leaf = try Fixtures.certificate("leaf")
        let key = try PrivateKey(pemFile: Fixtures.path("leaf.key.pem"))
        let publicKey = try leaf.publicKey
        let intermediate = setup.intermediate

        let successes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    do {
                        let chain = try verifier.verify(
                            leaf,
                            intermediates: [intermediate],
                            at: Fixtures.verificationTime
                        )
                        let data = Array("message \(index)".utf8)
                        let signature = try key.sign(data, digest: .sha256)
                        let digest = try Digest.hash(data, algorithm: .sha384)
                        let valid = try publicKey.verify(signature: signature, data: data, digest: .sha256)
                        return chain.certificates.count == 3 && valid && digest.count == 48
                    } catch {
                        return false
                    }
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(successes == 64)
    }
}
