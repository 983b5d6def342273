/// A client of the API as the clients file names it: who it is, what it
/// may ask, and how it proves who it is.
package struct APIClient: Sendable, Equatable {
    /// How a client proves who it is. Only digests are kept: the key itself never touches the disk.
    package enum Credential: Sendable, Equatable {
        /// `Authorization: Bearer KEY` whose SHA-256 is this.
        case keySHA256([UInt8])
        /// A TLS client certificate whose DER's SHA-256 is this (the handshake proves the client holds its key).
        case certificateSHA256([UInt8])
    }

    /// The client's name, for the access log and the console.
    package var name: String
    package var role: APIRole
    package var credential: Credential

    package init(name: String, role: APIRole, credential: Credential) {
        self.name = name
        self.role = role
        self.credential = credential
    }
}
