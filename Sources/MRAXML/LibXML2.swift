internal import CMRALibXML2

/// One-time, thread-safe initialisation of libxml2's global state.
///
/// A global `let` is initialised exactly once, on first use. `xmlCleanupParser`
/// is never called: it is not thread-safe.
enum LibXML2 {
    private static let initialized: Void = xmlInitParser()
    static func initialize() { _ = initialized }
}

extension String {
    /// Copies a NUL-terminated libxml2 string into Swift.
    init(xmlString pointer: UnsafePointer<xmlChar>) {
        self = String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }
}
