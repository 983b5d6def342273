import MRAGateway
import MRAXML

extension ExchangeJob {
    /// Records and files an inbox file refused because it crosses one of the
    /// partner's ``XMLLimits``: parsed no further than the limit, nothing of
    /// it applied, its `copy` (or the file itself) in the quarantine, and the
    /// limit's code in the entry's message, its verification report and its
    /// receipt.
    func refuse(
        _ base: LedgerEntry, overLimit: XMLError, verifier: SignatureVerifier, copy: ArchiveCopy
    ) throws(ExchangeError) -> LedgerEntry {
        var entry = base
        entry.outcome = .refused
        entry.reason = ExchangeReason.documentRefused
        entry.message =
            "\(overLimit.code): \(overLimit.message) (line \(overLimit.line)); the file was parsed no further"
        var json = JSONText()
        verifier.refusalReport(file: base.fileName, SignatureVerifier.refused(overLimit)).write(to: &json)
        entry.verification = json.text
        let problem = Diagnostic(
            file: base.fileName, line: overLimit.line, rule: overLimit.code.rawValue, message: overLimit.message)
        return try recordAndFile(entry, records: RecordResult.Assignment(file: [problem]), copy: copy)
    }
}
