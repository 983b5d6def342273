extension VerificationReport {
    /// The report as text: one `FILE: VERIFIED` or `FILE: REFUSED reason: [line N: ]message`
    /// line (the reason written once), then one indented line per fact.
    public var text: String {
        var lines: [String] = []
        if let failure {
            let line = failure.line.map { "line \($0): " } ?? ""
            lines.append("\(file): REFUSED \(failure.reason): \(line)\(failure.message)")
        } else if acceptedUnsigned {
            lines.append("\(file): UNSIGNED, accepted (partner.xml unsignedLists=\"accept\": trusted by the channel)")
        } else {
            lines.append("\(file): VERIFIED")
        }
        if let partner { lines.append("  partner: \(partner)") }
        if let signatureAlgorithm, let digestAlgorithm, let canonicalization {
            lines.append("  algorithms: \(signatureAlgorithm), digest \(digestAlgorithm), \(canonicalization)")
        }
        if let signer { lines.append("  signer: \(signer.subject) (SHA-256 \(signer.fingerprint))") }
        for (index, certificate) in chain.enumerated() {
            lines.append("  chain[\(index)]: \(certificate.subject) (SHA-256 \(certificate.fingerprint))")
        }
        if let anchorFingerprint { lines.append("  anchor: SHA-256 \(anchorFingerprint)") }
        for crl in crlsUsed { lines.append("  crl: \(crl.issuer) (SHA-256 \(crl.fingerprint))") }
        if signer != nil || verified {
            let note = revocationNote.map { " (\($0))" } ?? ""
            lines.append("  revocation checked: \(revocationChecked ? "yes" : "no")\(note)")
        }
        if let signedContentDigest { lines.append("  signed content digest: \(signedContentDigest)") }
        return lines.joined(separator: "\n")
    }

    /// Writes the report as one JSON object.
    package func write(to json: inout JSONText) {
        json.object { json in
            json.field("file", file)
            json.field("result", acceptedUnsigned ? "unsigned-accepted" : verified ? "verified" : "refused")
            json.field("trust", acceptedUnsigned ? "channel: partner.xml unsignedLists=accept" : nil)
            json.field("reason", failure?.reason.rawValue)
            json.field("message", failure?.message)
            json.field("line", failure?.line)
            json.field("partner", partner)
            json.object("algorithms") { json in
                json.field("canonicalization", canonicalization)
                json.field("signature", signatureAlgorithm)
                json.field("digest", digestAlgorithm)
            }
            json.field("signer", signer)
            json.array("chain", chain)
            json.field("anchorFingerprint", anchorFingerprint)
            json.array("crls", crlsUsed)
            json.field("revocationChecked", revocationChecked)
            json.field("revocationNote", revocationNote)
            json.field("signedContentDigest", signedContentDigest)
        }
    }
}

/// The summaries' JSON forms are their `Encodable` forms: keys in property
/// order, times as Unix seconds, no `nextUpdate` when the CRL has none.
extension VerificationReport.CertificateSummary: JSONWritable {}
extension VerificationReport.CRLSummary: JSONWritable {}
