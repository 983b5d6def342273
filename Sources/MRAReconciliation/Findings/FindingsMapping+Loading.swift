import MRAGateway
package import MRAXML

extension FindingsMapping {
    package static let namespace = "urn:mra-gateway:findings-mapping:1"

    /// Loads a findings mapping, validated against `schema` (`Schemas/findings-mapping-1.xsd`).
    package init(contentsOf path: String, schema: Schema?) throws(ReconciliationError) {
        let root = try ReconciliationError.loading(path, schema: schema, code: .findingsMapping)
        let loader = FindingsMappingLoader(root: root, file: path)
        let ns = Self.namespace
        guard root.name == QName(ns, "findingsMapping"), let program = root.attribute("program"),
            let criteria = root.attribute("criteria"), let document = root.child(QName(ns, "document")),
            let validations = document.child(QName(ns, "validations")),
            let results = validations.child(QName(ns, "results"))
        else { throw loader.fail("not a findings mapping", root) }

        let rootText = document.attribute("root") ?? ""
        guard let rootPath = try loader.mappingPath(rootText, document), rootPath.elements.count == 1,
            rootPath.attribute == nil
        else { throw loader.fail("root must be one element name", document) }
        guard let validationPath = try loader.mappingPath(validations.attribute("path"), validations),
            !validationPath.elements.isEmpty, validationPath.attribute == nil
        else { throw loader.fail("validations path must name elements", validations) }
        let (fields, batchFields) = try loader.fields(validations: validations, document: document)
        let linkedIds = try loader.linkedIds(validations)
        let resultsEntry = try loader.results(results)

        self.init(
            program: program, criteria: criteria, version: root.attribute("version") ?? "1",
            schema: document.attribute("schema") ?? "", root: rootPath.elements[0], batchFields: batchFields,
            validationPath: validationPath, fields: fields, linkedIds: linkedIds, results: resultsEntry, file: path)
    }
}

/// Reads the parts of one findings mapping file against its namespace
/// declarations and code lists; every error names the file and line.
private struct FindingsMappingLoader {
    let file: String
    let prefixes: [String: String]
    let codeLists: [String: CodeList]
    let ns = FindingsMapping.namespace

    init(root: Element, file: String) {
        self.file = file
        var prefixes: [String: String] = [:]
        for namespace in root.children(QName(ns, "namespace")) {
            if let prefix = namespace.attribute("prefix"), let uri = namespace.attribute("uri") {
                prefixes[prefix] = uri
            }
        }
        self.prefixes = prefixes
        var codeLists: [String: CodeList] = [:]
        for list in root.children(QName(ns, "codes")) {
            guard let name = list.attribute("name") else { continue }
            let codes = list.children(QName(ns, "code")).compactMap { code -> (value: String, native: String)? in
                guard let value = code.attribute("value"), let native = code.attribute("native") else { return nil }
                return (value, native)
            }
            codeLists[name] = CodeList(name: name, codes: codes, aliases: [])
        }
        self.codeLists = codeLists
    }

    func fail(_ message: String, _ element: Element) -> ReconciliationError {
        ReconciliationError(.findingsMapping, message, file: file, line: element.line)
    }

    func mappingPath(_ text: String?, _ element: Element) throws(ReconciliationError) -> MappingPath? {
        guard let text else { return nil }
        do {
            return try MappingPath(text, namespaces: prefixes)
        } catch {
            throw fail(error.message, element)
        }
    }

    func codes(_ name: String?, _ element: Element) throws(ReconciliationError) -> CodeList? {
        guard let name else { return nil }
        guard let list = codeLists[name] else { throw fail("no code list \"\(name)\"", element) }
        return list
    }

    func normalizations(_ element: Element) throws(ReconciliationError) -> [FieldEntryNormalization] {
        try FieldEntryNormalization.steps(element.attribute("normalize")) { word in
            fail("unknown normalization \(word)", element)
        }
    }

