import CMRAOpenSSL

/// An incremental message digest (SHA-256, SHA-384 or SHA-512).
///
/// A copyable value: copies share state until one of them is updated
/// (copy-on-write, as swift-crypto's digests do). `finalize()` does not consume
/// the running state, so a digest can be finalised and then updated further.
///
/// ```swift
/// var digest = try Digest(algorithm: .sha256)
/// digest.update(Array("ab".utf8))
/// digest.update(Array("c".utf8))
/// let hash = digest.finalize()
/// ```
public struct Digest: Sendable {
    /// The algorithm this digest computes.
    public let algorithm: DigestAlgorithm
    private var context: DigestContext

    /// Starts a new digest. Throws for refused algorithms (SHA-1, MD5).
    public init(algorithm: DigestAlgorithm) throws(CryptoError) {
        self.algorithm = algorithm
        self.context = try DigestContext(md: algorithm.evpMD())
    }

    /// Feeds bytes into the digest.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update(buffer: $0) }
    }

    /// Feeds any sequence of bytes (such as `string.utf8`) into the digest.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(buffer: UnsafeRawBufferPointer($0)) }
        if handled == nil {
            update(Array(bytes))
        }
    }

    private mutating func update(buffer: UnsafeRawBufferPointer) {
        if !isKnownUniquelyReferenced(&context) {
            context = context.copy()
        }
        context.update(buffer)
    }

    /// Returns the digest of everything fed so far.
    public func finalize() -> [UInt8] {
        context.copy().finish()
    }

    /// Hashes `bytes` in one call.
    public static func hash(_ bytes: [UInt8], algorithm: DigestAlgorithm) throws(CryptoError) -> [UInt8] {
        var digest = try Digest(algorithm: algorithm)
        digest.update(bytes)
        return digest.context.finish()
    }

    /// Hashes any byte sequence (such as `string.utf8`) in one call.
    public static func hash(_ bytes: some Sequence<UInt8>, algorithm: DigestAlgorithm) throws(CryptoError) -> [UInt8] {
        var digest = try Digest(algorithm: algorithm)
        digest.update(bytes)
        return digest.context.finish()
    }
}

/// Owner of one `EVP_MD_CTX`, freed in `deinit`.
///
/// `@unchecked Sendable` is sound because `Digest` only mutates a context it
/// holds uniquely (`isKnownUniquelyReferenced`, copy-on-write); shared contexts
/// are only read, by `EVP_MD_CTX_copy_ex`, which does not modify its source.
private final class DigestContext: @unchecked Sendable {
    private let pointer: OpaquePointer

    init(md: OpaquePointer) throws(CryptoError) {
        guard let pointer = EVP_MD_CTX_new() else {
            throw .drainingQueue(.internalError, "EVP_MD_CTX_new failed")
        }
        guard EVP_DigestInit_ex(pointer, md, nil) == 1 else {
            EVP_MD_CTX_free(pointer)
            throw .drainingQueue(.internalError, "EVP_DigestInit_ex failed")
        }
        self.pointer = pointer
    }

    private init(copying other: OpaquePointer) {
        // Failing here means OpenSSL is out of memory: there is nothing sensible to return.
        guard let pointer = EVP_MD_CTX_new(), EVP_MD_CTX_copy_ex(pointer, other) == 1 else {
            preconditionFailure("EVP_MD_CTX copy failed: \(OpenSSLErrorQueue.drain())")
        }
        self.pointer = pointer
    }

    deinit {
        EVP_MD_CTX_free(pointer)
    }

    func copy() -> DigestContext {
        DigestContext(copying: pointer)
    }

    func update(_ buffer: UnsafeRawBufferPointer) {
        guard buffer.count > 0 else { return }
        let ok = EVP_DigestUpdate(pointer, buffer.baseAddress, buffer.count)
        precondition(ok == 1, "EVP_DigestUpdate failed: \(OpenSSLErrorQueue.drain())")
    }

    /// Finalises this context; it must not be used afterwards.
    func finish() -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = output.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(pointer, $0.baseAddress, &length) }
        precondition(ok == 1, "EVP_DigestFinal_ex failed: \(OpenSSLErrorQueue.drain())")
        return Array(output.prefix(Int(length)))
    }
}
