package import MRAGateway
package import MRAXML

/// What reading one findings file gave: its validations and the problems found.
package struct FindingsReadResult: Sendable {
    package var file: String
    package var program: String
    package var validations: [Validation]
    package var diagnostics: [Diagnostic]
    /// The file could not be read to its end: its validations must not be used.
    package var refused: Bool
}

/// Reads a program's findings files through its ``FindingsMapping``, in one
/// streaming pass with schema validation (MRAXML's ``RecordStream``).
package struct FindingsReader: Sendable {
    package var mapping: FindingsMapping
    package var schema: Schema?
    /// The scheme of the program's member ids (`Mappings/programs.xml`).
    package var memberIdScheme: String
    /// The catalogue criterion ids are checked against.
    package var catalogue: CriteriaCatalogue?
    let layout: RecordLayout

    package init(mapping: FindingsMapping, schema: Schema?, memberIdScheme: String, catalogue: CriteriaCatalogue?) {
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
    package func read(path: String, displayName: String? = nil) -> FindingsReadResult {
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
                diagnostics.append(
                    Diagnostic(file: file, line: error.line, rule: error.code.rawValue, message: error.message))
            }
        } catch {
            refused = true
            diagnostics.append(
                Diagnostic(file: file, line: error.line, rule: error.code.rawValue, message: error.message))
        }
        diagnostics.sort(by: Diagnostic.reportOrder)
        return FindingsReadResult(
            file: file, program: mapping.program, validations: refused ? [] : validations, diagnostics: diagnostics,
            refused: refused)
    }

    /// One field of a streamed record: its entry, the text found (or the entry's constant) and where.
    private typealias RawField = (spec: FindingsMapping.FieldSpec, text: String?, line: Int)

    /// Builds one validation from a streamed record.
    private func validation(
        _ record: StreamedRecord, batch: [FindingsMapping.Field: (String, Int)], file: String
    ) -> (Validation?, [Diagnostic]) {
        let raw = rawFields(record)
        let memberIdField = raw.first { $0.spec.field == .memberId }
        let recordId = memberIdField.flatMap { field in
            field.text.map { FieldEntryNormalization.apply(field.spec.normalize, to: $0) }
        }
        var diagnostics = RecordDiagnostics(file: file, recordId: recordId)
        let values = fieldValues(raw, batch: batch, diagnostics: &diagnostics)
        // Record queries: the fields with a path, then one per linked-id entry, then the results.
        let linkedQuery = mapping.fields.count { $0.path != nil }
        let linkedIds = linkedIds(record, firstQuery: linkedQuery)
        let findings = findings(record.values[linkedQuery + mapping.linkedIds.count], diagnostics: &diagnostics)

        guard let memberId = values[.memberId], let dateText = values[.validationDate],
            let date = CalendarDate(iso: dateText), let validator = values[.validator]
        else { return (nil, diagnostics.found) }
        return (
            Validation(
                program: mapping.program, memberId: memberId, memberIdScheme: memberIdScheme, linkedIds: linkedIds,
                entityType: values[.entityType], validationId: values[.validationId], kind: values[.validationKind],
                date: date, validator: validator, office: values[.office], findings: findings, file: file,
                line: record.line),
            diagnostics.found
        )
    }

    /// Each field's text as found (the first match of its path) or its constant.
    private func rawFields(_ record: StreamedRecord) -> [RawField] {
        var query = 0
        var raw: [RawField] = []
        for spec in mapping.fields {
            if spec.path != nil {
                let match = record.values[query].first
                raw.append((spec, match?.text, match?.line ?? record.line))
                query += 1
            } else {
                raw.append((spec, spec.constant, record.line))
            }
        }
        return raw
    }

    /// The batch's values overlaid with the record's, normalized and through their code lists and date patterns.
    private func fieldValues(
        _ raw: [RawField], batch: [FindingsMapping.Field: (String, Int)], diagnostics: inout RecordDiagnostics
    ) -> [FindingsMapping.Field: String] {
        var values: [FindingsMapping.Field: String] = [:]
        for (field, (text, _)) in batch { values[field] = text }
        for (spec, text, line) in raw {
            let name = spec.field.rawValue
            func refuse(_ rule: String, _ message: String) {
                diagnostics.report(line: line, field: name, rule: rule, message: message)
            }
            guard let text, !text.isEmpty else {
                if spec.required && values[spec.field] == nil { refuse("FND-REQUIRED", "\(name) is required") }
                continue
            }
            var value = FieldEntryNormalization.apply(spec.normalize, to: text)
            if let codes = spec.codes {
                guard let canonical = codes.canonical(value) else {
                    refuse("FND-CODE", "\"\(value)\" is not in code list \(codes.name)")
                    continue
                }
                value = canonical
            }
            if let pattern = spec.date {
                guard let date = pattern.parse(value) else {
                    refuse("FND-DATE", "\"\(value)\" is not a date in the form \(pattern)")
                    continue
                }
                value = date.description
            }
            values[spec.field] = value
        }
        return values
    }

    /// The linked ids of every linked-id entry, whose queries start at `firstQuery`.
    private func linkedIds(_ record: StreamedRecord, firstQuery: Int) -> [LinkedID] {
        var linkedIds: [LinkedID] = []
        for (offset, entry) in mapping.linkedIds.enumerated() {
            for match in record.values[firstQuery + offset] {
                if let scheme = entry.scheme, let text = match.text, !text.isEmpty {
                    linkedIds.append(
                        LinkedID(scheme: scheme, value: FieldEntryNormalization.apply(entry.normalize, to: text)))
                } else if match.members.count == 2, let scheme = match.members[0].first?.text,
                    let value = match.members[1].first?.text, !scheme.isEmpty, !value.isEmpty
                {
                    linkedIds.append(LinkedID(scheme: entry.schemeCodes?.canonical(scheme) ?? scheme, value: value))
                }
            }
        }
        return linkedIds
    }

    /// One finding per result element whose criterion and result are known.
    private func findings(_ matches: [Match], diagnostics: inout RecordDiagnostics) -> [CriterionFinding] {
        var findings: [CriterionFinding] = []
        let results = mapping.results
        for match in matches {
            guard let native = match.members[0].first?.text, let code = match.members[1].first?.text else {
                diagnostics.report(
                    line: match.line, field: "criterion", rule: "FND-REQUIRED",
                    message: "a result needs a criterion and a result")
                continue
            }
            var criterion = native
            if let codes = results.criterionCodes {
                guard let canonical = codes.canonical(native) else {
                    diagnostics.report(
                        line: match.line, field: "criterion", rule: "FND-CODE",
                        message: "criterion \"\(native)\" is not in code list \(codes.name)")
                    continue
                }
                criterion = canonical
            }
            guard let result = results.resultCodes.canonical(code).flatMap(CriterionResult.init(rawValue:)) else {
                diagnostics.report(
                    line: match.line, field: "result", rule: "FND-CODE",
                    message: "\"\(code)\" is not in code list \(results.resultCodes.name)")
                continue
            }
            if let catalogue, catalogue.node(criterion) == nil {
                diagnostics.report(
                    line: match.line, field: "criterion", rule: "FND-CRITERION",
                    message: "\(mapping.criteria) has no criterion \(criterion)")
                continue
            }
            let note = match.members.count > 2 ? match.members[2].first?.text : nil
            findings.append(
                CriterionFinding(
                    criterion: criterion, result: result, note: note?.isEmpty == false ? note : nil, line: match.line))
        }
        return findings
    }
}
