import MRAXML

/// The state of one partner file's read, event by event: the batch header
/// and what records inherit from it, each record mapped and checked (rules,
/// duplicate members), and the file's diagnostics, in report order at the end.
struct PartnerFileRead {
    private let reader: MappingReader
    private let configuration: GatewayConfiguration
    private let rules: BusinessRules
    private let file: String
    private let onlyMembersOf: String?
    /// The code list of the authorisation type, when the mapping has one.
    private let authTypes: CodeList?
    private var inherited = RecordDraft()
    private var header = BatchHeader()
    private var diagnostics: [Diagnostic] = []
    private var duplicates = DuplicateMemberCheck()
    /// Records read so far, and the member id of the last one: what a
    /// problem outside the records read so far is located in.
    private var recordsRead = 0
    private var lastRecordId: String?
    /// Schema violations not yet placed in a record: each is in the next
    /// record when that record starts at or before it, else in the last one.
    /// Placed as the records come, so nothing is kept per record.
    private var unplaced: [XMLError] = []

    init(_ partner: PartnerFileReader, file: String) {
        reader = partner.program.reader
        configuration = partner.configuration
        rules = partner.rules
        self.file = file
        onlyMembersOf = partner.onlyMembersOf
        let mapping = partner.program.mapping
        authTypes = mapping.fieldEntries.first { $0.field == .authType }?.codes.map { mapping.codeList($0) }
    }

    /// The batch queries' matches: the header, and what records inherit.
    mutating func batch(_ matches: [[Match]]) -> BatchHeader {
        let (draft, found) = reader.batch(matches, file: file, line: 1)
        inherited = reader.inherited(from: draft)
        diagnostics += found
        header = BatchHeader(
            id: draft.first(.batchId), kind: draft.first(.batchKind).flatMap(BatchHeader.Kind.init(rawValue:)),
            created: draft.first(.batchCreated))
        if let tabular = reader.mapping.tabular { header = tabular.completing(header, file: file, today: rules.today) }
        return header
    }

    /// One record: mapped, then checked against the rules and the records before it.
    mutating func record(_ streamed: StreamedRecord) -> ReadRecord {
        var (draft, found) = reader.record(streamed, file: file, inherited: inherited)
        if draft.values[.memberIdScheme] == nil, let program = draft.first(.program),
            let scheme = configuration.catalogue.program(program)?.memberIdScheme
        {
            draft.values[.memberIdScheme] = [scheme]
        }
        let record = draft.record(batchId: header.id)
        if let record {
            found += rules.check(
                record, file: file, recordLine: streamed.line, lines: draft.lines,
                linkedIdLines: draft.linkedIds.map(\.line), authTypes: authTypes)
            if let duplicate = duplicates.check(record, file: file, line: draft.lines[.memberId] ?? streamed.line) {
                found.append(duplicate)
            }
            if let owner = onlyMembersOf, record.program != owner {
                found.append(
                    Diagnostic(
                        file: file, line: draft.lines[.program] ?? streamed.line, recordId: record.memberId,
                        field: CanonicalField.program.rawValue, rule: RuleID.foreignMember,
                        message:
                            "not loaded: a member of \(record.program), which only \(record.program)'s own list changes",
                        severity: .warning))
            }
        }
        let id = record?.memberId ?? draft.first(.memberId)
        for violation in unplaced {
            add(violation, recordId: streamed.line <= violation.line ? id : lastRecordId)
        }
        unplaced.removeAll()
        recordsRead += 1
        lastRecordId = id
        diagnostics += found
        return ReadRecord(record: record, line: streamed.line, diagnostics: found, losses: draft.losses)
    }

    /// A schema violation, in order with the records (``RecordStreamEvent/schemaError(_:)``).
    mutating func schemaError(_ violation: XMLError) {
        unplaced.append(violation)
    }

    private mutating func add(_ error: XMLError, recordId: String?) {
        diagnostics.append(
            Diagnostic(
                file: file, line: error.line, recordId: recordId, field: nil, rule: error.code.rawValue,
                message: error.message))
    }

    /// The read's result, from the stream's summary or why it refused the file.
    mutating func finish(_ finished: Result<RecordStreamSummary, XMLError>) -> ReadResult {
        var refused = false
        var recordCount = 0
        var signature: SignatureEvidence?
        var stop: XMLError?
        for violation in unplaced { add(violation, recordId: lastRecordId) }
        unplaced.removeAll()
        diagnostics += duplicates.finish(file: file)
        switch finished {
        case .success(let summary):
            recordCount = summary.recordCount
            signature = summary.signature
            if summary.schemaErrorCount > summary.schemaErrors.count {
                diagnostics.append(
                    Diagnostic(
                        file: file, line: 0, rule: XMLError.Code.schemaInvalid.rawValue,
                        message:
                            "\(summary.schemaErrorCount - summary.schemaErrors.count) more schema violations not listed"
                    ))
            }
        case .failure(let error):
            refused = true
            stop = error
            recordCount = recordsRead
            add(error, recordId: lastRecordId)
        }
        diagnostics.sort(by: Diagnostic.reportOrder)
        return ReadResult(
            header: header, recordCount: recordCount, diagnostics: diagnostics, refused: refused, stop: stop,
            signature: signature)
    }
}
