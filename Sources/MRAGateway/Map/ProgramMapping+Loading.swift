package import MRAXML

extension ProgramMapping {
    /// The mapping format's namespace.
    package static let namespace = "urn:mra-gateway:mapping:1"

    /// Loads the mapping file at `path`, validating it against `schema`
    /// (`Schemas/mapping-1.xsd`) and checking what the schema cannot. With
    /// `version2` (`Schemas/mapping-2.xsd`), a file in the version-2 namespace
    /// is validated against that schema instead.
    package init(contentsOf path: String, schema: Schema?, version2: Schema? = nil) throws(MappingError) {
        let root: Element
        do {
            root = try MappingError.loading(path, schema: schema)
        } catch {
            guard let version2, (try? MappingError.loading(path, schema: nil))?.name.namespaceURI == Self.namespace2
            else { throw error }
            root = try MappingError.loading(path, schema: version2)
        }
        try self.init(element: root, file: path)
    }

    init(element root: Element, file: String) throws(MappingError) {
        let ns = root.name.namespaceURI == Self.namespace2 ? Self.namespace2 : Self.namespace
        guard root.name == QName(ns, "mapping"), let program = root.attribute("program") else {
            throw MappingError("root element is not a mapping of \(ns)", file: file, line: root.line)
        }
        self.language = ns == Self.namespace2 ? 2 : 1
        self.program = program
        self.version = root.attribute("version") ?? "1"
        self.file = file
        let namespaces = try Self.namespaces(root, file: file)
        self.namespaces = namespaces
        let prefixes = Dictionary(namespaces.map { ($0.prefix, $0.uri) }, uniquingKeysWith: { _, last in last })
        var scopedCodeLists: [String: [String: CodeList]] = [:]
        var codeLists = try Self.codeLists(root, file: file, scoped: &scopedCodeLists)
        self.sharedCodeLists = Set(codeLists.keys)
        for (name, lists) in scopedCodeLists where codeLists[name] == nil {
            codeLists[name] = lists[program] ?? lists.values.first
        }
        self.codeLists = codeLists
        self.scopedCodeLists = scopedCodeLists
        var lossReasons: [String: String] = [:]
        for loss in root.children(QName(ns, "loss")) {
            if let field = loss.attribute("field") { lossReasons[field] = loss.attribute("reason") ?? "" }
        }
        self.lossReasons = lossReasons

        guard let document = root.child(QName(ns, "document")), let schema = document.attribute("schema"),
            let rootName = document.attribute("root")
        else { throw MappingError("mapping needs a document with schema and root", file: file, line: root.line) }
        self.schema = schema
        let rootPath = try MappingPath(rootName, namespaces: prefixes)
        guard rootPath.elements.count == 1, rootPath.attribute == nil else {
            throw MappingError("document root must be one element name", file: file, line: document.line)
        }
        self.root = rootPath.elements[0]
        let lists = CodeListSet(plain: codeLists, scoped: scopedCodeLists, version2: language == 2)
        let entries = try Self.entries(document, prefixes: prefixes, codeLists: lists, file: file)
        self.batchEntries = entries.batch
        self.recordPath = entries.recordPath
        self.recordEntries = entries.records

        let mapped = Set(fieldEntries.map(\.field))
        for needed in [CanonicalField.memberId, .legalName, .status] where !mapped.contains(needed) {
            throw MappingError(
                "mapping does not map the required field \(needed.rawValue)", file: file, line: document.line)
        }
        tabular = try Self.tabularFormat(root, of: self)
    }

    /// The `<namespace>` declarations, in document order.
    private static func namespaces(
        _ root: Element, file: String
    ) throws(MappingError) -> [(prefix: String, uri: String)] {
        var namespaces: [(prefix: String, uri: String)] = []
        for declaration in root.children(QName(root.name.namespaceURI, "namespace")) {
            guard let prefix = declaration.attribute("prefix"), let uri = declaration.attribute("uri") else {
                throw MappingError("namespace needs prefix and uri", file: file, line: declaration.line)
            }
            namespaces.append((prefix, uri))
        }
        return namespaces
    }

    /// The `<codes>` lists by name: codes, aliases and the member id pattern of each code.
    private static func codeLists(
        _ root: Element, file: String, scoped: inout [String: [String: CodeList]]
    ) throws(MappingError) -> [String: CodeList] {
        var codeLists: [String: CodeList] = [:]
        for list in root.children(QName(root.name.namespaceURI, "codes")) {
            let name = list.attribute("name") ?? ""
            var codes: [(String, String)] = []
            var aliases: [(String, String)] = []
            var patterns: [String: XMLPattern] = [:]
            for entry in list.children {
                guard let value = entry.attribute("value"), let native = entry.attribute("native") else {
                    throw MappingError("code needs value and native", file: file, line: entry.line)
                }
                if entry.name.localName == "alias" {
                    aliases.append((value, native))
                    continue
                }
                codes.append((value, native))
                if let pattern = entry.attribute("memberIdPattern") {
                    do {
                        patterns[value] = try XMLPattern(pattern)
                    } catch {
                        throw MappingError(error.message, file: file, line: entry.line)
                    }
                }
            }
            let loaded = CodeList(name: name, codes: codes, aliases: aliases, memberIdPatterns: patterns)
            if let program = list.attribute("program") {
                scoped[name, default: [:]][program] = loaded
            } else {
                codeLists[name] = loaded
            }
        }
        return codeLists
    }

