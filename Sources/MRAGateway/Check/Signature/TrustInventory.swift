import MRACrypto

/// Every certificate and CRL the gateway relies on, assessed at one time
/// against one warning window: each partner's anchors, intermediates and
/// CRLs (`Certs/<program>/`), and our own signing and TLS certificates.
/// `trust list` prints it, `trust check` fails on what needs attention, and
/// `exchange run` logs a warning for each such item.
public struct TrustInventory: Sendable {
    /// One partner's trust store.
    public struct Partner: Sendable {
        public var program: String
        /// Anchors, then intermediates, then CRLs, each in file-name order.
        public var items: [TrustItem]

        public init(program: String, items: [TrustItem]) {
            self.program = program
            self.items = items
        }
    }

    /// The assessment time, Unix seconds.
    public var time: Int64
    /// Items that end within this many days are `expiring`.
    public var windowDays: Int64
    public var partners: [Partner]
    /// Our signing certificate and its chain, our TLS certificate.
    public var ours: [TrustItem]

    /// The default window: the one in which signing commands already warn about our certificate.
    public static let defaultWindowDays = Signer.expiryWarningDays

    public init(time: Int64, windowDays: Int64, partners: [Partner] = [], ours: [TrustItem] = []) {
        self.time = time
        self.windowDays = windowDays
        self.partners = partners
        self.ours = ours
    }

    /// What needs attention: each item that is not `valid`, with its partner (nil for ours).
    public var attention: [(program: String?, item: TrustItem)] {
        partners.flatMap { partner in
            partner.items.filter(\.needsAttention).map { (Optional(partner.program), $0) }
        } + ours.filter(\.needsAttention).map { (nil, $0) }
    }

    /// One line for an item that needs attention, naming where it is and when it ends.
    public static func warning(program: String?, item: TrustItem) -> String {
        var line =
            (program ?? "ours") + ": "
            + "\(item.file): \(item.kind.rawValue) \(item.subject) is \(item.status.rawValue)"
        switch (item.status, item.validUntil, item.daysLeft) {
        case (.notYetValid, _, _):
            line += " (valid from \(UnixTime.isoDate(item.validFrom)))"
        case (.refused, _, _):
            line += " (\(item.note ?? "refused"): partners would refuse our signatures)"
        case (.crlMissing, _, _):
            line += " (no CRL of it in crls/: signatures whose chain runs through it are refused)"
        case (_, let until?, let days?) where days >= 0:
            line +=
                " (\(item.kind == .crl ? "next update due" : "expires") \(UnixTime.isoDate(until)), in \(days) day\(days == 1 ? "" : "s"))"
        case (_, let until?, _):
            line += " (\(item.kind == .crl ? "next update was due" : "expired") \(UnixTime.isoDate(until)))"
        default:
            break
        }
        return line
    }
}
