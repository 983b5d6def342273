import MRACrypto

/// The `sha-256` member of an RFC 9530 `Content-Digest` field
/// (`sha-256=:BASE64:`, possibly among other algorithms), as bytes.
package enum ContentDigest {
    /// The SHA-256 the field announces; nil when it names none. Throws when
    /// the `sha-256` member is not a well-formed byte sequence.
    package static func sha256(in field: String) throws(LinkError) -> [UInt8]? {
        for member in field.split(separator: ",") {
            let parts = member.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, trimmed(parts[0]).lowercased() == "sha-256" else { continue }
            let value = trimmed(parts[1])
            guard value.count >= 2, value.first == ":", value.last == ":",
                let bytes = try? Base64.decode(String(value.dropFirst().dropLast())), bytes.count == 32
            else {
                throw LinkError(.badRequest, "Content-Digest: sha-256 must be a byte sequence of 32 bytes (:BASE64:)")
            }
            return bytes
        }
        return nil
    }

    /// The field for a body whose SHA-256 is `hex` (64 hex digits, as the ledger keeps it).
    package static func field(hexSHA256 hex: String) -> String? {
        guard hex.utf8.count == 64, let bytes = Hex.decode(hex) else { return nil }
        return "sha-256=:" + Base64.encode(bytes) + ":"
    }

    private static func trimmed(_ text: Substring) -> String {
        var text = text
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
