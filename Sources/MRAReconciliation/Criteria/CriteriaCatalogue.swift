import MRAGateway
/// A node of a criteria catalogue: a group (focus area, category, article,
/// section) or an assessable criterion.
package struct CriteriaNode: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        /// A group, with its kind as the catalogue names it (`category`, `section`, …).
        case group(String)
        case criterion
    }

    /// Must or should (CTPAT grades its criteria).
    package enum Level: String, Sendable, Hashable {
        case must
        case should
    }

    /// The id as the administration writes it (`3.4`, `6.11`, `K`, `e`).
    package var id: String
    package var kind: Kind
    /// Title of a group, text of a criterion.
    package var text: String
    package var level: Level?
    /// Entity types the criterion applies to; empty means all.
    package var entityTypes: [String] = []
    /// `C`, `C-3p` or `I`, as in the domain notes.
    package var confidence: String?
    /// Id of the enclosing group, `nil` at the top.
    package var parent: String?
}

/// One framework's criteria (`Mappings/criteria/<framework>.xml`): CTPAT MSC,
/// EU AEO, WCO SAFE, a partner's program.
package struct CriteriaCatalogue: Sendable {
    /// The prefix of references (`ctpat` in `ctpat:3.4`).
    package var framework: String
    /// The gateway program validated against it; `nil` for WCO SAFE.
    package var program: String?
    package var version: String
    package var title: String
    /// Longest interval between two validations of a member; `nil`: no fixed cycle.
    package var revalidationYears: Int?
    package var revalidationNote: String?
    /// Every node in document order.
    package var nodes: [CriteriaNode]
    private var index: [String: Int]

    package init(
        framework: String, program: String?, version: String, title: String, revalidationYears: Int?,
        revalidationNote: String?, nodes: [CriteriaNode]
    ) {
        self.framework = framework
        self.program = program
        self.version = version
        self.title = title
        self.revalidationYears = revalidationYears
        self.revalidationNote = revalidationNote
        self.nodes = nodes
        var index: [String: Int] = [:]
        for (position, node) in nodes.enumerated() { index[node.id] = position }
        self.index = index
    }

    /// The node `id`, if the catalogue has it.
    package func node(_ id: String) -> CriteriaNode? { index[id].map { nodes[$0] } }

    /// Whether `id` is `ancestor` or lies beneath it.
    package func isWithin(_ id: String, _ ancestor: String) -> Bool {
        var current: String? = id
        while let node = current {
            if node == ancestor { return true }
            current = self.node(node)?.parent
        }
        return false
    }
}
