import Foundation
import MRACrypto

/// The committed PKI fixtures (regenerate with `Fixtures/make-fixtures.sh`).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    static func certificate(_ name: String) throws -> Certificate {
        try Certificate(pem: text("\(name).pem"))
    }

    static func crl(_ name: String) throws -> CertificateRevocationList {
        try CertificateRevocationList(pem: text("\(name).crl.pem"))
    }

    /// 2026-06-01T00:00:00Z: inside every long-lived fixture's validity.
    static let verificationTime: Int64 = 1_780_272_000
}