    /// The document's batch-level entries, then its one `<records>` element with the record entries.
    private static func entries(
        _ document: Element, prefixes: [String: String], codeLists: CodeListSet, file: String
    ) throws(MappingError) -> (batch: [MappingEntry], recordPath: MappingPath, records: [MappingEntry]) {
        var batchEntries: [MappingEntry] = []
        var recordEntries: [MappingEntry] = []
        var recordPath: MappingPath?
        for child in document.children {
            guard child.name.localName == "records" else {
                guard recordPath == nil else {
                    throw MappingError("batch-level entries must come before the records", file: file, line: child.line)
                }
                batchEntries.append(try entry(child, prefixes: prefixes, codeLists: codeLists, file: file))
                continue
            }
            guard recordPath == nil, let path = child.attribute("path") else {
                throw MappingError("exactly one records element with a path", file: file, line: child.line)
            }
            let parsed = try MappingPath(path, namespaces: prefixes)
            guard !parsed.elements.isEmpty, parsed.attribute == nil, parsed.filters.isEmpty else {
                throw MappingError("records path must name elements, without predicates", file: file, line: child.line)
            }
            recordPath = parsed
            for entry in child.children {
                recordEntries.append(try Self.entry(entry, prefixes: prefixes, codeLists: codeLists, file: file))
            }
        }
        guard let recordPath else {
            throw MappingError("mapping has no records element", file: file, line: document.line)
        }
        return (batchEntries, recordPath, recordEntries)
    }

    private static func entry(
        _ element: Element, prefixes: [String: String], codeLists: CodeListSet, file: String
    ) throws(MappingError) -> MappingEntry {
        try EntryParser(element: element, prefixes: prefixes, codeLists: codeLists, file: file).entry()
    }
}

/// A mapping's code lists: by name, and (version 2) those declared for one member program.
struct CodeListSet {
    var plain: [String: CodeList]
    var scoped: [String: [String: CodeList]]
    var version2: Bool
}

/// Reads one entry element of a mapping file (`field`, `batch`, `fixed`, `linkedId`, `linkedIds`).
struct EntryParser {
    let element: Element
    let prefixes: [String: String]
    let codeLists: CodeListSet
    let file: String

    func fail(_ message: String) -> MappingError { MappingError(message, file: file, line: element.line) }

    func path(_ name: String) throws(MappingError) -> MappingPath {
        guard let text = element.attribute(name) else { throw fail("\(element.name.localName) needs \(name)") }
        return try MappingPath(text, namespaces: prefixes)
    }

    func list(_ name: String?) throws(MappingError) -> String? {
        guard let name else { return nil }
        guard codeLists.plain[name] != nil else { throw fail("unknown code list \"\(name)\"") }
        return name
    }

    func entry() throws(MappingError) -> MappingEntry {
        let required = element.attribute("required") == "true"
        let repeats = element.attribute("repeat") == "true"
        switch element.name.localName {
        case "fixed":
            return .fixed(
                path: try path("path"), value: element.attribute("value") ?? "",
                check: element.attribute("check") == "true")
        case "field", "batch":
            return .field(try field(required: required, repeats: repeats))
        case "linkedId":
            guard let scheme = element.attribute("scheme") else { throw fail("linkedId needs a scheme") }
            return .linkedId(scheme: scheme, path: try path("path"), required: required, repeats: repeats)
        case "linkedIds":
            let group = try path("path")
            guard group.attribute == nil, !group.elements.isEmpty else {
                throw fail("linkedIds path must name elements")
            }
            return .linkedIds(
                path: group, scheme: try path("scheme"), value: try path("value"),
                schemeCodes: try list(element.attribute("schemeCodes")))
        default:
            throw fail("unknown mapping entry \(element.name.localName)")
        }
    }

    /// A `field` (record) or `batch` entry.
    private func field(required: Bool, repeats: Bool) throws(MappingError) -> FieldEntry {
        let name = element.attribute(element.name.localName == "batch" ? "field" : "name") ?? ""
        guard let field = CanonicalField(rawValue: name), field != .linkedIds else {
            throw fail("unknown canonical field \"\(name)\"")
        }
        let constant = element.attribute("constant")
        let fieldPath = element.attribute("path") == nil ? nil : try path("path")
        guard (constant == nil) != (fieldPath == nil) else {
            throw fail("field \(name) needs a path or a constant")
        }
        var date: DatePattern?
        if let pattern = element.attribute("date") {
            guard let parsed = DatePattern(pattern) else { throw fail("bad date pattern \"\(pattern)\"") }
            date = parsed
        }
        let normalize = try FieldEntry.Normalization.steps(element.attribute("normalize")) { word in
            fail("unknown normalization \"\(word)\"")
        }
        let separator = element.attribute("separator")
        if (repeats || separator != nil) && !field.isList { throw fail("\(name) is not a list field") }
        let rules = codeLists.version2 ? try rules(field: field, path: fieldPath, constant: constant) : nil
        return FieldEntry(
            field: field, path: fieldPath, constant: constant, defaultValue: element.attribute("default"),
            required: required, codes: try list(element.attribute("codes")),
            codeList: element.attribute("codes").flatMap { codeLists.plain[$0] },
            date: rules?.conversion == nil ? date : nil, normalize: normalize, repeats: repeats,
            separator: separator, line: element.line, rules: rules.flatMap { $0.isPlain ? nil : $0 })
    }
}
