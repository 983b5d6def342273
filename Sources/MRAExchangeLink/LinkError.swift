import MRAGateway
package import MRAPlumbing

/// A request to the exchange endpoint that is refused, or a delivery that
/// failed: a stable code (docs/exchange-link.md, "Error codes"), the HTTP
/// status it is answered with, and a message for people.
package struct LinkError: CodedError, Equatable {
    /// A stable code such as `client-certificate-refused`.
    package typealias Code = HTTPErrorCode<LinkError>

    package var code: Code
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

extension HTTPErrorCode where Domain == LinkError {
    /// The path names no partner program of the catalogue (or our own).
    package static var unknownProgram: Self { Self("unknown-program", status: 404) }
    /// No such route.
    package static var notFound: Self { Self("not-found", status: 404) }
    /// The route exists, not for this method.
    package static var methodNotAllowed: Self { Self("method-not-allowed", status: 405) }
    /// The client presented no certificate.
    package static var clientCertificateMissing: Self { Self("client-certificate-missing", status: 401) }
    /// The client's certificate does not verify against the path's partner's transport anchors.
    package static var clientCertificateRefused: Self { Self("client-certificate-refused", status: 403) }
    /// The client's certificate belongs to another partner than the path names.
    package static var clientCertificateWrongPartner: Self { Self("client-certificate-wrong-partner", status: 403) }
    /// No Content-Length.
    package static var lengthRequired: Self { Self("length-required", status: 411) }
    /// Neither application/xml nor text/csv.
    package static var unsupportedMediaType: Self { Self("unsupported-media-type", status: 415) }
    /// The body is larger than the partner's file limit.
    package static var bodyTooLarge: Self { Self("body-too-large", status: 413) }
    /// An MRA-File-Name or a receipt digest that is not well formed.
    package static var badRequest: Self { Self("bad-request", status: 400) }
    /// The body ended before Content-Length, or the connection went idle.
    package static var uploadIncomplete: Self { Self("upload-incomplete", status: 400) }
    /// The body's SHA-256 is not the one Content-Digest announced.
    package static var contentDigestMismatch: Self { Self("content-digest-mismatch", status: 400) }
    /// Another file with different content waits in the inbox under this name.
    package static var fileNameTaken: Self { Self("file-name-taken", status: 409) }
    /// No receipt, and no file waiting, for that SHA-256.
    package static var receiptUnknown: Self { Self("receipt-unknown", status: 404) }
    /// Another job holds the exchange root for longer than the endpoint waits.
    package static var busy: Self { Self("exchange-busy", status: 503) }
    /// The link's own settings are wrong (TLS identity, partner endpoint): the command exits 2.
    package static var configuration: Self { Self("link-configuration", status: 500) }
    /// The gateway could not keep or process the file (disk, registry, signing): try again.
    package static var unavailable: Self { Self("exchange-unavailable", status: 503) }

    /// Every code a request can be answered with (``configuration`` stops the command, never a request).
    package static var answered: [Self] {
        [
            unknownProgram, notFound, methodNotAllowed, clientCertificateMissing, clientCertificateRefused,
            clientCertificateWrongPartner, lengthRequired, unsupportedMediaType, bodyTooLarge, badRequest,
            uploadIncomplete, contentDigestMismatch, fileNameTaken, receiptUnknown, busy, unavailable,
        ]
    }
}
