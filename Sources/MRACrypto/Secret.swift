import CMRAOpenSSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A passphrase or PIN, in memory the gateway owns and zeroes (`OPENSSL_cleanse`) when the value is freed.
///
/// Read it from an environment variable or a file, never from the command line: ``init(environmentVariable:)``
/// and ``init(file:)`` copy the bytes straight into this buffer, with no intermediate `String` or array left behind.
/// A file's one trailing line break (`\n` or `\r\n`) is not part of the secret.
///
/// `@unchecked Sendable` is sound: the bytes are written once, in the initialiser, and only read afterwards.
public final class Secret: @unchecked Sendable {
    /// The bytes, then one NUL so that C sees a string; `count` excludes the NUL.
    private let storage: UnsafeMutableBufferPointer<CChar>
    /// The secret's length in bytes.
    public let count: Int

    /// The longest secret accepted, in bytes (a passphrase file larger than this is not a passphrase).
    public static let maximumLength = 1024

    /// Allocates `length` bytes (and the NUL) and lets `fill` write them.
    private init(
        length: Int, origin: String, fill: (UnsafeMutableRawBufferPointer) -> Void
    ) throws(CryptoError) {
        guard length > 0 else {
            throw CryptoError(code: .secretUnavailable, message: "\(origin) is empty")
        }
        guard length <= Self.maximumLength else {
            throw CryptoError(
                code: .secretUnavailable, message: "\(origin) is longer than \(Self.maximumLength) bytes")
        }
        storage = .allocate(capacity: length + 1)
        storage.initialize(repeating: 0)
        fill(UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(storage)[0..<length]))
        count = length
    }

    /// The value of the environment variable `name`.
    ///
    /// Throws ``CryptoError/Code/secretUnavailable`` when it is unset or empty.
    public convenience init(environmentVariable name: String) throws(CryptoError) {
        guard let value = getenv(name) else {
            throw CryptoError(code: .secretUnavailable, message: "the environment variable \(name) is not set")
        }
        let length = strlen(value)
        try self.init(length: length, origin: name) {
            $0.copyMemory(from: UnsafeRawBufferPointer(start: value, count: length))
        }
    }

    /// The contents of the file at `path`, less one trailing line break.
    ///
    /// Throws ``CryptoError/Code/secretUnavailable`` when the file cannot be read, is empty, or is longer than
    /// ``maximumLength``.
    public convenience init(file path: String) throws(CryptoError) {
        guard let bio = BIO_new_file(path, "rb") else {
            OpenSSLErrorQueue.clear()
            throw CryptoError(code: .secretUnavailable, message: "cannot open \(path)")
        }
        defer { BIO_free(bio) }
        // Room for the maximum, a trailing \r\n and one byte more, which tells a file that is too long.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.maximumLength + 3, alignment: 1)
        defer {
            OPENSSL_cleanse(buffer.baseAddress, buffer.count)
            buffer.deallocate()
        }
        var length = 0
        while length < buffer.count {
            let read = BIO_read(bio, buffer.baseAddress! + length, Int32(buffer.count - length))
            if read < 0 {
                OpenSSLErrorQueue.clear()
                throw CryptoError(code: .secretUnavailable, message: "cannot read \(path)")
            }
            if read == 0 { break }
            length += Int(read)
        }
        if length > 0, buffer[length - 1] == UInt8(ascii: "\n") {
            length -= 1
            if length > 0, buffer[length - 1] == UInt8(ascii: "\r") { length -= 1 }
        }
        try self.init(length: length, origin: path) {
            $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<length]))
        }
    }

    /// A secret the caller already holds as text (tests, or a value from a vault client).
    ///
    /// The `String` itself is the caller's and is not zeroed; prefer the other initialisers.
    public convenience init(_ text: String) throws(CryptoError) {
        try self.init(length: text.utf8.count, origin: "the secret") { $0.copyBytes(from: text.utf8) }
    }

    deinit {
        OPENSSL_cleanse(storage.baseAddress, storage.count)
        storage.deallocate()
    }

    /// Calls `body` with the secret's bytes (without the NUL), valid only during the call: for a library
    /// that takes a passphrase as bytes (swift-nio-ssl's passphrase callback copies them).
    package func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(storage)[..<count]))
    }

    /// Calls `body` with the secret as a NUL-terminated C string, valid only during the call.
    func withCString<R, E: Error>(_ body: (UnsafePointer<CChar>) throws(E) -> R) throws(E) -> R {
        try body(UnsafePointer(storage.baseAddress!))
    }

}
