import MRAXML

/// The read direction of a mapping: the record layout to stream, and the
/// conversion of extracted values into canonical drafts with diagnostics.
struct MappingReader: Sendable {
    let mapping: ProgramMapping
    let layout: RecordLayout
    /// Query index per batch entry (`nil`: nothing to read).
    private let batchQueries: [Int?]
    /// Query index per record entry.
    private let recordQueries: [Int?]
    /// The record entry that holds the member id, read first to name the record.
    private let memberIdEntry: Int?

    init(mapping: ProgramMapping) {
        self.mapping = mapping
        var batch: [PathQuery] = []
        var batchIndex: [Int?] = []
        for entry in mapping.batchEntries {
            if let query = Self.query(for: entry) {
                batchIndex.append(batch.count)
                batch.append(query)
            } else {
                batchIndex.append(nil)
            }
        }
        var records: [PathQuery] = []
        var recordIndex: [Int?] = []
        var memberIdEntry: Int?
        for (position, entry) in mapping.recordEntries.enumerated() {
            if case .field(let field) = entry, field.field == .memberId { memberIdEntry = position }
            if let query = Self.query(for: entry) {
                recordIndex.append(records.count)
                records.append(query)
            } else {
                recordIndex.append(nil)
            }
        }
        self.batchQueries = batchIndex
        self.recordQueries = recordIndex
        self.memberIdEntry = memberIdEntry
        layout = RecordLayout(
            root: mapping.root, recordSteps: mapping.recordPath.elements, batchQueries: batch, recordQueries: records)
    }

    private static func query(for entry: MappingEntry) -> PathQuery? {
        switch entry {
        case .fixed(let path, _, let check): return check ? path.query : nil
        case .field(let field): return field.path?.query
        case .linkedId(_, let path, _, _): return path.query
        case .linkedIds(let path, let scheme, let value, _):
            return PathQuery(steps: path.elements, members: [scheme.query, value.query])
        }
    }

    /// Where diagnostics of one record (or of the batch) point.
    struct Context {
        var file: String
        var line: Int
        var recordId: String?
    }

    /// Reads the batch-level entries.
    func batch(_ matches: [[Match]], file: String, line: Int) -> (RecordDraft, [Diagnostic]) {
        var draft = RecordDraft()
        var diagnostics: [Diagnostic] = []
        let context = Context(file: file, line: line, recordId: nil)
        for (position, entry) in mapping.batchEntries.enumerated() {
            let found = batchQueries[position].map { matches[$0] } ?? []
            apply(entry, found, context: context, into: &draft, diagnostics: &diagnostics)
        }
        return (draft, diagnostics)
    }

    /// What every record of a batch inherits from the batch's values: the
    /// member-level fields given once for the whole batch.
    func inherited(from batch: RecordDraft) -> RecordDraft {
        var draft = RecordDraft()
        for (field, values) in batch.values.entries where !field.isBatchLevel {
            draft.values[field] = values
            draft.lines[field] = batch.lines[field]
        }
        return draft
    }

    /// Reads one record on top of what it inherits from its batch (``inherited(from:)``).
    func record(_ record: StreamedRecord, file: String, inherited: RecordDraft) -> (RecordDraft, [Diagnostic]) {
        var draft = inherited
        var context = Context(file: file, line: record.line, recordId: nil)
        if let memberIdEntry, let query = recordQueries[memberIdEntry],
            case .field(let entry) = mapping.recordEntries[memberIdEntry], let raw = record.values[query].first?.text
        {
            // Name the record by its member id as the canonical record has it.
            context.recordId = entry.normalized(raw)
        }
        var diagnostics: [Diagnostic] = []
        for (position, entry) in mapping.recordEntries.enumerated() {
            let found = recordQueries[position].map { record.values[$0] } ?? []
            apply(entry, found, context: context, into: &draft, diagnostics: &diagnostics)
        }
        if draft.values[.program] == nil { draft.values[.program] = [mapping.program] }
        return (draft, diagnostics)
    }

