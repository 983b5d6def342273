package import MRAGateway
import MRAPlumbing

/// Why the exchange job could not do its work (configuration, registry,
/// folders, signing identity). Files it did not reach stay in the inbox.
package struct ExchangeError: CodedError, Equatable {
    /// A stable code such as `exchange-filesystem`.
    package enum Code: String, ErrorCode {
        /// Catalogue, mappings, schemas or trust material cannot be loaded.
        case configuration = "exchange-configuration"
        /// The registry failed (see ``RegistryError``).
        case registry = "exchange-registry"
        /// A folder or file of the exchange root cannot be read or written.
        case filesystem = "exchange-filesystem"
        /// Our signing identity cannot sign.
        case signing = "exchange-signing"
        /// An outbound file cannot be produced (the target format cannot carry the records).
        case export = "exchange-export"
        /// A document the gateway wrote (an outbound list, a receipt) is not
        /// valid against its schema: it was not signed, written nor recorded.
        case invalidOutput = "exchange-invalid-output"
        /// Another exchange job holds the root's lock.
        case busy = "exchange-busy"
        /// `exchange release` or `exchange requeue` refused the ledger entry
        /// it was given: none such, not quarantined, not for that command, or
        /// already done.
        case entryRefused = "exchange-entry-refused"
    }

    package var code: Code
    package var message: String
    /// The error this one reports, when it comes from another domain (a
    /// ``RegistryError``, a storage library's error).
    package var cause: (any Error)?

    package init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    package init(_ error: RegistryError) {
        self.init(.registry, error.description, cause: error)
    }

    /// What a registry call or transaction threw, as the exchange reports it: an
    /// exchange error as it is, anything else under `exchange-registry`
    /// with its description, keeping it as the ``cause``.
    init(registryFailure error: any Error) {
        switch error {
        case let error as ExchangeError: self = error
        case let error as RegistryError: self.init(error)
        default: self.init(.registry, "\(error)", cause: error)
        }
    }
}

/// Stable reason codes for files that were not applied: in the ledger, in
/// receipts and in the reason file next to a quarantined file.
package enum ExchangeReason {
    /// The XML signature did not verify against the partner's trust store:
    /// the family of ``signatureRefused(_:)``'s codes.
    package static let signatureRefused = "signature-refused"
    /// `signature-refused/<the signature's own reason>`, such as
    /// `signature-refused/digest-mismatch`: what the ledger, receipts and
    /// `exchange status` carry for a refused signature.
    package static func signatureRefused(_ reason: SignatureFailure.Reason) -> String {
        signatureRefused + "/" + reason.rawValue
    }
    /// The document could not be read safely or is not the partner's format.
    package static let documentRefused = "document-refused"
    /// Records have errors; the receipt lists them with their rule ids.
    package static let invalidRecords = "invalid-records"
    /// The same bytes were already applied.
    package static let duplicateFile = "duplicate-file"
    /// A batch with the same partner batch id was already applied.
    package static let duplicateBatch = "duplicate-batch"
    /// The batch was created before a batch of the same partner that is already applied.
    package static let staleBatch = "stale-batch"
    /// A full list that would withdraw more than the allowed share of the
    /// partner's current members: not applied until an operator releases it.
    package static let massWithdrawal = "mass-withdrawal"
}
