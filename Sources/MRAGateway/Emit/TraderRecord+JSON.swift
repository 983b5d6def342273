extension TraderRecord {
    /// The record as one line of JSON, fields in the contract's order
    /// (docs/canonical-record.md), absent values left out.
    public var jsonLine: String { CanonicalJSONEncoder.line(self) }
}
