public import MRAGateway
public import MRAXML

/// What reading one findings file gave: its validations and the problems found.
public struct FindingsReadResult: Sendable {
    public var file: String
    public var program: String
    public var validations: [Validation]
    public var diagnostics: [Diagnostic]
    /// The file could not be read to its end: its validations must not be used.
    public var refused: Bool
}

/// Reads a program's findings files through its ``FindingsMapping``, in one
/// streaming pass with schema validation (MRAXML's ``RecordStream``).
public struct FindingsReader: Sendable {
    public var mapping: FindingsMapping
    public var schema: Schema?
    /// The scheme of the program's member ids (`Mappings/programs.xml`).
    public var memberIdScheme: String
    /// The catalogue criterion ids are checked against.
    public var catalogue: CriteriaCatalogue?
    let layout: RecordLayout

    public init(mapping: FindingsMapping, schema: Schema?, memberIdScheme: String, catalogue: CriteriaCatalogue?) {
        self.mapping = mapping
        self.schema = schema
        self.memberIdScheme = memberIdScheme
        self.catalogue = catalogue
        var records: [PathQuery] = mapping.fields.compactMap { $0.path?.query }
        for entry in mapping.linkedIds {
            if let schemePath = entry.schemePath, let valuePath = entry.valuePath {
                records.append(PathQuery(steps: entry.path.elements, members: [schemePath.query, valuePath.query]))
            } else {
                records.append(entry.path.query)
            }
        }
        let results = mapping.results
        records.append(
            PathQuery(
                steps: results.path.elements,
                members: [results.criterion.query, results.result.query] + (results.note.map { [$0.query] } ?? [])))
        layout = RecordLayout(
            root: mapping.root, recordSteps: mapping.validationPath.elements,
            batchQueries: mapping.batchFields.compactMap { $0.path?.query }, recordQueries: records)
    }

    /// Reads the file at `path`; `displayName` names it in diagnostics.
    public func read(path: String, displayName: String? = nil) -> FindingsReadResult {
        let file = displayName ?? path
        var batch: [FindingsMapping.Field: (String, Int)] = [:]
        var validations: [Validation] = []
        var diagnostics: [Diagnostic] = []
        let stream = RecordStream(layout: layout, schema: schema)
        var refused = false
        do throws(XMLError) {
            let summary = try stream.read(
                path: path, displayName: file,
                onBatch: { matches in
                    var index = 0
                    for spec in mapping.batchFields {
                        if spec.path != nil {
                            if let match = matches[index].first, let text = match.text, !text.isEmpty {
                                batch[spec.field] = (text, match.line)
                            }
                            index += 1
                        } else if let constant = spec.constant {
                            batch[spec.field] = (constant, 0)
                        }
                    }
                },
                onRecord: { record in
                    let (validation, found) = self.validation(record, batch: batch, file: file)
                    diagnostics += found
                    if let validation { validations.append(validation) }
                })
            for error in summary.schemaErrors {
                diagnostics.append(Diagnostic(file: file, line: error.line, rule: error.code.rawValue, message: error.message))
            }
        } catch {
            refused = true
            diagnostics.append(Diagnostic(file: file, line: error.line, rule: error.code.rawValue, message: error.message))
        }
        diagnostics.sort(by: Diagnostic.reportOrder)
        return FindingsReadResult(
            file: file, program: mapping.program, validations: refused ? [] : validations, diagnostics: diagnostics,
            refused: refused)
    }