    private func apply(
        _ entry: MappingEntry, _ matches: [Match], context: Context, into draft: inout RecordDraft,
        diagnostics: inout [Diagnostic]
    ) {
        func report(_ line: Int, _ field: String?, _ rule: String, _ message: String) {
            diagnostics.append(
                Diagnostic(
                    file: context.file, line: line, recordId: context.recordId, field: field, rule: rule,
                    message: message))
        }
        switch entry {
        case .fixed(let path, let value, _):
            for match in matches where match.text != value {
                report(
                    match.line, nil, RuleID.fixedValue,
                    "\(path) is \"\(match.text ?? "")\", the format requires \"\(value)\"")
            }
        case .field(let field):
            read(field, matches, context: context, into: &draft, report: report)
        case .linkedId(let scheme, let path, let required, let repeats):
            let values = matches.filter { !($0.text ?? "").isEmpty }
            if values.isEmpty && required {
                report(
                    context.line, CanonicalField.linkedIds.rawValue, RuleID.required, "\(scheme) (\(path)) is required")
            }
            for match in repeats ? values : Array(values.prefix(1)) {
                draft.linkedIds.append((LinkedID(scheme: scheme, value: match.text!), match.line))
            }
        case .linkedIds(_, _, _, let schemeCodes):
            for group in matches {
                guard let rawScheme = group.members[0].first?.text, !rawScheme.isEmpty,
                    let value = group.members[1].first?.text, !value.isEmpty
                else {
                    report(
                        group.line, CanonicalField.linkedIds.rawValue, RuleID.required,
                        "linked id without scheme or value")
                    continue
                }
                var scheme = rawScheme
                if let schemeCodes {
                    guard let canonical = mapping.codeList(schemeCodes).canonical(rawScheme) else {
                        report(
                            group.line, CanonicalField.linkedIds.rawValue, RuleID.unknownCode,
                            "unknown identifier scheme \"\(rawScheme)\" (code list \(schemeCodes))")
                        continue
                    }
                    scheme = canonical
                }
                draft.linkedIds.append(
                    (LinkedID(scheme: scheme, value: value), group.members[1].first?.line ?? group.line))
            }
        }
    }

    private func read(
        _ entry: FieldEntry, _ matches: [Match], context: Context, into draft: inout RecordDraft,
        report: (Int, String?, String, String) -> Void
    ) {
        let name = entry.field.rawValue
        if let constant = entry.constant {
            draft.values[entry.field] = [constant]
            return
        }
        if !entry.field.isList, entry.separator == nil, entry.codes == nil, entry.date == nil,
            let match = matches.first, let text = match.text, !text.isEmpty
        {
            // The common case: one plain value.
            draft.values[entry.field] = [entry.normalized(text)]
            draft.lines[entry.field] = match.line
            return
        }
        var raw: [(text: String, line: Int)] = []
        for match in matches {
            guard let text = match.text, !text.isEmpty else { continue }
            if let separator = entry.separator {
                for item in ListItems.split(text, separator: separator) { raw.append((item, match.line)) }
            } else {
                raw.append((text, match.line))
                // A single-valued field takes its first value (and has no separator: the mapping's loading refuses one).
                if !entry.field.isList { break }
            }
        }
        if raw.isEmpty {
            if let defaultValue = entry.defaultValue {
                draft.values[entry.field] = [defaultValue]
            } else if entry.required {
                report(context.line, name, RuleID.required, "\(name) (\(entry.path?.description ?? "")) is required")
            }
            return
        }
        var values: [String] = []
        for (text, line) in raw {
            var value = entry.normalized(text)
            if let codes = entry.codes, let list = entry.codeList {
                guard let canonical = list.canonical(value) else {
                    report(line, name, RuleID.unknownCode, "unknown \(name) code \"\(value)\" (code list \(codes))")
                    continue
                }
                value = canonical
            }
            if let pattern = entry.date {
                guard let date = pattern.parse(value) else {
                    report(line, name, RuleID.badDate, "\"\(value)\" is not a date in the layout \(pattern)")
                    continue
                }
                value = date.description
            }
            values.append(value)
            if draft.lines[entry.field] == nil { draft.lines[entry.field] = line }
        }
        if !values.isEmpty { draft.values[entry.field] = values }
    }
}
