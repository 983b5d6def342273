import MRAPlumbing

/// A server's own setting that cannot be used: its TLS identity, or its
/// API clients file. The command that starts the server exits 2 with it.
package struct ServingError: CodedError, Equatable {
    package enum Code: String, ErrorCode {
        /// The certificate, chain or key cannot be loaded.
        case tlsIdentity = "tls-identity"
        /// The API clients file cannot be read, or a line of it is wrong.
        case apiClients = "api-clients"
    }

    package var code: Code
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}
