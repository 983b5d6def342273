package import MRAXML

/// A code list of a mapping file: native codes ↔ canonical values.
package struct CodeList: Sendable {
    package let name: String
    private let toCanonical: [String: String]
    private let toNative: [String: String]
    /// Per canonical value, the pattern a member id must match (`memberIdPattern`).
    package let memberIdPatterns: [String: XMLPattern]
    /// Canonical values with a native code, in the list's order.
    package let canonicalValues: [String]

    package init(
        name: String, codes: [(value: String, native: String)], aliases: [(value: String, native: String)],
        memberIdPatterns: [String: XMLPattern] = [:]
    ) {
        self.name = name
        var toCanonical: [String: String] = [:]
        var toNative: [String: String] = [:]
        for (value, native) in codes {
            toCanonical[native] = value
            if toNative[value] == nil { toNative[value] = native }
        }
        for (value, native) in aliases where toCanonical[native] == nil { toCanonical[native] = value }
        self.toCanonical = toCanonical
        self.toNative = toNative
        self.memberIdPatterns = memberIdPatterns
        var ordered: [String] = []
        for (value, _) in codes where !ordered.contains(value) { ordered.append(value) }
        self.canonicalValues = ordered
    }

    /// The canonical value of a native code, `nil` if unknown.
    package func canonical(_ native: String) -> String? { toCanonical[native] }
    /// The native code written for a canonical value, `nil` if the format has none.
    package func native(_ canonical: String) -> String? { toNative[canonical] }
    /// Every native code the list accepts.
    package var nativeCodes: [String] { toCanonical.keys.sorted() }
}
