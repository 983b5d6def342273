import Foundation
import MRAXML

extension SchemaOutline {
    /// Reads the schema at `path` and the files it includes or imports (by
    /// relative `schemaLocation` only: a schema is never fetched from the network).
    package init(contentsOf path: String) throws(MappingError) {
        let loader = OutlineLoader()
        try loader.load(path, main: true)
        self = loader.outline()
    }
}

/// The namespace of XML Schema itself.
private let xs = "http://www.w3.org/2001/XMLSchema"

/// What a schema file says about the names it declares.
private struct SchemaFile {
    var targetNamespace: String?
    var qualifiedElements: Bool
    var qualifiedAttributes: Bool
}

/// Collects the global declarations of a schema's files, then builds the outline from them.
private final class OutlineLoader {
    enum Kind: String { case element, complexType, simpleType, attribute, group, attributeGroup }
    struct Declared {
        let element: Element
        let file: SchemaFile
    }

    private var declared: [Kind: [String: Declared]] = [:]
    private var loadedFiles: Set<String> = []
    private var ambiguous: [String] = []
    private var targetNamespace: String?
    /// How deep named groups may refer to groups (a recursive group is cut there).
    private let maxDepth = 32

    func load(_ path: String, main: Bool) throws(MappingError) {
        let standardized = (path as NSString).standardizingPath
        guard loadedFiles.insert(standardized).inserted else { return }
        guard loadedFiles.count <= 64 else { throw MappingError("more than 64 schema files", file: path) }
        let root = try MappingError.loading(standardized, schema: nil)
        guard root.name == QName(xs, "schema") else {
            throw MappingError("not an XML Schema (root \(root.name))", file: path, line: root.line)
        }
        let file = SchemaFile(
            targetNamespace: root.attribute("targetNamespace"),
            qualifiedElements: root.attribute("elementFormDefault") == "qualified",
            qualifiedAttributes: root.attribute("attributeFormDefault") == "qualified")
        if main { targetNamespace = file.targetNamespace }
        for child in root.children where child.name.namespaceURI == xs {
            if ["include", "import", "redefine"].contains(child.name.localName) {
                try follow(child, from: standardized)
            } else if let kind = Kind(rawValue: child.name.localName), let name = child.attribute("name") {
                if declared[kind]?[name] != nil { ambiguous.append(name) }
                declared[kind, default: [:]][name] = Declared(element: child, file: file)
            }
        }
    }

    private func follow(_ reference: Element, from path: String) throws(MappingError) {
        guard let location = reference.attribute("schemaLocation") else { return }
        guard !location.contains("://") else {
            throw MappingError(
                "schema location \(location) is remote: put a copy under Schemas/ and refer to it by a relative path",
                file: path, line: reference.line)
        }
        let folder = (path as NSString).deletingLastPathComponent
        try load(location.hasPrefix("/") ? location : folder + "/" + location, main: false)
    }

    func outline() -> SchemaOutline {
        var outline = SchemaOutline()
        outline.targetNamespace = targetNamespace
        outline.ambiguousNames = ambiguous.sorted()
        for (name, entry) in declared[.element] ?? [:] {
            outline.elements[name] = globalElement(entry, minOccurs: 1, maxOccurs: 1)
        }
        for (name, entry) in declared[.complexType] ?? [:] {
            outline.complexTypes[name] = complexType(entry.element, file: entry.file, depth: 0)
        }
        for (name, entry) in declared[.simpleType] ?? [:] { outline.simpleTypes[name] = simpleType(entry.element) }
        for (name, entry) in declared[.attribute] ?? [:] {
            outline.attributes[name] = attribute(entry.element, file: entry.file, global: true)
        }
        return outline
    }

    // MARK: Declarations

    private func globalElement(_ entry: Declared, minOccurs: Int, maxOccurs: Int?) -> SchemaOutline.ElementDeclaration {
        SchemaOutline.ElementDeclaration(
            name: QName(entry.file.targetNamespace, entry.element.attribute("name") ?? ""), minOccurs: minOccurs,
            maxOccurs: maxOccurs, type: type(of: entry.element, file: entry.file), line: entry.element.line)
    }

