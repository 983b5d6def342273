public import MRAPlumbing

/// Why the exchange job could not do its work (configuration, registry,
/// folders, signing identity). Files it did not reach stay in the inbox.
public struct ExchangeError: CodedError, Equatable {
    /// A stable code such as `exchange-filesystem`.
    public struct Code: ErrorCode {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }

        /// Catalogue, mappings, schemas or trust material cannot be loaded.
        public static let configuration = Code("exchange-configuration")
        /// The registry failed (see ``RegistryError``).
        public static let registry = Code("exchange-registry")
        /// A folder or file of the exchange root cannot be read or written.
        public static let filesystem = Code("exchange-filesystem")
        /// Our signing identity cannot sign.
        public static let signing = Code("exchange-signing")
        /// An outbound file cannot be produced (the target format cannot carry the records).
        public static let export = Code("exchange-export")
        /// Another exchange job holds the root's lock.
        public static let busy = Code("exchange-busy")
    }

    public var code: Code
    public var message: String
    /// The error this one reports, when it comes from another domain (a
    /// ``RegistryError``, a storage library's error).
    public var cause: (any Error)?

    public init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public init(_ error: RegistryError) {
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
public enum ExchangeReason {
    /// The XML signature did not verify against the partner's trust store
    /// (the message starts with the signature's own reason code).
    public static let signatureRefused = "signature-refused"
    /// The document could not be read safely or is not the partner's format.
    public static let documentRefused = "document-refused"
    /// Records have errors; the receipt lists them with their rule ids.
    public static let invalidRecords = "invalid-records"
    /// The same bytes were already applied.
    public static let duplicateFile = "duplicate-file"
    /// A batch with the same partner batch id was already applied.
    public static let duplicateBatch = "duplicate-batch"
    /// The batch was created before a batch of the same partner that is already applied.
    public static let staleBatch = "stale-batch"
}
