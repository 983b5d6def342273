internal import CMRALibXML2

/// One pass over a parsed tree: enforces the depth limit and refuses entity
/// references, and collects the signatures.
struct TreeWalk {
    private(set) var survey: DocumentSurvey
    private(set) var signatureNodes: [xmlNodePtr] = []

    init(document: xmlDocPtr, file: String?, limits: XMLLimits) throws(XMLError) {
        guard let root = xmlDocGetRootElement(document) else {
            throw XMLError(code: .malformed, message: "document has no root element", file: file)
        }
        survey = DocumentSurvey(root: Self.name(of: root), signatures: [])
        // Iterative depth-first walk: deep documents cannot overflow the stack.
        var node: xmlNodePtr? = root
        var depth = 1
        while let current = node {
            try visit(current, root: root, depth: depth, file: file, limits: limits)
            node = Self.next(after: current, root: root, depth: &depth)
        }
    }

    private mutating func visit(
        _ current: xmlNodePtr, root: xmlNodePtr, depth: Int, file: String?, limits: XMLLimits
    ) throws(XMLError) {
        switch current.pointee.type {
        case XML_ELEMENT_NODE:
            if depth > limits.maxDepth {
                throw XMLError(
                    code: .tooDeep, message: "elements nested deeper than \(limits.maxDepth) levels", file: file,
                    line: Int(xmlGetLineNo(current)))
            }
            if Self.isSignature(current) { visitSignature(current, root: root) }
        case XML_ENTITY_REF_NODE, XML_ENTITY_NODE, XML_ENTITY_DECL, XML_DTD_NODE, XML_XINCLUDE_START,
            XML_XINCLUDE_END:
            throw XMLError(
                code: .entity, message: "entity references and DTD nodes are refused", file: file,
                line: Int(xmlGetLineNo(current)))
        default:
            break
        }
    }

    /// Collects a signature element and where it sits.
    private mutating func visitSignature(_ current: xmlNodePtr, root: xmlNodePtr) {
        signatureNodes.append(current)
        let parentIsRoot = current.pointee.parent == root
        survey.signatures.append(
            DocumentSurvey.Signature(
                element: Self.element(current), isChildOfRoot: parentIsRoot,
                isLastChildOfRoot: parentIsRoot && Self.onlyWhitespaceFollows(current)))
    }

    /// The node after `current` in document order, within `root`; nil at the end.
    private static func next(after current: xmlNodePtr, root: xmlNodePtr, depth: inout Int) -> xmlNodePtr? {
        if current.pointee.type == XML_ELEMENT_NODE, let child = current.pointee.children {
            depth += 1
            return child
        }
        var climb: xmlNodePtr? = current
        while let up = climb, up != root {
            if let next = up.pointee.next { return next }
            climb = up.pointee.parent
            depth -= 1
        }
        return nil
    }

    static func isSignature(_ node: xmlNodePtr) -> Bool {
        guard let ns = node.pointee.ns, let href = ns.pointee.href else { return false }
        return xmlStrEqual(node.pointee.name, "Signature") == 1 && String(xmlString: href) == xmlDSigNamespace
    }

    private static func value(of attribute: xmlAttrPtr) -> String {
        guard let text = xmlNodeListGetString(attribute.pointee.doc, attribute.pointee.children, 1) else { return "" }
        defer { CMRALibXML2_xmlFree(text) }
        return String(xmlString: text)
    }

    private static func isText(_ node: xmlNodePtr?) -> Bool {
        guard let node, node.pointee.type == XML_TEXT_NODE || node.pointee.type == XML_CDATA_SECTION_NODE,
            let content = node.pointee.content
        else { return false }
        var pointer = content
        while pointer.pointee != 0 {
            switch pointer.pointee {
            case 0x20, 0x09, 0x0A, 0x0D: pointer += 1
            default: return true
            }
        }
        return false
    }

    private static func onlyWhitespaceFollows(_ node: xmlNodePtr) -> Bool {
        var next = node.pointee.next
        while let sibling = next {
            switch sibling.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if isText(sibling) { return false }
            case XML_COMMENT_NODE, XML_PI_NODE:
                break
            default:
                return false
            }
            next = sibling.pointee.next
        }
        return true
    }

    static func name(of node: xmlNodePtr) -> QName {
        let uri = node.pointee.ns.flatMap { $0.pointee.href }.map { String(xmlString: $0) }
        return QName(uri, node.pointee.name.map { String(xmlString: $0) } ?? "")
    }

    /// Copies an element subtree into a value.
    static func element(_ node: xmlNodePtr) -> Element {
        var result = Element(name: name(of: node), line: Int(xmlGetLineNo(node)))
        var attribute = node.pointee.properties
        while let property = attribute {
            let uri = property.pointee.ns.flatMap { $0.pointee.href }.map { String(xmlString: $0) }
            result.attributes.append(
                Element.Attribute(
                    name: QName(uri, property.pointee.name.map { String(xmlString: $0) } ?? ""),
                    value: value(of: property)))
            attribute = property.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let element = element(current)
                result.children.append(element)
                result.text += element.text
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { result.text += String(xmlString: content) }
            default:
                break
            }
            child = current.pointee.next
        }
        return result
    }
}
