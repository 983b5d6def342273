import MRAXML

/// The read direction of a mapping: the record layout to stream, and the
/// conversion of extracted values into canonical drafts with diagnostics.
package struct MappingReader: Sendable {
    let mapping: ProgramMapping
    let layout: RecordLayout
    /// Query index per batch entry (`nil`: nothing to read).
    private let batchQueries: [Int?]
    /// Query index per record entry.
    private let recordQueries: [Int?]
    /// The record entry that holds the member id, read first to name the record.
    private let memberIdEntry: Int?
    /// Positions of the entries read after all others (version 2: conditions, per-program codes), per level.
    private let deferredBatch: [Int]
    private let deferredRecord: [Int]

    package init(mapping: ProgramMapping) {
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
        deferredBatch = Self.deferred(mapping.batchEntries)
        deferredRecord = Self.deferred(mapping.recordEntries)
        layout = RecordLayout(
            root: mapping.root, recordSteps: mapping.recordPath.elements, batchQueries: batch, recordQueries: records)
    }

    private static func deferred(_ entries: [MappingEntry]) -> [Int] {
        entries.indices.filter {
            if case .field(let field) = entries[$0] { return field.rules?.isDeferred == true }
            return false
        }
    }

    private static func query(for entry: MappingEntry) -> PathQuery? {
        switch entry {
        case .fixed(let path, _, let check): return check ? path.query : nil
        case .field(let field):
            guard let path = field.path else { return nil }
            if let by = field.rules?.choice.orderPath {
                // Each matched element with its value and the value that orders it.
                return PathQuery(
                    steps: path.elements, members: [PathQuery(steps: [], attribute: path.attribute), by.query],
                    filters: path.filters)
            }
            return path.query
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
            if !deferredBatch.isEmpty && deferredBatch.contains(position) { continue }
            let found = batchQueries[position].map { matches[$0] } ?? []
            apply(entry, found, context: context, into: &draft, diagnostics: &diagnostics)
        }
        for position in deferredBatch {
            let found = batchQueries[position].map { matches[$0] } ?? []
            apply(mapping.batchEntries[position], found, context: context, into: &draft, diagnostics: &diagnostics)
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
        let deferring = !deferredRecord.isEmpty
        for (position, entry) in mapping.recordEntries.enumerated() {
            if deferring && deferredRecord.contains(position) { continue }
            let found = recordQueries[position].map { record.values[$0] } ?? []
            apply(entry, found, context: context, into: &draft, diagnostics: &diagnostics)
        }
        if draft.values[.program] == nil { draft.values[.program] = [mapping.program] }
        for position in deferredRecord {
            let found = recordQueries[position].map { record.values[$0] } ?? []
            apply(mapping.recordEntries[position], found, context: context, into: &draft, diagnostics: &diagnostics)
        }
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
            if entry.hasRules, let condition = entry.rules?.condition, !condition.holds(draft.first(condition.field)) {
                return
            }
            draft.values[entry.field] = [constant]
            return
        }
        if !entry.hasRules, !entry.field.isList, entry.separator == nil, entry.codes == nil, entry.date == nil,
            let match = matches.first, let text = match.text, !text.isEmpty
        {
            // The common case: one plain value.
            draft.values[entry.field] = [entry.normalized(text)]
            draft.lines[entry.field] = match.line
            if matches.count > 1 { draft.losses += notCarried(entry, matches, kept: 0, context: context) }
            return
        }
        let raw = candidates(entry, matches, context: context, into: &draft)
        if raw.isEmpty {
            if let defaultValue = entry.defaultValue,
                !entry.hasRules || (entry.rules?.condition.map { $0.holds(draft.first($0.field)) } ?? true)
            {
                draft.values[entry.field] = [defaultValue]
            } else if entry.required {
                report(context.line, name, RuleID.required, "\(name) (\(entry.path?.description ?? "")) is required")
            }
            return
        }
        var values: [String] = []
        for (text, line) in raw {
            if let value = canonical(entry, text, line: line, draft: draft, report: report) {
                values.append(value)
                if draft.lines[entry.field] == nil { draft.lines[entry.field] = line }
            }
        }
        if !values.isEmpty { draft.values[entry.field] = values }
    }

    /// The canonical value of one native value: normalized, through the code list, the date layout, the conversion.
    private func canonical(
        _ entry: FieldEntry, _ text: String, line: Int, draft: RecordDraft,
        report: (Int, String?, String, String) -> Void
    ) -> String? {
        let name = entry.field.rawValue
        var value = entry.normalized(text)
        if let codes = entry.codes {
            let rules = entry.hasRules ? entry.rules : nil
            let program = draft.first(.program) ?? mapping.program
            guard
                let list = rules?.scopedCodes.isEmpty == false
                    ? mapping.codeList(codes, program: program) : entry.codeList
            else {
                report(
                    line, name, RuleID.unknownCode, "\(mapping.program) has no \(codes) codes for members of \(program)"
                )
                return nil
            }
            guard let canonical = rules?.numeric == true ? list.canonical(number: value) : list.canonical(value) else {
                report(line, name, RuleID.unknownCode, "unknown \(name) code \"\(value)\" (code list \(codes))")
                return nil
            }
            value = canonical
        }
        if let pattern = entry.date {
            guard let date = pattern.parse(value) else {
                report(line, name, RuleID.badDate, "\"\(value)\" is not a date in the layout \(pattern)")
                return nil
            }
            value = date.description
        }
        if entry.hasRules, let rules = entry.rules, let conversion = rules.conversion {
            guard let converted = rules.canonical(fromNative: value, field: entry.field) else {
                let layout: String
                switch conversion {
                case .date(let pattern): layout = "a date in the layout \(pattern)"
                case .dateTime(let pattern): layout = "a date-time in the layout \(pattern)"
                }
                report(line, name, RuleID.badDate, "\"\(value)\" is not \(layout)")
                return nil
            }
            value = converted
        }
        return value
    }

    /// The native values the field carries, by its choice rule; every other matched value is a loss.
    private func candidates(
        _ entry: FieldEntry, _ matches: [Match], context: Context, into draft: inout RecordDraft
    ) -> [(text: String, line: Int)] {
        if entry.field.isList {
            var raw: [(text: String, line: Int)] = []
            for match in matches {
                guard let text = match.text, !text.isEmpty else { continue }
                if let separator = entry.separator {
                    for item in ListItems.split(text, separator: separator) { raw.append((item, match.line)) }
                } else {
                    raw.append((text, match.line))
                }
            }
            return raw
        }
        let choice = entry.hasRules ? entry.rules?.choice ?? .first : .first
        if case .highest(_, let order) = choice { return chosen(entry, matches, order, highest: true, context, &draft) }
        if case .lowest(_, let order) = choice { return chosen(entry, matches, order, highest: false, context, &draft) }
        let present = matches.filter { !($0.text ?? "").isEmpty }
        guard let first = present.first else { return [] }
        if case .join(let separator) = choice {
            return [(present.map { $0.text! }.joined(separator: separator), first.line)]
        }
        let kept = choice == .last ? present.count - 1 : 0
        if present.count > 1 { draft.losses += notCarried(entry, present, kept: kept, context: context) }
        return [(present[kept].text!, present[kept].line)]
    }

    /// `highest` / `lowest`: the group match whose order value is highest (lowest); ties keep the first.
    private func chosen(
        _ entry: FieldEntry, _ groups: [Match], _ order: FieldRules.Order, highest: Bool, _ context: Context,
        _ draft: inout RecordDraft
    ) -> [(text: String, line: Int)] {
        let present = groups.compactMap { group -> Match? in
            guard let value = group.members[0].first, !(value.text ?? "").isEmpty else { return nil }
            return Match(text: value.text, line: value.line, members: [group.members[1]])
        }
        guard !present.isEmpty else { return [] }
        var best = 0
        var bestKey = order.key(present[0].members[0].first?.text)
        for index in present.indices.dropFirst() {
            let key = order.key(present[index].members[0].first?.text)
            guard let key else { continue }
            if let current = bestKey, highest ? key <= current : key >= current { continue }
            best = index
            bestKey = key
        }
        if present.count > 1 { draft.losses += notCarried(entry, present, kept: best, context: context) }
        return [(present[best].text!, present[best].line)]
    }

    /// A loss for every matched value of a single-valued field but the one kept.
    private func notCarried(_ entry: FieldEntry, _ matches: [Match], kept: Int, context: Context) -> [Loss] {
        let rule: String
        switch entry.rules?.choice ?? .first {
        case .last: rule = "the last"
        case .highest(let by, _): rule = "the one with the highest \(by)"
        case .lowest(let by, _): rule = "the one with the lowest \(by)"
        default: rule = "the first"
        }
        let reason =
            "\(mapping.program) gives several \(entry.path?.description ?? entry.field.rawValue); the canonical record carries one \(entry.field.rawValue), \(rule)"
        var losses: [Loss] = []
        for (index, match) in matches.enumerated() where index != kept {
            guard let text = match.text, !text.isEmpty else { continue }
            losses.append(
                Loss(recordId: context.recordId ?? "-", field: entry.field.rawValue, value: text, reason: reason))
        }
        return losses
    }
}
