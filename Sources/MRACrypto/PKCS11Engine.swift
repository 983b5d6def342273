import CMRAOpenSSL
import CMRAOpenSSLEngine

/// Owner of one initialised libp11 `pkcs11` engine, closed in `deinit`.
///
/// A key loaded through the engine keeps it alive (``EVPKey`` holds it): the key's operations run in the engine's
/// PKCS#11 session, so the engine must outlive the key. `@unchecked Sendable` is sound: the engine is configured
/// once, before any key is loaded, and libp11 locks its sessions for concurrent signing.
final class PKCS11Engine: @unchecked Sendable {
    private let pointer: OpaquePointer

    /// Loads and initialises the engine for the PKCS#11 module at `modulePath` (nil: the engine's default,
    /// `PKCS11_MODULE_PATH` or p11-kit's proxy, which loads every module registered with p11-kit).
    init(modulePath: String?) throws(CryptoError) {
        let opened: OpaquePointer? =
            if let modulePath { CMRAOpenSSLEngine_open_pkcs11(modulePath) } else { CMRAOpenSSLEngine_open_pkcs11(nil) }
        guard let opened else {
            throw .drainingQueue(
                .pkcs11Unavailable,
                "cannot load the PKCS#11 engine (libp11, Debian package libengine-pkcs11-openssl) with the module "
                    + (modulePath ?? "the engine's default"))
        }
        pointer = opened
    }

    deinit {
        CMRAOpenSSLEngine_close(pointer)
    }

    /// Logs in with `pin` and loads the private key `uri` names; the returned key is owned by the caller and
    /// must be freed before this engine is.
    func loadPrivateKey(_ uri: PKCS11URI, pin: Secret) throws(CryptoError) -> OpaquePointer {
        OpenSSLErrorQueue.clear()
        let loaded = pin.withCString { CMRAOpenSSLEngine_load_private_key(pointer, uri.engineURI, $0) }
        guard let loaded else {
            let queue = OpenSSLErrorQueue.drain()
            let reasons = queue.compactMap(\.reason).joined(separator: " ").lowercased()
            let code: CryptoError.Code =
                reasons.contains("pin")
                ? .pkcs11LoginFailed
                : reasons.contains("module") ? .pkcs11Unavailable : .pkcs11KeyNotFound
            let message =
                switch code {
                case .pkcs11LoginFailed: "the token refused the PIN for \(uri)"
                case .pkcs11Unavailable: "cannot load the PKCS#11 module for \(uri)"
                default: "no private key matches \(uri) (or the token refused the login)"
                }
            throw CryptoError(code: code, message: message, openSSLErrors: queue)
        }
        return loaded
    }
}
