package import MRACrypto
package import NIOSSL

/// A server's TLS identity: the certificate it presents (as the exchange
/// endpoint's or the API's server, and as a client to partners'
/// endpoints), the intermediates sent with it, and its private key.
package struct TLSIdentity: Sendable {
    /// Leaf first, then the intermediates.
    package var certificateChain: [NIOSSLCertificate]
    package var privateKey: NIOSSLPrivateKey
    /// Where the key came from, for messages.
    package var keyFile: String

    /// Loads a PEM certificate, its optional chain file and its key: an
    /// encrypted PKCS#8 PEM with `passphrase`, or an unencrypted PEM (a DEMO key).
    package static func load(
        certificate: String, key: String, chain: String?, passphrase: Secret?
    ) throws(ServingError) -> TLSIdentity {
        do {
            var certificates = try NIOSSLCertificate.fromPEMFile(certificate)
            guard !certificates.isEmpty else {
                throw ServingError(.tlsIdentity, "\(certificate) holds no certificate")
            }
            if let chain { certificates += try NIOSSLCertificate.fromPEMFile(chain) }
            let privateKey: NIOSSLPrivateKey
            if let passphrase {
                privateKey = try NIOSSLPrivateKey(file: key, format: .pem) {
                    (setter: NIOSSLPassphraseSetter<UnsafeRawBufferPointer>) in
                    passphrase.withUnsafeBytes { setter($0) }
                }
            } else {
                privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
            }
            return TLSIdentity(certificateChain: certificates, privateKey: privateKey, keyFile: key)
        } catch let error as ServingError {
            throw error
        } catch {
            throw ServingError(.tlsIdentity, "the TLS identity (\(certificate), \(key)) cannot be loaded: \(error)")
        }
    }

    /// The certificate and chain as swift-nio-ssl's sources.
    package var chainSources: [NIOSSLCertificateSource] { certificateChain.map { .certificate($0) } }
}