    private func type(of declaration: Element, file: SchemaFile) -> SchemaOutline.TypeReference {
        if let name = declaration.attribute("type") { return .named(Self.localName(name)) }
        if let complex = declaration.child(QName(xs, "complexType")) {
            return .complex(complexType(complex, file: file, depth: 0))
        }
        if let simple = declaration.child(QName(xs, "simpleType")) { return .simple(simpleType(simple)) }
        return .any
    }

    private func complexType(_ element: Element, file: SchemaFile, depth: Int) -> SchemaOutline.ComplexType {
        var type = SchemaOutline.ComplexType()
        for child in element.children where child.name.namespaceURI == xs {
            switch child.name.localName {
            case "simpleContent":
                for derivation in child.children where derivation.name.namespaceURI == xs {
                    if let base = derivation.attribute("base") { type.text = .named(Self.localName(base)) }
                    if let restricted = derivation.child(QName(xs, "simpleType")) {
                        type.text = .simple(simpleType(restricted))
                    }
                    add(attributesIn: derivation, to: &type, file: file, depth: depth)
                }
            case "complexContent":
                for derivation in child.children where derivation.name.namespaceURI == xs {
                    if derivation.name.localName == "extension", let base = derivation.attribute("base") {
                        type.base = Self.localName(base)
                    }
                    add(contentOf: derivation, to: &type, file: file, depth: depth)
                }
            default: break
            }
        }
        add(contentOf: element, to: &type, file: file, depth: depth)
        return type
    }

    /// The particles and attributes directly inside `element` (a complex type or a derivation).
    private func add(contentOf element: Element, to type: inout SchemaOutline.ComplexType, file: SchemaFile, depth: Int)
    {
        for child in element.children where child.name.namespaceURI == xs {
            switch child.name.localName {
            case "sequence", "choice", "all", "group":
                let particles = self.particles(child, file: file, optional: false, depth: depth)
                type.children += particles.elements
                type.allowsOtherElements = type.allowsOtherElements || particles.allowsOther
            default: break
            }
        }
        add(attributesIn: element, to: &type, file: file, depth: depth)
    }

    private func add(
        attributesIn element: Element, to type: inout SchemaOutline.ComplexType, file: SchemaFile, depth: Int
    ) {
        for child in element.children where child.name.namespaceURI == xs {
            switch child.name.localName {
            case "attribute":
                if child.attribute("use") != "prohibited" {
                    type.attributes.append(attribute(child, file: file, global: false))
                }
            case "attributeGroup":
                guard depth < maxDepth, let reference = child.attribute("ref"),
                    let group = declared[.attributeGroup]?[Self.localName(reference)]
                else { continue }
                add(attributesIn: group.element, to: &type, file: group.file, depth: depth + 1)
            default: break
            }
        }
    }

    private func attribute(_ element: Element, file: SchemaFile, global: Bool) -> SchemaOutline.AttributeDeclaration {
        let required = element.attribute("use") == "required"
        if let reference = element.attribute("ref") {
            let local = Self.localName(reference)
            // `xml:lang`, `xml:space`: the XML namespace is bound to the prefix `xml` by definition.
            let namespace =
                reference.hasPrefix("xml:")
                ? "http://www.w3.org/XML/1998/namespace" : declared[.attribute]?[local]?.file.targetNamespace
            let target = declared[.attribute]?[local]
            return SchemaOutline.AttributeDeclaration(
                name: QName(namespace, local), required: required,
                type: target.map { type(of: $0.element, file: $0.file) } ?? .named("string"),
                fixed: element.attribute("fixed") ?? target?.element.attribute("fixed"))
        }
        let qualified = global || element.attribute("form").map { $0 == "qualified" } ?? file.qualifiedAttributes
        return SchemaOutline.AttributeDeclaration(
            name: QName(qualified ? file.targetNamespace : nil, element.attribute("name") ?? ""), required: required,
            type: type(of: element, file: file), fixed: element.attribute("fixed"))
    }

