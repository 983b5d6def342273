import MRAGateway
package import MRAXML

extension CriteriaCatalogue {
    package static let namespace = "urn:mra-gateway:criteria:1"

    /// Loads a catalogue, validated against `schema` (`Schemas/criteria-1.xsd`).
    package init(contentsOf path: String, schema: Schema?) throws(ReconciliationError) {
        let root = try ReconciliationError.loading(path, schema: schema, code: .catalogue)
        let ns = Self.namespace
        guard root.name == QName(ns, "criteria"), let framework = root.attribute("framework"),
            let version = root.attribute("version")
        else { throw ReconciliationError(.catalogue, "not a criteria catalogue", file: path, line: root.line) }
        var nodes: [CriteriaNode] = []
        func walk(_ element: Element, parent: String?) {
            for child in element.children {
                guard child.name.namespaceURI == ns, let id = child.attribute("id") else { continue }
                switch child.name.localName {
                case "group":
                    nodes.append(
                        CriteriaNode(
                            id: id, kind: .group(child.attribute("kind") ?? "group"),
                            text: child.child(QName(ns, "title"))?.trimmedText ?? "",
                            confidence: child.attribute("confidence"), parent: parent))
                    walk(child, parent: id)
                case "criterion":
                    nodes.append(
                        CriteriaNode(
                            id: id, kind: .criterion, text: child.child(QName(ns, "text"))?.trimmedText ?? "",
                            level: child.attribute("level").flatMap(CriteriaNode.Level.init(rawValue:)),
                            entityTypes: (child.attribute("entityTypes") ?? "").split(separator: " ").map(String.init),
                            confidence: child.attribute("confidence"), parent: parent))
                default:
                    continue
                }
            }
        }
        walk(root, parent: nil)
        var seen: Set<String> = []
        for node in nodes where !seen.insert(node.id).inserted {
            throw ReconciliationError(.catalogue, "node id \(node.id) appears twice", file: path)
        }
        self.init(
            framework: framework, program: root.attribute("program"), version: version,
            title: root.child(QName(ns, "title"))?.trimmedText ?? framework,
            revalidationYears: root.attribute("revalidationYears").flatMap { Int($0) },
            revalidationNote: root.attribute("revalidationNote"), nodes: nodes)
    }
}

extension Crosswalk {
    /// Loads the crosswalk, validated against `schema` (`Schemas/criteria-1.xsd`).
    package init(contentsOf path: String, schema: Schema?) throws(ReconciliationError) {
        let root = try ReconciliationError.loading(path, schema: schema, code: .crosswalk)
        let ns = CriteriaCatalogue.namespace
        guard root.name == QName(ns, "crosswalk"), let version = root.attribute("version") else {
            throw ReconciliationError(.crosswalk, "not a crosswalk", file: path, line: root.line)
        }
        var links: [CrosswalkLink] = []
        for element in root.children(QName(ns, "link")) {
            guard let from = element.attribute("from").flatMap(CriterionReference.init),
                let to = element.attribute("to").flatMap(CriterionReference.init),
                let strength = element.attribute("strength").flatMap(LinkStrength.init(rawValue:))
            else {
                throw ReconciliationError(
                    .crosswalk, "link needs from, to and strength", file: path, line: element.line)
            }
            guard from.framework != to.framework else {
                throw ReconciliationError(
                    .crosswalk, "link \(from) to \(to) stays in one framework", file: path, line: element.line)
            }
            links.append(
                CrosswalkLink(
                    from: from, to: to, strength: strength, confidence: element.attribute("confidence") ?? "I",
                    source: element.attribute("source") ?? "", note: element.trimmedText))
        }
        self.init(
            version: version, title: root.child(QName(ns, "title"))?.trimmedText ?? "crosswalk",
            revisions: root.children(QName(ns, "revision")).map {
                Revision(version: $0.attribute("version") ?? "", date: $0.attribute("date") ?? "", text: $0.trimmedText)
            },
            hub: root.attribute("hub"), links: links)
    }
}
