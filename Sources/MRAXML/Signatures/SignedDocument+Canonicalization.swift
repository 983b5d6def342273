internal import CMRALibXML2

extension SignedDocument {
    /// Exclusive XML canonicalization 1.0 of the whole document, without
    /// comments unless `keepingComments` (the form `xmllint --exc-c14n` prints;
    /// signatures never keep comments).
    public func canonicalize(
        inclusivePrefixes: [String] = [], keepingComments: Bool = false
    ) throws(XMLError) -> [UInt8] {
        var output: [UInt8] = []
        try canonicalize(visibleRoot: nil, inclusivePrefixes: inclusivePrefixes, comments: keepingComments) {
            output.append(contentsOf: $0)
        }
        return output
    }

    /// Streams the exclusive canonical form (without comments) of the whole
    /// document to `sink`, in chunks of a few kilobytes.
    public func canonicalize(
        inclusivePrefixes: [String] = [], into sink: (UnsafeRawBufferPointer) -> Void
    ) throws(XMLError) {
        try canonicalize(visibleRoot: nil, inclusivePrefixes: inclusivePrefixes, into: sink)
    }

    /// Streams the exclusive canonical form (without comments) of the whole
    /// document minus the subtree of signature number `index` in
    /// ``DocumentSurvey/signatures``: the enveloped-signature transform followed
    /// by exclusive C14N, for `Reference URI=""`. `sink` receives the bytes in
    /// chunks of a few kilobytes; nothing is held whole.
    public func canonicalizeExcludingSignature(
        _ index: Int, inclusivePrefixes: [String] = [], into sink: (UnsafeRawBufferPointer) -> Void
    ) throws(XMLError) {
        let node = signatureNodes[index]
        let parent = node.pointee.parent
        let next = node.pointee.next
        xmlUnlinkNode(node)
        defer {
            if let next {
                xmlAddPrevSibling(next, node)
            } else if let parent {
                xmlAddChild(parent, node)
            }
        }
        try canonicalize(visibleRoot: nil, inclusivePrefixes: inclusivePrefixes, into: sink)
    }

    /// The exclusive canonical form (without comments) of the `SignedInfo`
    /// child of signature number `index`, in the context of the document (so
    /// `inclusivePrefixes` can name namespaces declared on its ancestors).
    public func canonicalizeSignedInfo(_ index: Int, inclusivePrefixes: [String] = []) throws(XMLError) -> [UInt8] {
        var child = signatureNodes[index].pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, xmlStrEqual(current.pointee.name, "SignedInfo") == 1,
                let ns = current.pointee.ns, let href = ns.pointee.href, String(xmlString: href) == xmlDSigNamespace
            {
                var output: [UInt8] = []
                try canonicalize(visibleRoot: current, inclusivePrefixes: inclusivePrefixes) {
                    output.append(contentsOf: $0)
                }
                return output
            }
            child = current.pointee.next
        }
        throw XMLError(code: .malformed, message: "Signature has no SignedInfo", file: file)
    }

    /// Runs `xmlC14NExecute` in exclusive mode without comments. With
    /// `visibleRoot`, only that subtree is in the node set.
    private func canonicalize(
        visibleRoot: xmlNodePtr?, inclusivePrefixes: [String], comments: Bool = false,
        into sink: (UnsafeRawBufferPointer) -> Void
    ) throws(XMLError) {
        try withoutActuallyEscaping(sink) { (escapable) throws(XMLError) in
            let box = SinkBox(escapable)
            let opaque = Unmanaged.passUnretained(box).toOpaque()
            guard let buffer = xmlOutputBufferCreateIO(Self.write, nil, opaque, nil) else {
                throw XMLError(
                    code: .malformed, message: "could not create an output buffer (out of memory)", file: file)
            }
            let status = Self.withPrefixList(inclusivePrefixes) { prefixes in
                if let visibleRoot {
                    return xmlC14NExecute(
                        document, Self.isInSubtree, UnsafeMutableRawPointer(visibleRoot),
                        Int32(XML_C14N_EXCLUSIVE_1_0.rawValue), prefixes, 0, buffer)
                }
                return xmlC14NExecute(
                    document, nil, nil, Int32(XML_C14N_EXCLUSIVE_1_0.rawValue), prefixes, comments ? 1 : 0, buffer)
            }
            let closed = xmlOutputBufferClose(buffer)
            guard status >= 0, closed >= 0 else {
                throw XMLError(code: .malformed, message: "canonicalization failed", file: file)
            }
        }
    }

    /// Calls `body` with a NULL-terminated C array of the prefixes (nil when empty).
    private static func withPrefixList<R>(
        _ prefixes: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<xmlChar>?>?) -> R
    ) -> R {
        guard !prefixes.isEmpty else { return body(nil) }
        var pointers: [UnsafeMutablePointer<xmlChar>?] = prefixes.map { prefix in
            let bytes = Array(prefix.utf8) + [0]
            let pointer = UnsafeMutablePointer<xmlChar>.allocate(capacity: bytes.count)
            pointer.initialize(from: bytes, count: bytes.count)
            return pointer
        }
        pointers.append(nil)
        defer { for pointer in pointers { pointer?.deallocate() } }
        return pointers.withUnsafeMutableBufferPointer { body($0.baseAddress) }
    }

    /// libxml2's output callback: hands each chunk to the Swift sink.
    private static let write: xmlOutputWriteCallback = { context, bytes, length in
        guard let context, let bytes, length > 0 else { return length }
        let box = Unmanaged<SinkBox>.fromOpaque(context).takeUnretainedValue()
        box.sink(UnsafeRawBufferPointer(start: bytes, count: Int(length)))
        return length
    }

    /// Visibility for subtree canonicalization: a node (or the element owning
    /// an attribute or namespace node) is visible when the subtree root is
    /// among its ancestors-or-self.
    private static let isInSubtree: xmlC14NIsVisibleCallback = { userData, node, parent in
        guard let userData, let node else { return 0 }
        let root = userData.assumingMemoryBound(to: xmlNode.self)
        var current: xmlNodePtr? =
            (node.pointee.type == XML_NAMESPACE_DECL || node.pointee.type == XML_ATTRIBUTE_NODE) ? parent : node
        while let candidate = current {
            if candidate == root { return 1 }
            current = candidate.pointee.parent
        }
        return 0
    }
}

/// Carries a Swift closure through libxml2's `void *` context.
private final class SinkBox {
    let sink: (UnsafeRawBufferPointer) -> Void
    init(_ sink: @escaping (UnsafeRawBufferPointer) -> Void) { self.sink = sink }
}
