extension VerificationReport {
    /// The report as text: one `FILE: VERIFIED|REFUSED` line, then one indented
    /// line per fact.
    public var text: String {
        var lines: [String] = []
        if let failure {
            lines.append("\(file): REFUSED \(failure.reason): \(failure.description)")
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
        if signer != nil || verified { lines.append("  revocation checked: \(revocationChecked ? "yes" : "no")") }
        if let signedContentDigest { lines.append("  signed content digest: \(signedContentDigest)") }
        return lines.joined(separator: "\n")
    }

    /// Writes the report as one JSON object.
    public func write(to json: inout JSONText) {
        json.openObject()
        json.field("file", file)
        json.field("result", verified ? "verified" : "refused")
        json.field("reason", failure?.reason.rawValue)
        json.field("message", failure?.message)
        if let line = failure?.line {
            json.key("line")
            json.number(line)
        }
        json.field("partner", partner)
        json.key("algorithms")
        json.openObject()
        json.field("canonicalization", canonicalization)
        json.field("signature", signatureAlgorithm)
        json.field("digest", digestAlgorithm)
        json.closeObject()
        if let signer {
            json.key("signer")
            Self.write(signer, to: &json)
        }
        json.key("chain")
        json.openArray()
        for certificate in chain { Self.write(certificate, to: &json) }
        json.closeArray()
        json.field("anchorFingerprint", anchorFingerprint)
        json.key("crls")
        json.openArray()
        for crl in crlsUsed {
            json.openObject()
            json.field("issuer", crl.issuer)
            json.field("fingerprint", crl.fingerprint)
            json.key("lastUpdate")
            json.number(Int(crl.lastUpdate))
            if let next = crl.nextUpdate {
                json.key("nextUpdate")
                json.number(Int(next))
            }
            json.closeObject()
        }
        json.closeArray()
        json.key("revocationChecked")
        json.bool(revocationChecked)
        json.field("signedContentDigest", signedContentDigest)
        json.closeObject()
    }

    private static func write(_ certificate: CertificateSummary, to json: inout JSONText) {
        json.openObject()
        json.field("subject", certificate.subject)
        json.field("issuer", certificate.issuer)
        json.field("fingerprint", certificate.fingerprint)
        json.key("notAfter")
        json.number(Int(certificate.notAfter))
        json.closeObject()
    }
}