    /// The record and batch fields; together they must give member id, date and validator.
    func fields(
        validations: Element, document: Element
    ) throws(ReconciliationError) -> (fields: [FindingsMapping.FieldSpec], batch: [FindingsMapping.FieldSpec]) {
        var fields: [FindingsMapping.FieldSpec] = []
        for element in validations.children(QName(ns, "field")) { fields.append(try field(element)) }
        var batchFields: [FindingsMapping.FieldSpec] = []
        for element in document.children(QName(ns, "batch")) { batchFields.append(try field(element)) }
        let available = Set((fields + batchFields).map(\.field))
        for required in [FindingsMapping.Field.memberId, .validationDate, .validator]
        where !available.contains(required) {
            throw fail("the mapping has no \(required.rawValue)", validations)
        }
        return (fields, batchFields)
    }

    func field(_ element: Element) throws(ReconciliationError) -> FindingsMapping.FieldSpec {
        guard let name = element.attribute("name"), let field = FindingsMapping.Field(rawValue: name) else {
            throw fail("unknown field \(element.attribute("name") ?? "")", element)
        }
        let path = try mappingPath(element.attribute("path"), element)
        let constant = element.attribute("constant")
        guard (path == nil) != (constant == nil) else { throw fail("a field needs a path or a constant", element) }
        var date: DatePattern?
        if let pattern = element.attribute("date") {
            guard let parsed = DatePattern(pattern) else { throw fail("bad date pattern \(pattern)", element) }
            date = parsed
        }
        return FindingsMapping.FieldSpec(
            field: field, path: path, constant: constant, required: element.attribute("required") == "true",
            codes: try codes(element.attribute("codes"), element), date: date, normalize: try normalizations(element))
    }

    /// `<linkedId>` entries (a fixed scheme), then `<linkedIds>` entries (scheme read per element).
    func linkedIds(_ validations: Element) throws(ReconciliationError) -> [FindingsMapping.LinkedIDEntry] {
        var linkedIds: [FindingsMapping.LinkedIDEntry] = []
        for element in validations.children(QName(ns, "linkedId")) {
            guard let path = try mappingPath(element.attribute("path"), element) else {
                throw fail("linkedId needs a path", element)
            }
            linkedIds.append(
                FindingsMapping.LinkedIDEntry(
                    path: path, scheme: element.attribute("scheme"), schemePath: nil, valuePath: nil, schemeCodes: nil,
                    normalize: try normalizations(element)))
        }
        for element in validations.children(QName(ns, "linkedIds")) {
            guard let path = try mappingPath(element.attribute("path"), element),
                let scheme = try mappingPath(element.attribute("scheme"), element),
                let value = try mappingPath(element.attribute("value"), element)
            else { throw fail("linkedIds needs path, scheme and value", element) }
            linkedIds.append(
                FindingsMapping.LinkedIDEntry(
                    path: path, scheme: nil, schemePath: scheme, valuePath: value,
                    schemeCodes: try codes(element.attribute("schemeCodes"), element), normalize: []))
        }
        return linkedIds
    }

    /// The `<results>` entry, whose result codes must map to the four results.
    func results(_ results: Element) throws(ReconciliationError) -> FindingsMapping.ResultsEntry {
        guard let resultsPath = try mappingPath(results.attribute("path"), results),
            let criterion = try mappingPath(results.attribute("criterion"), results),
            let result = try mappingPath(results.attribute("result"), results),
            let resultCodes = try codes(results.attribute("resultCodes"), results)
        else { throw fail("results needs path, criterion, result and resultCodes", results) }
        for value in resultCodes.canonicalValues where CriterionResult(rawValue: value) == nil {
            throw fail(
                "result code list maps to \"\(value)\", not one of met, not-met, not-applicable, not-assessed", results)
        }
        return FindingsMapping.ResultsEntry(
            path: resultsPath, criterion: criterion,
            criterionCodes: try codes(results.attribute("criterionCodes"), results),
            result: result, resultCodes: resultCodes, note: try mappingPath(results.attribute("note"), results))
    }
}
