package import MRAGateway
package import MRAXML

/// What a partner's signed receipt for a file we sent says, once checked:
/// its signature verifies against the partner's signing trust store, it is
/// valid against `Schemas/receipt-1.xsd`, it was issued by that partner to
/// us, and it names exactly the bytes we sent.
package struct PartnerReceipt: Sendable, Hashable {
    package var issuer: String
    package var ledgerEntry: Int
    /// The file's SHA-256 as the partner received it.
    package var digest: String
    /// The partner's outcome: `applied`, `rejected`, `refused`, `duplicate`.
    package var outcome: String
    package var reason: String?

    /// Why a receipt is not proof of delivery. Stable codes, recorded with the attempt.
    package struct Failure: Error, Sendable, CustomStringConvertible {
        package var code: String
        package var message: String
        package var description: String { "\(code): \(message)" }
    }

    /// Checks `bytes` as the receipt of `partner` for the file with SHA-256 `sentDigest` that `ownProgram` sent.
    package static func check(
        _ bytes: [UInt8], sentDigest: String, partner: String, ownProgram: String, verifier: SignatureVerifier,
        schema: Schema
    ) throws(Failure) -> PartnerReceipt {
        let report = verifier.verify(bytes: bytes, file: "receipt")
        if let failure = report.failure {
            throw Failure(code: "receipt-signature-refused/\(failure.reason.rawValue)", message: failure.message)
        }
        let root: Element
        do {
            root = try Element(parsing: bytes, file: "receipt", schema: schema)
        } catch {
            throw Failure(code: "receipt-invalid", message: error.description)
        }
        let namespace = "urn:mra-gateway:receipt:1"
        let received = root.child(QName(namespace, "received"))
        let outcome = root.child(QName(namespace, "outcome"))
        let receipt = PartnerReceipt(
            issuer: root.attribute("issuer") ?? "", ledgerEntry: Int(root.attribute("ledgerEntry") ?? "") ?? 0,
            digest: received?.attribute("digest") ?? "", outcome: outcome?.attribute("code") ?? "",
            reason: outcome?.attribute("reason"))
        guard receipt.issuer == partner, root.attribute("partner") == ownProgram else {
            throw Failure(
                code: "receipt-parties-mismatch",
                message:
                    "the receipt was issued by \(receipt.issuer) to \(root.attribute("partner") ?? "-"), not by \(partner) to \(ownProgram)"
            )
        }
        guard receipt.digest.lowercased() == sentDigest else {
            throw Failure(
                code: "receipt-digest-mismatch",
                message: "the receipt names SHA-256 \(receipt.digest), not the \(sentDigest) of the file sent")
        }
        return receipt
    }
}
