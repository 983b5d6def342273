public import MRAXML

extension ProgramMapping {
    /// The mapping format's namespace.
    public static let namespace = "urn:mra-gateway:mapping:1"

    /// Loads the mapping file at `path`, validating it against `schema`
    /// (`Schemas/mapping-1.xsd`) and checking what the schema cannot.
    public init(contentsOf path: String, schema: Schema?) throws(MappingError) {
        let root = try MappingError.loading(path, schema: schema)
        try self.init(element: root, file: path)
    }

    init(element root: Element, file: String) throws(MappingError) {
        let ns = Self.namespace
        func fail(_ message: String, _ element: Element) -> MappingError {
            MappingError(message, file: file, line: element.line)
        }
        guard root.name == QName(ns, "mapping"), let program = root.attribute("program") else {
            throw fail("root element is not a mapping of \(ns)", root)
        }
        self.program = program
        self.version = root.attribute("version") ?? "1"
        self.file = file

        var prefixes: [String: String] = [:]
        var namespaces: [(prefix: String, uri: String)] = []
        for declaration in root.children(QName(ns, "namespace")) {
            guard let prefix = declaration.attribute("prefix"), let uri = declaration.attribute("uri") else {
                throw fail("namespace needs prefix and uri", declaration)
            }
            prefixes[prefix] = uri
            namespaces.append((prefix, uri))
        }
        self.namespaces = namespaces

        var codeLists: [String: CodeList] = [:]
        for list in root.children(QName(ns, "codes")) {
            let name = list.attribute("name") ?? ""
            var codes: [(String, String)] = []
            var aliases: [(String, String)] = []
            var patterns: [String: XMLPattern] = [:]
            for entry in list.children {
                guard let value = entry.attribute("value"), let native = entry.attribute("native") else {
                    throw fail("code needs value and native", entry)
                }
                if entry.name.localName == "alias" {
                    aliases.append((value, native))
                } else {
                    codes.append((value, native))
                    if let pattern = entry.attribute("memberIdPattern") {
                        do {
                            patterns[value] = try XMLPattern(pattern)
                        } catch {
                            throw fail(error.message, entry)
                        }
                    }
                }
            }
            codeLists[name] = CodeList(name: name, codes: codes, aliases: aliases, memberIdPatterns: patterns)
        }
        self.codeLists = codeLists

        var lossReasons: [String: String] = [:]
        for loss in root.children(QName(ns, "loss")) {
            if let field = loss.attribute("field") { lossReasons[field] = loss.attribute("reason") ?? "" }
        }
        self.lossReasons = lossReasons

        guard let document = root.child(QName(ns, "document")), let schema = document.attribute("schema"),
            let rootName = document.attribute("root")
        else { throw fail("mapping needs a document with schema and root", root) }
        self.schema = schema
        let rootPath = try MappingPath(rootName, namespaces: prefixes)
        guard rootPath.elements.count == 1, rootPath.attribute == nil else {
            throw fail("document root must be one element name", document)
        }
        self.root = rootPath.elements[0]

        var batchEntries: [MappingEntry] = []
        var recordEntries: [MappingEntry] = []
        var recordPath: MappingPath?
        for child in document.children {
            switch child.name.localName {
            case "records":
                guard recordPath == nil, let path = child.attribute("path") else {
                    throw fail("exactly one records element with a path", child)
                }
                let parsed = try MappingPath(path, namespaces: prefixes)
                guard !parsed.elements.isEmpty, parsed.attribute == nil else {
                    throw fail("records path must name elements", child)
                }
                recordPath = parsed
                for entry in child.children {
                    recordEntries.append(try Self.entry(entry, prefixes: prefixes, codeLists: codeLists, file: file))
                }
            default:
                guard recordPath == nil else {
                    throw fail("batch-level entries must come before the records", child)
                }
                batchEntries.append(try Self.entry(child, prefixes: prefixes, codeLists: codeLists, file: file))
            }
        }
        guard let recordPath else { throw fail("mapping has no records element", document) }
        self.recordPath = recordPath
        self.batchEntries = batchEntries
        self.recordEntries = recordEntries

        let mapped = Set(fieldEntries.map(\.field))
        for needed in [CanonicalField.memberId, .legalName, .status] where !mapped.contains(needed) {
            throw fail("mapping does not map the required field \(needed.rawValue)", document)
        }
    }

    private static func entry(_ element: Element, prefixes: [String: String], codeLists: [String: CodeList], file: String)
        throws(MappingError) -> MappingEntry
    {
        func fail(_ message: String) -> MappingError { MappingError(message, file: file, line: element.line) }
        func path(_ name: String) throws(MappingError) -> MappingPath {
            guard let text = element.attribute(name) else { throw fail("\(element.name.localName) needs \(name)") }
            return try MappingPath(text, namespaces: prefixes)
        }
        func list(_ name: String?) throws(MappingError) -> String? {
            guard let name else { return nil }
            guard codeLists[name] != nil else { throw fail("unknown code list \"\(name)\"") }
            return name
        }
        let required = element.attribute("required") == "true"
        let repeats = element.attribute("repeat") == "true"
        switch element.name.localName {
        case "fixed":
            return .fixed(path: try path("path"), value: element.attribute("value") ?? "", check: element.attribute("check") == "true")
        case "field", "batch":
            let name = element.attribute(element.name.localName == "batch" ? "field" : "name") ?? ""
            guard let field = CanonicalField(rawValue: name), field != .linkedIds else {
                throw fail("unknown canonical field \"\(name)\"")
            }
            let constant = element.attribute("constant")
            let fieldPath = element.attribute("path") == nil ? nil : try path("path")
            guard (constant == nil) != (fieldPath == nil) else { throw fail("field \(name) needs a path or a constant") }
            var date: DatePattern?
            if let pattern = element.attribute("date") {
                guard let parsed = DatePattern(pattern) else { throw fail("bad date pattern \"\(pattern)\"") }
                date = parsed
            }
            var normalize: [FieldEntry.Normalization] = []
            for word in (element.attribute("normalize") ?? "").split(separator: " ") {
                guard let step = FieldEntry.Normalization(rawValue: String(word)) else {
                    throw fail("unknown normalization \"\(word)\"")
                }
                normalize.append(step)
            }
            let separator = element.attribute("separator")
            if (repeats || separator != nil) && !field.isList { throw fail("\(name) is not a list field") }
            return .field(
                FieldEntry(
                    field: field, path: fieldPath, constant: constant, defaultValue: element.attribute("default"),
                    required: required, codes: try list(element.attribute("codes")),
                    codeList: element.attribute("codes").flatMap { codeLists[$0] }, date: date, normalize: normalize,
                    repeats: repeats, separator: separator, line: element.line))
        case "linkedId":
            guard let scheme = element.attribute("scheme") else { throw fail("linkedId needs a scheme") }
            return .linkedId(scheme: scheme, path: try path("path"), required: required, repeats: repeats)
        case "linkedIds":
            let group = try path("path")
            guard group.attribute == nil, !group.elements.isEmpty else { throw fail("linkedIds path must name elements") }
            return .linkedIds(
                path: group, scheme: try path("scheme"), value: try path("value"),
                schemeCodes: try list(element.attribute("schemeCodes")))
        default:
            throw fail("unknown mapping entry \(element.name.localName)")
        }
    }
}
