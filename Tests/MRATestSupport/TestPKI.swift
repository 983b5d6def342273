import Foundation

/// A PKI made on the fly with the `openssl` CLI in a fresh temporary folder,
/// through the shell functions of `scripts/lib/pki.sh` (the ones the demo and
/// fixture scripts use), for tests that need certificates of a given shape.
///
/// Every certificate `NAME` is `folder/NAME.pem` with its key in
/// `folder/NAME.key`; CRLs are `folder/NAME.crl.pem`. Keys are EC P-256
/// unless asked otherwise; validity is 2025-01-01 … 2075-12-31 unless given.
package struct TestPKI {
    /// The X.509 extensions of a certificate (sections of the CA configuration).
    package enum Profile: String, Sendable {
        /// A root CA: `CA:TRUE`, keyCertSign, cRLSign.
        case root
        /// An intermediate CA: `CA:TRUE, pathlen:0`, keyCertSign, cRLSign.
        case intermediate
        /// A document signer: `CA:FALSE`, digitalSignature, nonRepudiation.
        case signer
        /// A CA that also claims digitalSignature: `CA:TRUE`, digitalSignature, keyCertSign.
        case caSigner = "ca_signer"
        /// An end-entity certificate for encryption only: `CA:FALSE`, keyEncipherment.
        case encipherment
        /// A gateway's TLS certificate: `CA:FALSE`, digitalSignature, extendedKeyUsage serverAuth and clientAuth.
        case tlsGateway = "tls_gateway"
        /// A TLS server only: `CA:FALSE`, digitalSignature, extendedKeyUsage serverAuth.
        case tlsServer = "tls_server"
    }

    /// Where everything is written.
    package let folder: String

    /// A fresh folder with the CA configuration in it.
    package init() throws {
        folder = Repository.temporaryFolder()
        try run(
            """
            pki_ca_config "$work/ca.cnf"
            cat >>"$work/ca.cnf" <<'CNF'

            [ ca_signer ]
            basicConstraints = critical, CA:TRUE
            keyUsage = critical, digitalSignature, keyCertSign, cRLSign
            subjectKeyIdentifier = hash

            [ encipherment ]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, keyEncipherment
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always

            [ tls_gateway ]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature
            extendedKeyUsage = serverAuth, clientAuth
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always

            [ tls_server ]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature
            extendedKeyUsage = serverAuth
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always
            CNF
            """)
    }

    /// The certificate's path.
    package func certificate(_ name: String) -> String { folder + "/" + name + ".pem" }
    /// The private key's path (PKCS#8 PEM).
    package func key(_ name: String) -> String { folder + "/" + name + ".key" }
    /// The CRL's path.
    package func crl(_ name: String) -> String { folder + "/" + name + ".crl.pem" }

    /// A self-signed certificate (a root CA by default), able to issue.
    package func selfSigned(_ name: String, profile: Profile = .root, keySpec: String = "ec:P-256") throws {
        try run(
            """
            key \(name) \(keySpec) && cadir \(name) \(Self.serial())
            issue \(name) \(name) "/O=MRA Gateway Tests/CN=\(name)" \(profile.rawValue)
            """)
    }

    /// A certificate issued by `issuer`, able to issue in turn; `from`/`to`
    /// are `YYYYMMDDHHMMSSZ` (default: the long-lived validity).
    package func issue(
        _ name: String, by issuer: String, profile: Profile = .signer, keySpec: String = "ec:P-256",
        from: String? = nil, to: String? = nil
    ) throws {
        let dates = [from ?? "$start", to ?? "$end"].map { "\"\($0)\"" }.joined(separator: " ")
        try run(
            """
            key \(name) \(keySpec) && cadir \(name) \(Self.serial())
            issue \(issuer) \(name) "/O=MRA Gateway Tests/CN=\(name)" \(profile.rawValue) \(dates)
            """)
    }

    /// The CRL of `issuer` (`crl(issuer)`), listing `revoked`; `from`/`to`
    /// are its thisUpdate and nextUpdate, `YYYYMMDDHHMMSSZ` (default: the long-lived validity).
    package func makeCRL(
        of issuer: String, revoking revoked: [String] = [], from: String? = nil, to: String? = nil
    ) throws {
        let revocations = revoked.map { "revoke \(issuer) \($0)" }.joined(separator: "\n")
        let dates = [from ?? "$start", to ?? "$end"].map { "\"\($0)\"" }.joined(separator: " ")
        try run(
            """
            \(revocations)
            crl \(issuer) \(issuer).crl.pem \(dates)
            """)
    }

    /// `YYYYMMDDHHMMSSZ` of now plus `days` (negative: in the past), for `from`/`to`.
    package static func date(daysFromNow days: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss'Z'"
        return formatter.string(from: Date().addingTimeInterval(Double(days) * 86_400))
    }

    /// A random serial number start for a CA's database: eight hex digits (`openssl ca` wants an even count).
    private static func serial() -> String {
        "1" + String(format: "%07x", UInt32.random(in: 0..<0x1000_0000))
    }

    /// Runs `script` with `scripts/lib/pki.sh` sourced, `work` and `out` set to ``folder``.
    private func run(_ script: String) throws {
        let prelude = """
            set -euo pipefail
            work='\(folder)'; out='\(folder)'; start=20250101000000Z; end=20751231235959Z
            source '\(Repository.root)/scripts/lib/pki.sh'

            """
        let result = try ChildProcess.run("/bin/bash", ["-c", prelude + script])
        guard result.status == 0 else {
            throw Failure(description: "openssl (scripts/lib/pki.sh) failed: \(result.errors)\n\(script)")
        }
    }

    /// A PKI command that failed.
    package struct Failure: Error, CustomStringConvertible {
        package let description: String
    }
}
