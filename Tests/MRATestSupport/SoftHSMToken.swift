import Foundation

/// A SoftHSM2 token made for this test process by `scripts/softhsm-token.sh`, holding DEMO signing keys: the
/// software stand-in for the hardware security module of production.
///
/// Tests that need it fail (never skip) when SoftHSM2 or libp11's engine is missing: CI installs them
/// (`scripts/install-dependencies.sh`).
package enum SoftHSMToken {
    /// SoftHSM2's PKCS#11 module (Debian package softhsm2).
    package static let module = "/usr/lib/softhsm/libsofthsm2.so"
    /// The token's user PIN (a test token's: public).
    package static let pin = "mra-test-pin"
    /// The objects in the token: label, the DEMO identity it holds (`Certs/<program>/demo/`), and the key type.
    package static let keys: [(label: String, program: String, kind: String)] = [
        ("signer", "ctpat", "RSA-3072"), ("signer-ec", "eu-aeo", "EC P-256"), ("signer-p384", "nz-ses", "EC P-384"),
    ]

    /// The URI of the object `label`.
    package static func uri(_ label: String) -> String {
        "pkcs11:token=mra;object=\(label);type=private"
    }

    /// The token's configuration file (what `SOFTHSM2_CONF` names).
    ///
    /// The first call makes the token and sets `SOFTHSM2_CONF` in this process, so that keys loaded here and child
    /// processes started afterwards find it; it throws ``Unavailable`` when SoftHSM2 or the engine is missing.
    package static func configuration() throws -> String {
        try made.get()
    }

    /// Runs `body` alone among the tests of this process that load keys of the token: SoftHSM2 is one library per
    /// process, shared by the engine of every key loaded in it (and its login state with them), so they take turns.
    package static func exclusively<R>(_ body: () throws -> R) throws -> R {
        _ = try configuration()
        return try lock.withLock { try body() }
    }

    private static let lock = NSLock()

    private static let made: Result<String, Unavailable> = {
        for (path, package) in [(module, "softhsm2"), ("/usr/bin/softhsm2-util", "softhsm2")] {
            guard FileManager.default.fileExists(atPath: path) else {
                return .failure(Unavailable(what: "\(path) (Debian package \(package))"))
            }
        }
        let engines = ["/usr/lib/x86_64-linux-gnu/engines-3", "/usr/lib/aarch64-linux-gnu/engines-3"]
        guard engines.contains(where: { FileManager.default.fileExists(atPath: $0 + "/pkcs11.so") }) else {
            return .failure(Unavailable(what: "engines-3/pkcs11.so (Debian package libengine-pkcs11-openssl)"))
        }
        let folder = Repository.temporaryFolder() + "/softhsm"
        let pairs = keys.map { "\($0.label):\(Repository.root)/Certs/\($0.program)/demo/signer.key.pem" }
        do {
            let result = try ChildProcess.run(
                "/bin/bash", [Repository.root + "/scripts/softhsm-token.sh", folder] + pairs,
                environment: ["MRA_TOKEN_PIN": pin])
            guard result.status == 0 else {
                return .failure(Unavailable(what: "a token: scripts/softhsm-token.sh said \(result.errors)"))
            }
        } catch {
            return .failure(Unavailable(what: "a token: \(error)"))
        }
        let configuration = folder + "/softhsm2.conf"
        // Once, before any key of the token is loaded in this process.
        setenv("SOFTHSM2_CONF", configuration, 1)
        return .success(configuration)
    }()

    /// SoftHSM2 or the engine is not installed, or the token could not be made.
    package struct Unavailable: Error, CustomStringConvertible {
        let what: String
        package var description: String {
            "cannot use SoftHSM2: missing \(what). Install softhsm2 and libengine-pkcs11-openssl "
                + "(bash scripts/install-dependencies.sh); CI installs them and these tests must run there"
        }
    }
}
