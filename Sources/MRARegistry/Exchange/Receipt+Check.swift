import MRAGateway
import MRAXML

extension Receipt {
    /// Checks a receipt against `Schemas/receipt-1.xsd` before it is signed;
    /// a receipt that fails is never signed nor written: the job stops with
    /// `exchange-invalid-output`, naming the record (member id), the element
    /// and the schema's message.
    static func check(
        _ document: [UInt8], of entry: LedgerEntry, records: [RecordResult], schema: Result<Schema, XMLError>
    ) throws(ExchangeError) {
        let validator: OutputValidator
        do {
            // receipt/records/record
            validator = try OutputValidator(schema: try schema.get(), file: nil, recordName: "record", recordDepth: 3)
        } catch {
            throw ExchangeError(.configuration, "the receipt schema \(schemaFile): \(error)")
        }
        validator.feed(document)
        let problems = validator.finish()
        guard !problems.isEmpty else { return }
        let described = problems.prefix(5).map { problem in
            let memberId = records.indices.contains(problem.record - 1) ? records[problem.record - 1].memberId : nil
            let element = problem.elementPath.last?.localName ?? "-"
            let field = problem.attribute.map { "\(element)/@\($0.localName)" } ?? element
            return
                "\(memberId ?? "-"): \(field): \(problem.error.code): line \(problem.error.line): \(problem.error.message)"
        }
        throw ExchangeError(
            .invalidOutput,
            "the receipt for \(entry.fileName) is not valid against \(schemaFile); nothing was signed or recorded: "
                + described.joined(separator: "; "))
    }
}
