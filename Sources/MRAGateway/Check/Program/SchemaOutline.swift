package import MRAXML

/// What an XML Schema declares, as far as onboarding a program needs it:
/// which elements and attributes exist where, which are required, and the
/// enumerations of their simple types.
///
/// libxml2 compiles and enforces the schema (``Schema``); the outline only
/// lets the gateway compare a mapping file with the schema before a document
/// is ever written. Type, element and group references are resolved by local
/// name across the schema and the files it includes or imports (a published
/// format whose files declare one name twice in different namespaces is
/// reported when it is loaded).
package struct SchemaOutline: Sendable {
    /// An element declaration as a particle: its name, how often it occurs, its type.
    package struct ElementDeclaration: Sendable {
        package var name: QName
        package var minOccurs: Int
        /// `nil` when unbounded.
        package var maxOccurs: Int?
        package var type: TypeReference
        /// Line of the declaration in its schema file.
        package var line: Int
    }

    /// An attribute declaration.
    package struct AttributeDeclaration: Sendable {
        package var name: QName
        package var required: Bool
        package var type: TypeReference
        /// A `fixed` value, when the schema gives one.
        package var fixed: String?
    }

    /// A type, named (resolved later) or declared in place.
    package indirect enum TypeReference: Sendable {
        case named(String)
        case complex(ComplexType)
        case simple(SimpleType)
        /// No type given: `xs:anyType`.
        case any
    }

    /// A complex type, with its content flattened into element particles.
    package struct ComplexType: Sendable {
        package var children: [ElementDeclaration] = []
        package var attributes: [AttributeDeclaration] = []
        /// The type of the text content (simple content), when there is one.
        package var text: TypeReference?
        /// The named complex type this one extends or restricts, if any.
        package var base: String?
        /// The content admits elements the schema does not name (`xs:any`).
        package var allowsOtherElements = false
    }

    /// A simple type: the base it restricts, or the item type of a list.
    package struct SimpleType: Sendable {
        package var base: String?
        package var enumerations: [String] = []
        package var listItem: TypeReference?
    }

    /// The target namespace of the main schema file.
    package var targetNamespace: String?
    /// Global declarations, by local name.
    package var elements: [String: ElementDeclaration] = [:]
    package var complexTypes: [String: ComplexType] = [:]
    package var simpleTypes: [String: SimpleType] = [:]
    /// Global attributes (`ref="xml:lang"` and the like), by local name.
    package var attributes: [String: AttributeDeclaration] = [:]
    /// Names declared twice, in different files or namespaces.
    package var ambiguousNames: [String] = []

    package init() {}
}

extension SchemaOutline {
    /// The complex type `reference` stands for, following named types; `nil` for simple types.
    package func complexType(_ reference: TypeReference) -> ComplexType? {
        switch reference {
        case .complex(let type): return withInheritance(type, depth: 0)
        case .named(let name): return complexTypes[name].map { withInheritance($0, depth: 0) }
        case .simple, .any: return nil
        }
    }

    /// The type's content with what its base types declare before it.
    private func withInheritance(_ type: ComplexType, depth: Int) -> ComplexType {
        guard let baseName = type.base, depth < 16, let base = complexTypes[baseName] else { return type }
        var merged = withInheritance(base, depth: depth + 1)
        merged.children += type.children
        merged.attributes += type.attributes.filter { attribute in
            !merged.attributes.contains { $0.name == attribute.name }
        }
        merged.text = type.text ?? merged.text
        merged.allowsOtherElements = merged.allowsOtherElements || type.allowsOtherElements
        merged.base = nil
        return merged
    }

    /// The simple type of an element's text or an attribute: the type itself,
    /// or the simple content of a complex type.
    package func textType(_ reference: TypeReference) -> TypeReference? {
        switch reference {
        case .simple, .any: return reference
        case .complex: return complexType(reference)?.text
        case .named(let name):
            if simpleTypes[name] != nil || Self.builtInTypes.contains(name) { return reference }
            return complexType(reference)?.text
        }
    }

    /// The enumerated values a simple type allows (following its bases), `nil` when it enumerates none.
    /// For a list type, the enumerations of its items.
    package func enumerations(_ reference: TypeReference) -> [String]? {
        var current = reference
        for _ in 0..<16 {
            let simple: SimpleType
            switch current {
            case .simple(let type): simple = type
            case .named(let name):
                guard let named = simpleTypes[name] else { return nil }
                simple = named
            case .complex, .any: return nil
            }
            if let item = simple.listItem { return enumerations(item) }
            if !simple.enumerations.isEmpty { return simple.enumerations }
            guard let base = simple.base else { return nil }
            current = .named(base)
        }
        return nil
    }

    /// XML Schema's built-in simple types, by local name.
    static let builtInTypes: Set<String> = [
        "string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN", "NMTOKENS", "ID", "IDREF",
        "IDREFS", "ENTITY", "ENTITIES", "QName", "NOTATION", "anyURI", "boolean", "base64Binary", "hexBinary",
        "decimal", "integer", "nonPositiveInteger", "negativeInteger", "long", "int", "short", "byte",
        "nonNegativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte", "positiveInteger",
        "float", "double", "duration", "dateTime", "time", "date", "gYearMonth", "gYear", "gMonthDay", "gDay",
        "gMonth", "anySimpleType", "anyType",
    ]
}
