public import MRAPlumbing

/// An error from the cryptography layer, carrying what OpenSSL reported.
///
/// `code` is stable and meant for programs (switch on it, log it); `message`
/// is for people. `openSSLErrors` holds OpenSSL's thread-local error queue as
/// it was right after the failing call, oldest entry first.
public struct CryptoError: Error, Sendable, CustomStringConvertible {
    /// A stable, machine-readable error code (`"invalid-pem"`, …).
    public struct Code: ErrorCode {
        /// The code as a string; never changes once published.
        public let rawValue: String

        init(_ rawValue: String) {
            self.rawValue = rawValue
        }

        /// PEM input had no object of the expected kind, or it was malformed.
        public static let invalidPEM = Code("invalid-pem")
        /// DER input was malformed or had trailing bytes.
        public static let invalidDER = Code("invalid-der")
        /// A private or public key could not be loaded (bad encoding).
        public static let invalidKey = Code("invalid-key")
        /// An encrypted private key was given without a passphrase.
        public static let passphraseMissing = Code("key-passphrase-missing")
        /// An encrypted private key did not decrypt with the passphrase given.
        public static let passphraseWrong = Code("key-passphrase-wrong")
        /// A private key is encrypted the legacy PEM way (`Proc-Type: 4,ENCRYPTED`, an MD5 key derivation
        /// without iterations); it is refused: convert it to encrypted PKCS#8.
        public static let legacyKeyEncryption = Code("key-encryption-legacy")
        /// A passphrase or PIN could not be read from where it was said to be (unset variable, unreadable or
        /// empty file).
        public static let secretUnavailable = Code("secret-unavailable")
        /// A PKCS#11 URI was malformed, named no key, or carried its PIN in clear (`pin-value`).
        public static let pkcs11URIInvalid = Code("pkcs11-uri-invalid")
        /// The PKCS#11 engine (libp11) or the PKCS#11 module could not be loaded.
        public static let pkcs11Unavailable = Code("pkcs11-unavailable")
        /// A key in a PKCS#11 token was given without a PIN.
        public static let pkcs11PINMissing = Code("pkcs11-pin-missing")
        /// The token refused the PIN (incorrect, expired or locked).
        public static let pkcs11LoginFailed = Code("pkcs11-login-failed")
        /// No private key in the token matched the URI.
        public static let pkcs11KeyNotFound = Code("pkcs11-key-not-found")
        /// A file could not be opened or read.
        public static let fileUnreadable = Code("file-unreadable")
        /// The algorithm (digest, key type, curve) is not supported or refused.
        public static let unsupportedAlgorithm = Code("unsupported-algorithm")
        /// Signing failed inside OpenSSL.
        public static let signingFailed = Code("signing-failed")
        /// Key generation failed inside OpenSSL.
        public static let keyGenerationFailed = Code("key-generation-failed")
        /// A signature had the wrong shape (for example, raw ECDSA of the wrong width).
        public static let invalidSignature = Code("invalid-signature")
        /// Base64 text had a character outside the alphabet or bad padding.
        public static let invalidBase64 = Code("invalid-base64")
        /// OpenSSL failed where it should not (typically out of memory).
        public static let internalError = Code("internal-error")
    }

    /// One entry of OpenSSL's error queue.
    public struct OpenSSLEntry: Hashable, Sendable, CustomStringConvertible {
        /// The packed OpenSSL error code (`ERR_get_error_all`'s return value).
        public let code: UInt
        /// OpenSSL's library name for the code, such as `"PEM routines"`.
        public let library: String?
        /// OpenSSL's reason string, such as `"no start line"`.
        public let reason: String?
        /// The OpenSSL function that raised the error, when recorded.
        public let function: String?
        /// Extra text attached by OpenSSL, when any.
        public let data: String?

        public var description: String {
            var parts = [library ?? "lib(\(code >> 23))", reason ?? "code \(code)"]
            if let function, !function.isEmpty { parts.insert(function, at: 1) }
            if let data, !data.isEmpty { parts.append(data) }
            return parts.joined(separator: ": ")
        }
    }

    /// What went wrong, as a stable code.
    public let code: Code
    /// A human-readable explanation.
    public let message: String
    /// OpenSSL's error queue, drained right after the failing call.
    public let openSSLErrors: [OpenSSLEntry]

    /// Creates an error. Inside the module, `openSSLErrors` comes from draining OpenSSL's error queue.
    public init(code: Code, message: String, openSSLErrors: [OpenSSLEntry] = []) {
        self.code = code
        self.message = message
        self.openSSLErrors = openSSLErrors
    }

    public var description: String {
        var text = "\(code): \(message)"
        if !openSSLErrors.isEmpty {
            text += " [" + openSSLErrors.map(\.description).joined(separator: "; ") + "]"
        }
        return text
    }
}
