/// What to extract, relative to a context element: follow `steps` (child
/// elements, all matches), then take each matched element's text content or
/// one of its attributes. A query with `members` is a group: each matched
/// element yields one ``Match`` whose `members` hold the members' matches,
/// evaluated relative to it.
public struct PathQuery: Sendable, Equatable {
    public var steps: [QName]
    /// The attribute to read; `nil` reads the element's whole text content.
    public var attribute: QName?
    public var members: [PathQuery]
    /// Per step, the predicates an element must pass besides its name; empty
    /// when no step has any (the common case, which costs nothing while matching).
    public var filters: [StepFilter]

    public init(steps: [QName], attribute: QName? = nil, members: [PathQuery] = [], filters: [StepFilter] = []) {
        self.steps = steps
        self.attribute = attribute
        self.members = members
        self.filters = filters.allSatisfy(\.isEmpty) ? [] : filters
    }

    /// The predicates of step `index` (none when the query has no filters).
    public func filter(at index: Int) -> StepFilter {
        index < filters.count ? filters[index] : StepFilter()
    }
}

/// The predicates of one path step (`a:Name[@xml:lang='en']`, `a:Line[2]`):
/// attribute equalities, then optionally a position, counted (from 1) among
/// the siblings that have the step's name and pass its attribute tests.
public struct StepFilter: Sendable, Hashable {
    /// An attribute that must be present with exactly this value.
    public struct AttributeTest: Sendable, Hashable {
        public var name: QName
        public var value: String
        public init(name: QName, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var attributes: [AttributeTest]
    /// 1-based position among the matching siblings; `nil` for any.
    public var position: Int?

    public init(attributes: [AttributeTest] = [], position: Int? = nil) {
        self.attributes = attributes
        self.position = position
    }

    /// No predicate at all.
    public var isEmpty: Bool { attributes.isEmpty && position == nil }
}

/// One value found by a ``PathQuery``.
public struct Match: Sendable, Equatable {
    /// The text (trimmed of XML white space) or attribute value; `nil` for a group.
    public var text: String?
    /// Line of the matched element's start tag.
    public var line: Int
    /// For a group, the matches of each member query, in query order.
    public var members: [[Match]]

    public init(text: String?, line: Int, members: [[Match]] = []) {
        self.text = text
        self.line = line
        self.members = members
    }
}

/// Where the records of a member list are, and what to extract.
public struct RecordLayout: Sendable, Equatable {
    /// The expected root element; any other root is refused.
    public var root: QName
    /// Steps from the root to the repeating record element.
    public var recordSteps: [QName]
    /// Queries relative to the root, for batch-level values (header).
    public var batchQueries: [PathQuery]
    /// Queries relative to each record element.
    public var recordQueries: [PathQuery]

    public init(root: QName, recordSteps: [QName], batchQueries: [PathQuery], recordQueries: [PathQuery]) {
        self.root = root
        self.recordSteps = recordSteps
        self.batchQueries = batchQueries
        self.recordQueries = recordQueries
    }
}

/// One record as extracted from a member list.
public struct StreamedRecord: Sendable, Equatable {
    /// 0-based position in the document.
    public var index: Int
    /// Line of the record's start tag.
    public var line: Int
    /// Matches of each record query, in query order.
    public var values: [[Match]]
}

/// What a whole read of a member list found besides the records.
public struct RecordStreamSummary: Sendable, Equatable {
    public var recordCount: Int
    /// Matches of each batch query.
    public var batch: [[Match]]
    /// Schema violations, in document order (at most ``XMLLimits/maxReportedSchemaErrors``).
    public var schemaErrors: [XMLError]
    /// All schema violations, including those not kept.
    public var schemaErrorCount: Int
    /// What the read found about the document's enveloped signature, when
    /// ``RecordStream/signatureHasher`` was set.
    public var signature: SignatureEvidence?
}
