import MRAPlumbing

/// The folders of an exchange root, created on first use:
///
/// ```
/// ROOT/registry.sqlite          the registry (unless given elsewhere)
/// ROOT/inbox/<program>/         partner files to process, taken in name order
/// ROOT/archive/<program>/       applied files: NNNNNN-<name> + .verification.json
/// ROOT/quarantine/<program>/    files not applied: NNNNNN-<name> + .reason.txt (+ .verification.json)
/// ROOT/receipts/<program>/      signed receipts for the partner: NNNNNN-<name>.receipt.xml
/// ROOT/outbox/<program>/        our signed lists for the partner
/// ```
///
/// `NNNNNN` is the file's ledger entry, so a partner may reuse a file name.
package struct ExchangeFolders: Sendable, Hashable {
    package var root: String

    package init(root: String) { self.root = root }

    package var defaultRegistry: String { root + "/registry.sqlite" }
    package var lock: String { root + "/.exchange.lock" }
    package func inbox(_ program: String) -> String { root + "/inbox/" + program }
    /// A file `name` in `program`'s inbox.
    package func inbox(_ program: String, file name: String) -> String { inbox(program) + "/" + name }
    package func archive(_ program: String) -> String { root + "/archive/" + program }
    package func quarantine(_ program: String) -> String { root + "/quarantine/" + program }
    package func receipts(_ program: String) -> String { root + "/receipts/" + program }
    package func outbox(_ program: String) -> String { root + "/outbox/" + program }

    /// Creates every folder for `programs`.
    package func create(programs: [String]) throws(ExchangeError) {
        for program in programs {
            for folder in [inbox(program), archive(program), quarantine(program), receipts(program), outbox(program)] {
                try DurableFiles.makeFolder(folder)
            }
        }
    }

    /// Where an inbound entry's file is kept: archive when applied, quarantine otherwise.
    package func destination(of entry: LedgerEntry) -> String {
        let folder = entry.outcome == .applied ? archive(entry.partner) : quarantine(entry.partner)
        return folder + "/" + Self.stem(of: entry)
    }

    /// Where the copy of an inbound file being loaded is written before it is
    /// renamed into the archive (hidden; named by the content's digest).
    package func archiveCopy(partner: String, digest: String) -> String {
        archive(partner) + "/." + digest + ".partial"
    }

    /// Where an inbound entry's receipt is written.
    package func receipt(of entry: LedgerEntry) -> String {
        receipts(entry.partner) + "/" + Self.stem(of: entry) + ".receipt.xml"
    }

    private static func stem(of entry: LedgerEntry) -> String {
        String(zeroPadded: Int(entry.id), width: 6) + "-" + entry.fileName
    }
}
