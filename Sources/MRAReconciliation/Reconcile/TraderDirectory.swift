package import MRAGateway
/// A trader's record as some program's list (or, later, the registry) holds it.
package struct TraderListing: Sendable, Hashable {
    /// The canonical record: its program, ids, status and validation dates.
    package var record: TraderRecord
    /// The program whose administration's list holds the record. For an EU
    /// AEO in CBP's batch, the record's program is `eu-aeo` and `listedBy` is `ctpat`.
    package var listedBy: String
    /// File or store the record came from.
    package var source: String

    package init(record: TraderRecord, listedBy: String, source: String) {
        self.record = record
        self.listedBy = listedBy
        self.source = source
    }

    /// Whether the record is its own administration's (not a partner's copy).
    package var isAuthoritative: Bool { record.program == listedBy }
}

/// A source of canonical trader records with their status: member-list files
/// today (``MemberListDirectory``), the registry when it exists. Reconciliation
/// only needs this protocol.
package protocol TraderDirectory: Sendable {
    /// Every record the directory holds, and problems worth reporting.
    func listings() throws(ReconciliationError) -> (listings: [TraderListing], diagnostics: [Diagnostic])
}

/// Trader records read from member-list files, each in a program's exchange
/// format (the same files `validate` checks).
package struct MemberListDirectory: TraderDirectory {
    package var configuration: GatewayConfiguration
    /// `(program of the file's format, path)`, in the order given.
    package var files: [(program: String, path: String)]
    package var today: CalendarDate

    package init(configuration: GatewayConfiguration, files: [(program: String, path: String)], today: CalendarDate) {
        self.configuration = configuration
        self.files = files
        self.today = today
    }

    package func listings() throws(ReconciliationError) -> (listings: [TraderListing], diagnostics: [Diagnostic]) {
        var listings: [TraderListing] = []
        var diagnostics: [Diagnostic] = []
        for (program, path) in files {
            let reader: PartnerFileReader
            do {
                reader = try PartnerFileReader(configuration: configuration, program: program, today: today)
            } catch {
                throw ReconciliationError(.members, error.message, file: path)
            }
            var records: [TraderRecord] = []
            let result = reader.read(path: path, onRecord: { if let record = $0.record { records.append(record) } })
            if result.refused {
                let reason = result.diagnostics.last?.description ?? "file refused"
                throw ReconciliationError(.members, "member list refused: \(reason)", file: path)
            }
            diagnostics += result.diagnostics.filter { $0.severity == .error }
            listings += records.map { TraderListing(record: $0, listedBy: program, source: path) }
        }
        return (listings, diagnostics)
    }
}
