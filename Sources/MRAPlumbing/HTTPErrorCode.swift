/// A stable error code an HTTP API answers with, and the HTTP status it
/// answers with. `Domain` is the error type whose code it is, so that each
/// API's codes stay apart (the lookup API's `not-found` and the exchange
/// link's are values of different types); each domain declares its codes in
/// an extension constrained to it.
package struct HTTPErrorCode<Domain>: ErrorCode {
    package let rawValue: String
    /// The HTTP status for this code.
    package let status: Int

    package init(_ rawValue: String, status: Int) {
        self.rawValue = rawValue
        self.status = status
    }
}
