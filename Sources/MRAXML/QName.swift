/// An expanded XML name: a namespace URI (or none) and a local name.
///
/// Names are always compared by namespace URI, never by prefix.
public struct QName: Hashable, Sendable, CustomStringConvertible {
    public var namespaceURI: String?
    public var localName: String

    public init(_ namespaceURI: String?, _ localName: String) {
        self.namespaceURI = namespaceURI
        self.localName = localName
    }

    /// Clark notation: `{urn:x}name`, or `name` without a namespace.
    public var description: String {
        if let namespaceURI { return "{\(namespaceURI)}\(localName)" }
        return localName
    }
}