    private func simpleType(_ element: Element) -> SchemaOutline.SimpleType {
        var type = SchemaOutline.SimpleType()
        if let restriction = element.child(QName(xs, "restriction")) {
            type.base = restriction.attribute("base").map(Self.localName)
            type.enumerations = restriction.children(QName(xs, "enumeration")).compactMap { $0.attribute("value") }
            if type.base == nil, let inner = restriction.child(QName(xs, "simpleType")) {
                let base = simpleType(inner)
                if type.enumerations.isEmpty { type.enumerations = base.enumerations }
                type.listItem = base.listItem
            }
        } else if let list = element.child(QName(xs, "list")) {
            if let item = list.attribute("itemType") {
                type.listItem = .named(Self.localName(item))
            } else if let inner = list.child(QName(xs, "simpleType")) {
                type.listItem = .simple(simpleType(inner))
            }
        }
        return type
    }

    // MARK: Particles

    /// The element particles of a compositor, flattened: an element inside an
    /// optional compositor, or one of several choices, is optional.
    private func particles(
        _ compositor: Element, file: SchemaFile, optional: Bool, depth: Int
    ) -> (elements: [SchemaOutline.ElementDeclaration], allowsOther: Bool) {
        guard depth < maxDepth else { return ([], true) }
        if compositor.name.localName == "group" {
            guard let reference = compositor.attribute("ref"), let group = declared[.group]?[Self.localName(reference)]
            else { return ([], false) }
            let groupOptional = optional || Self.minOccurs(compositor) == 0
            var result: ([SchemaOutline.ElementDeclaration], Bool) = ([], false)
            for inner in group.element.children where inner.name.namespaceURI == xs {
                let found = particles(inner, file: group.file, optional: groupOptional, depth: depth + 1)
                result.0 += found.elements
                result.1 = result.1 || found.allowsOther
            }
            return result
        }
        let members = compositor.children.filter { $0.name.namespaceURI == xs }
        let isOptional =
            optional || Self.minOccurs(compositor) == 0 || (compositor.name.localName == "choice" && members.count > 1)
        let repeats = Self.maxOccurs(compositor) != 1
        var elements: [SchemaOutline.ElementDeclaration] = []
        var allowsOther = false
        for member in members {
            switch member.name.localName {
            case "element":
                guard var declaration = element(member, file: file) else { continue }
                if isOptional { declaration.minOccurs = 0 }
                if repeats { declaration.maxOccurs = nil }
                elements.append(declaration)
            case "sequence", "choice", "all", "group":
                let inner = particles(member, file: file, optional: isOptional, depth: depth + 1)
                elements += inner.elements.map { declaration in
                    var copy = declaration
                    if repeats { copy.maxOccurs = nil }
                    return copy
                }
                allowsOther = allowsOther || inner.allowsOther
            case "any": allowsOther = true
            default: break
            }
        }
        return (elements, allowsOther)
    }

    /// A local element declaration or a reference to a global one.
    private func element(_ member: Element, file: SchemaFile) -> SchemaOutline.ElementDeclaration? {
        let minOccurs = Self.minOccurs(member)
        let maxOccurs = Self.maxOccurs(member)
        if let reference = member.attribute("ref") {
            guard let target = declared[.element]?[Self.localName(reference)] else { return nil }
            return globalElement(target, minOccurs: minOccurs, maxOccurs: maxOccurs)
        }
        guard let name = member.attribute("name") else { return nil }
        let qualified = member.attribute("form").map { $0 == "qualified" } ?? file.qualifiedElements
        return SchemaOutline.ElementDeclaration(
            name: QName(qualified ? file.targetNamespace : nil, name), minOccurs: minOccurs, maxOccurs: maxOccurs,
            type: type(of: member, file: file), line: member.line)
    }

    private static func minOccurs(_ element: Element) -> Int { element.attribute("minOccurs").flatMap(Int.init) ?? 1 }

    /// `nil` when unbounded.
    private static func maxOccurs(_ element: Element) -> Int? {
        guard let value = element.attribute("maxOccurs") else { return 1 }
        return value == "unbounded" ? nil : Int(value) ?? 1
    }

    /// `prefix:local` → `local`.
    private static func localName(_ name: String) -> String {
        name.split(separator: ":", maxSplits: 1).last.map(String.init) ?? name
    }
}
