/// One line of a declaration to screen: the trader's identifier as declared,
/// the day of entry the answer is for, and what the risk engine wants echoed.
///
/// As NDJSON or in a JSON array: `{"ref":"…","id":"…","scheme":"…","entryDate":"YYYY-MM-DD","role":"…"}`
/// (`id` and `entryDate` required). As CSV: the columns `ref`, `id`, `scheme`, `entry_date` and `role`, with
/// a header naming those present.
package struct Declaration: Sendable, Equatable, Decodable {
    /// The caller's reference for the line (declaration number and item), echoed in the answer.
    package var ref: String?
    /// The identifier as declared: AEO number, EORI, BN, MID, CTPAT account…
    package var id: String
    /// The identifier's scheme when the declaration says it; detected otherwise.
    package var scheme: String?
    /// The day of entry, `YYYY-MM-DD`: status and arrangements are taken as of this day.
    package var entryDate: String
    /// The role the trader is declared in (a canonical role: `importer`, `manufacturer`…), if any.
    package var role: String?

    package init(ref: String? = nil, id: String, scheme: String? = nil, entryDate: String, role: String? = nil) {
        self.ref = ref
        self.id = id
        self.scheme = scheme
        self.entryDate = entryDate
        self.role = role
    }

    /// Longest `ref` accepted.
    package static let maximumRefLength = 128
}

extension Declaration {
    /// Reads one NDJSON line (a JSON object), or says what is wrong with it.
    package static func decode(line: some Collection<UInt8>) throws(LookupError) -> Self {
        try DeclarationParser.parse(line)
    }

    /// A `DecodingError` in the words of the declaration's fields.
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _):
            return "the line has no \"\(key.stringValue)\""
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            guard type == String.self, let key = context.codingPath.last else { return "the line is not a JSON object" }
            return "\"\(key.stringValue)\" must be a string"
        case .dataCorrupted:
            return "the line is not a JSON object"
        @unknown default:
            return "the line cannot be read"
        }
    }
}
