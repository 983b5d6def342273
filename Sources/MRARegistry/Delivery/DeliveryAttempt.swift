/// One try at delivering an outbound file to a partner's exchange endpoint
/// (docs/exchange-link.md): when, where, what the partner answered.
package struct DeliveryAttempt: Hashable, Sendable {
    /// What came of an attempt. Stable codes, in `exchange status`.
    package enum Result: String, Hashable, Sendable, CaseIterable {
        /// The partner's receipt verified and names the bytes sent.
        case delivered
        /// Worth trying again later: no connection, a time-out, 408, 429, 5xx, a receipt still pending.
        case retry
        /// The partner refused the request (another 4xx), or its answer cannot be trusted
        /// (a receipt that does not verify or names other bytes): an operator must look.
        case refused
    }

    /// Assigned by the registry; 0 before the attempt is recorded.
    package var id: Int64
    /// The outbound ledger entry whose file was sent.
    package var entry: Int64
    /// ISO 8601 UTC.
    package var attemptedAt: String
    /// The URL posted to.
    package var endpoint: String
    /// The HTTP status, nil when no answer came.
    package var httpStatus: Int?
    package var result: Result
    /// Stable code of what went wrong (`connection-failed`, `receipt-digest-mismatch`, the partner's error code…).
    package var code: String?
    package var message: String?

    package init(
        id: Int64 = 0, entry: Int64, attemptedAt: String, endpoint: String, httpStatus: Int?, result: Result,
        code: String? = nil, message: String? = nil
    ) {
        self.id = id
        self.entry = entry
        self.attemptedAt = attemptedAt
        self.endpoint = endpoint
        self.httpStatus = httpStatus
        self.result = result
        self.code = code
        self.message = message
    }
}
