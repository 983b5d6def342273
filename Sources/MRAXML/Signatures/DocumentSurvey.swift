/// What a tree walk of a ``SignedDocument`` found, as Swift values.
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

    /// An ID attribute value used more than once.
    public struct DuplicateID: Sendable, Equatable {
        public var value: String
        /// Lines of the elements carrying it.
        public var lines: [Int]
    }

    /// The document element's name.
    public var root: QName
    /// Every `ds:Signature` element, wherever it is, in document order.
    public var signatures: [Signature]
    /// ID values (attributes `Id`, `ID`, `id` in any namespace, and `xml:id`)
    /// that occur more than once.
    public var duplicateIDs: [DuplicateID]
    /// Lines of comments or processing instructions that sit inside text
    /// content (next to non-white-space text), such as `AEO<!---->123`.
    public var markupInsideText: [Int]
}

/// The XML-DSig namespace.
let xmlDSigNamespace = "http://www.w3.org/2000/09/xmldsig#"
