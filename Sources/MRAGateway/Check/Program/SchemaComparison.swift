import MRAXML

/// Compares a mapping with its format's schema: paths that exist, required
/// content that some entry fills, code lists against enumerations.
struct SchemaComparison {
    let mapping: ProgramMapping
    let outline: SchemaOutline
    let paths: MappedPaths
    /// How deep the walk of the schema goes (a recursive type is cut there).
    private let maxDepth = 32

    func compare(into findings: inout Findings) {
        guard let root = outline.elements[mapping.root.localName], root.name == mapping.root else {
            findings.error(
                ProgramCheck.Rule.path,
                "the document root \(mapping.root) is not a global element of \(mapping.schema)",
                file: mapping.file)
            return
        }
        for entry in paths.entries { check(entry, root: root, findings: &findings) }
        checkRequired(root, at: [], depth: 0, findings: &findings)
    }

    // MARK: Paths

    /// The entry's path exists; its codes or fixed value fit the type found there.
    private func check(_ entry: MappedPaths.Entry, root: SchemaOutline.ElementDeclaration, findings: inout Findings) {
        var element = root
        for step in entry.elements {
            guard let type = outline.complexType(element.type) else {
                findings.error(
                    ProgramCheck.Rule.path,
                    "\(entry.written): \(element.name.localName) has no child elements in the schema",
                    file: mapping.file, line: entry.line, field: entry.field)
                return
            }
            guard let child = type.children.first(where: { $0.name == step }) else {
                if type.allowsOtherElements { return }
                let known = type.children.map(\.name.localName).joined(separator: ", ")
                findings.error(
                    ProgramCheck.Rule.path,
                    "\(entry.written): \(step) is not a child of \(element.name.localName) in the schema (its children: \(known.isEmpty ? "none" : known))",
                    file: mapping.file, line: entry.line, field: entry.field)
                return
            }
            element = child
        }
        var valueType = outline.textType(element.type)
        if let attribute = entry.attribute {
            guard let declaration = outline.complexType(element.type)?.attributes.first(where: { $0.name == attribute })
            else {
                findings.error(
                    ProgramCheck.Rule.path,
                    "\(entry.written): \(element.name.localName) has no attribute \(attribute) in the schema",
                    file: mapping.file, line: entry.line, field: entry.field)
                return
            }
            valueType = declaration.type
        }
        guard let valueType, let allowed = outline.enumerations(valueType) else { return }
        checkValues(of: entry, against: allowed, findings: &findings)
    }

    /// A code list covers the enumeration both ways; a fixed value is one of it.
    private func checkValues(of entry: MappedPaths.Entry, against allowed: [String], findings: inout Findings) {
        let where_ = "\(entry.written) (enumeration: \(allowed.joined(separator: " ")))"
        if let fixed = entry.fixedValue, !allowed.contains(fixed) {
            findings.error(
                ProgramCheck.Rule.codes, "fixed value \"\(fixed)\" is not allowed at \(where_)", file: mapping.file,
                line: entry.line)
        }
        guard let list = entry.fieldEntry?.codeList else { return }
        // The lists of that name scoped to a member program share the element (mapping version 2).
        let lists = [list] + (mapping.scopedCodeLists[list.name] ?? [:]).sorted { $0.key < $1.key }.map(\.value)
        for scoped in lists {
            let written = scoped.canonicalValues.compactMap { scoped.native($0) }
            for native in written where !allowed.contains(native) {
                findings.error(
                    ProgramCheck.Rule.codes,
                    "code list \(list.name) writes \"\(native)\", which the schema does not allow at \(where_)",
                    file: mapping.file, line: entry.line, field: entry.field)
            }
        }
        let read = Set(lists.flatMap(\.nativeCodes))
        for value in allowed where !read.contains(value) {
            findings.error(
                ProgramCheck.Rule.codes,
                "the schema allows \"\(value)\" at \(entry.written), but code list \(list.name) has no code or alias for it: a valid file with it would be refused (MAP-CODE)",
                file: mapping.file, line: entry.line, field: entry.field)
        }
    }

    // MARK: Required content

    /// Walks the schema from `element`: every required attribute and child
    /// element of an element the mapping writes must be written by some entry.
    private func checkRequired(
        _ element: SchemaOutline.ElementDeclaration, at path: [QName], depth: Int, findings: inout Findings
    ) {
        guard depth < maxDepth, let type = outline.complexType(element.type) else { return }
        let inside = paths.entries(within: path)
        for attribute in type.attributes where attribute.required {
            let filling = paths.entries(at: path, attribute: attribute.name)
            report(
                filling, parent: inside, parentAlwaysPresent: alwaysPresent(path),
                what: "attribute \(attribute.name.localName) of \(element.name.localName)", findings: &findings)
        }
        for child in type.children {
            let childPath = path + [child.name]
            let filling = paths.entries(within: childPath)
            if child.minOccurs > 0 {
                report(
                    filling, parent: inside, parentAlwaysPresent: alwaysPresent(path),
                    what: "element \(child.name.localName) in \(element.name.localName)", findings: &findings)
            }
            if filling.isEmpty { continue }
            checkRequired(child, at: childPath, depth: depth + 1, findings: &findings)
        }
    }

    /// The element at `path` is in every document: the root, or an element some entry always fills.
    private func alwaysPresent(_ path: [QName]) -> Bool {
        path.isEmpty || paths.entries(within: path).contains(where: \.alwaysFilled)
    }

    /// No entry fills required content: an error. Content filled only from optional canonical fields
    /// while its parent can be written without it: a warning. (`parent` lists the entries that write
    /// inside the parent element.)
    private func report(
        _ filling: [MappedPaths.Entry], parent: [MappedPaths.Entry], parentAlwaysPresent: Bool, what: String,
        findings: inout Findings
    ) {
        if filling.isEmpty {
            findings.error(
                ProgramCheck.Rule.required,
                "the schema requires \(what), and no mapping entry writes it: every translation into this format would be invalid",
                file: mapping.file)
            return
        }
        guard !filling.contains(where: \.alwaysFilled) else { return }
        // The parent is only written with one of these entries: then the content is there too.
        let parentWithout = parent.contains { entry in
            !filling.contains { filled in
                (filled.written == entry.written && filled.elements == entry.elements)
                    || (filled.together != nil && filled.together == entry.together)
            }
        }
        guard parentAlwaysPresent || parentWithout else { return }
        let fields = Set(filling.compactMap(\.field)).sorted()
        let declaredLoss = fields.allSatisfy { mapping.lossReasons[$0] != nil }
        guard !declaredLoss else { return }
        findings.warning(
            ProgramCheck.Rule.required,
            "the schema requires \(what), written only from \(fields.joined(separator: ", ")), which a canonical record may lack: such records cannot be translated into this format (mark the entry required, give a default, or declare the loss)",
            file: mapping.file, line: filling.first?.line ?? 0, field: fields.first)
    }
}
