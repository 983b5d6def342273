/// Where a document's signatures sit, as a tree walk of a ``SignedDocument``
/// or a streaming read finds them.
///
/// Nothing else is surveyed. ID values are not: the profile's only Reference
/// is `URI=""`, which resolves no ID, so a repeated ID cannot move what is
/// signed. Comments and processing instructions inside text are not: every
/// reader of the gateway reads a value as all its character data joined, so
/// `AEO<!---->123` reads `AEO123`, exactly the text the canonical form signs.
public struct DocumentSurvey: Sendable, Equatable {
    /// One `ds:Signature` element and where it sits.
    public struct Signature: Sendable, Equatable {
        /// The element with its descendants.
        public var element: Element
        /// Whether its parent is the document element.
        public var isChildOfRoot: Bool
        /// Whether it is the document element's last child element, with only
        /// white space after it.
        public var isLastChildOfRoot: Bool
    }

    /// The document element's name.
    public var root: QName
    /// Every `ds:Signature` element, wherever it is, in document order.
    public var signatures: [Signature]
}

/// The XML-DSig namespace.
let xmlDSigNamespace = "http://www.w3.org/2000/09/xmldsig#"