    /// Builds one validation from a streamed record.
    private func validation(
        _ record: StreamedRecord, batch: [FindingsMapping.Field: (String, Int)], file: String
    ) -> (Validation?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var values: [FindingsMapping.Field: String] = [:]
        var recordId: String?
        func report(_ line: Int, _ field: String?, _ rule: String, _ message: String) {
            diagnostics.append(
                Diagnostic(file: file, line: line, recordId: recordId, field: field, rule: rule, message: message))
        }
        var query = 0
        var raw: [(FindingsMapping.FieldSpec, String?, Int)] = []
        for spec in mapping.fields {
            if spec.path != nil {
                let match = record.values[query].first
                raw.append((spec, match?.text, match?.line ?? record.line))
                query += 1
            } else {
                raw.append((spec, spec.constant, record.line))
            }
        }
        if let memberId = raw.first(where: { $0.0.field == .memberId })?.1 {
            recordId = FieldEntryNormalization.apply(raw.first { $0.0.field == .memberId }!.0.normalize, to: memberId)
        }
        for (field, (text, _)) in batch { values[field] = text }
        for (spec, text, line) in raw {
            guard let text, !text.isEmpty else {
                if spec.required && values[spec.field] == nil {
                    report(line, spec.field.rawValue, "FND-REQUIRED", "\(spec.field.rawValue) is required")
                }
                continue
            }
            var value = FieldEntryNormalization.apply(spec.normalize, to: text)
            if let codes = spec.codes {
                guard let canonical = codes.canonical(value) else {
                    report(line, spec.field.rawValue, "FND-CODE", "\"\(value)\" is not in code list \(codes.name)")
                    continue
                }
                value = canonical
            }
            if let pattern = spec.date {
                guard let date = pattern.parse(value) else {
                    report(line, spec.field.rawValue, "FND-DATE", "\"\(value)\" is not a date in the form \(pattern)")
                    continue
                }
                value = date.description
            }
            values[spec.field] = value
        }

        var linkedIds: [LinkedID] = []
        for entry in mapping.linkedIds {
            for match in record.values[query] {
                if let scheme = entry.scheme, let text = match.text, !text.isEmpty {
                    linkedIds.append(LinkedID(scheme: scheme, value: FieldEntryNormalization.apply(entry.normalize, to: text)))
                } else if match.members.count == 2, let scheme = match.members[0].first?.text,
                    let value = match.members[1].first?.text, !scheme.isEmpty, !value.isEmpty
                {
                    linkedIds.append(LinkedID(scheme: entry.schemeCodes?.canonical(scheme) ?? scheme, value: value))
                }
            }
            query += 1
        }

        var findings: [CriterionFinding] = []
        let results = mapping.results
        for match in record.values[query] {
            guard let native = match.members[0].first?.text, let code = match.members[1].first?.text else {
                report(match.line, "criterion", "FND-REQUIRED", "a result needs a criterion and a result")
                continue
            }
            guard let criterion = results.criterionCodes.map({ $0.canonical(native) }) ?? native else {
                report(match.line, "criterion", "FND-CODE", "criterion \"\(native)\" is not in code list \(results.criterionCodes!.name)")
                continue
            }
            guard let result = results.resultCodes.canonical(code).flatMap(CriterionResult.init(rawValue:)) else {
                report(match.line, "result", "FND-CODE", "\"\(code)\" is not in code list \(results.resultCodes.name)")
                continue
            }
            if let catalogue, catalogue.node(criterion) == nil {
                report(match.line, "criterion", "FND-CRITERION", "\(mapping.criteria) has no criterion \(criterion)")
                continue
            }
            let note = match.members.count > 2 ? match.members[2].first?.text : nil
            findings.append(
                CriterionFinding(criterion: criterion, result: result, note: note?.isEmpty == false ? note : nil, line: match.line))
        }

        guard let memberId = values[.memberId], let dateText = values[.validationDate],
            let date = CalendarDate(iso: dateText), let validator = values[.validator]
        else { return (nil, diagnostics) }
        return (
            Validation(
                program: mapping.program, memberId: memberId, memberIdScheme: memberIdScheme, linkedIds: linkedIds,
                entityType: values[.entityType], validationId: values[.validationId], kind: values[.validationKind],
                date: date, validator: validator, office: values[.office], findings: findings, file: file,
                line: record.line),
            diagnostics
        )
    }
}
