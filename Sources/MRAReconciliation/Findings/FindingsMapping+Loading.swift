import MRAGateway
public import MRAXML

extension FindingsMapping {
    public static let namespace = "urn:mra-gateway:findings-mapping:1"

    /// Loads a findings mapping, validated against `schema` (`Schemas/findings-mapping-1.xsd`).
    public init(contentsOf path: String, schema: Schema?) throws(ReconciliationError) {
        let root: Element
        do {
            root = try Element(contentsOf: path, schema: schema)
        } catch {
            throw ReconciliationError(.findingsMapping, error.message, file: path, line: error.line)
        }
        let ns = Self.namespace
        func fail(_ message: String, _ element: Element) -> ReconciliationError {
            ReconciliationError(.findingsMapping, message, file: path, line: element.line)
        }
        guard root.name == QName(ns, "findingsMapping"), let program = root.attribute("program"),
            let criteria = root.attribute("criteria"), let document = root.child(QName(ns, "document")),
            let validations = document.child(QName(ns, "validations")),
            let results = validations.child(QName(ns, "results"))
        else { throw fail("not a findings mapping", root) }

        var prefixes: [String: String] = [:]
        for namespace in root.children(QName(ns, "namespace")) {
            if let prefix = namespace.attribute("prefix"), let uri = namespace.attribute("uri") { prefixes[prefix] = uri }
        }
        var codeLists: [String: CodeList] = [:]
        for list in root.children(QName(ns, "codes")) {
            guard let name = list.attribute("name") else { continue }
            let codes = list.children(QName(ns, "code")).compactMap { code -> (value: String, native: String)? in
                guard let value = code.attribute("value"), let native = code.attribute("native") else { return nil }
                return (value, native)
            }
            codeLists[name] = CodeList(name: name, codes: codes, aliases: [])
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
            var steps: [FieldEntryNormalization] = []
            for word in (element.attribute("normalize") ?? "").split(separator: " ") {
                guard let step = FieldEntryNormalization(rawValue: String(word)) else {
                    throw fail("unknown normalization \(word)", element)
                }
                steps.append(step)
            }
            return steps
        }
        func field(_ element: Element) throws(ReconciliationError) -> FieldSpec {
            guard let name = element.attribute("name"), let field = Field(rawValue: name) else {
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
            return FieldSpec(
                field: field, path: path, constant: constant, required: element.attribute("required") == "true",
                codes: try codes(element.attribute("codes"), element), date: date, normalize: try normalizations(element))
        }

        let rootText = document.attribute("root") ?? ""
        guard let rootPath = try mappingPath(rootText, document), rootPath.elements.count == 1, rootPath.attribute == nil
        else { throw fail("root must be one element name", document) }
        guard let validationPath = try mappingPath(validations.attribute("path"), validations),
            !validationPath.elements.isEmpty, validationPath.attribute == nil
        else { throw fail("validations path must name elements", validations) }

        var fields: [FieldSpec] = []
        for element in validations.children(QName(ns, "field")) { fields.append(try field(element)) }
        var batchFields: [FieldSpec] = []
        for element in document.children(QName(ns, "batch")) { batchFields.append(try field(element)) }
        let available = Set((fields + batchFields).map(\.field))
        for required in [Field.memberId, .validationDate, .validator] where !available.contains(required) {
            throw fail("the mapping has no \(required.rawValue)", validations)
        }

        var linkedIds: [LinkedIDEntry] = []
        for element in validations.children(QName(ns, "linkedId")) {
            guard let path = try mappingPath(element.attribute("path"), element) else { throw fail("linkedId needs a path", element) }
            linkedIds.append(
                LinkedIDEntry(
                    path: path, scheme: element.attribute("scheme"), schemePath: nil, valuePath: nil, schemeCodes: nil,
                    normalize: try normalizations(element)))
        }
        for element in validations.children(QName(ns, "linkedIds")) {
            guard let path = try mappingPath(element.attribute("path"), element),
                let scheme = try mappingPath(element.attribute("scheme"), element),
                let value = try mappingPath(element.attribute("value"), element)
            else { throw fail("linkedIds needs path, scheme and value", element) }
            linkedIds.append(
                LinkedIDEntry(
                    path: path, scheme: nil, schemePath: scheme, valuePath: value,
                    schemeCodes: try codes(element.attribute("schemeCodes"), element), normalize: []))
        }
        guard let resultsPath = try mappingPath(results.attribute("path"), results),
            let criterion = try mappingPath(results.attribute("criterion"), results),
            let result = try mappingPath(results.attribute("result"), results),
            let resultCodes = try codes(results.attribute("resultCodes"), results)
        else { throw fail("results needs path, criterion, result and resultCodes", results) }
        for value in resultCodes.canonicalValues where CriterionResult(rawValue: value) == nil {
            throw fail("result code list maps to \"\(value)\", not one of met, not-met, not-applicable, not-assessed", results)
        }

        self.init(
            program: program, criteria: criteria, version: root.attribute("version") ?? "1",
            schema: document.attribute("schema") ?? "", root: rootPath.elements[0], batchFields: batchFields,
            validationPath: validationPath, fields: fields, linkedIds: linkedIds,
            results: ResultsEntry(
                path: resultsPath, criterion: criterion, criterionCodes: try codes(results.attribute("criterionCodes"), results),
                result: result, resultCodes: resultCodes, note: try mappingPath(results.attribute("note"), results)),
            file: path)
    }
}
