package import MRAXML

/// A code list of a mapping file: native codes ↔ canonical values.
package struct CodeList: Sendable {
    package let name: String
    private let toCanonical: [String: String]
    private let toNative: [String: String]
    /// Native codes that are decimal numbers, by their number's plain form (``numberForm(_:)``).
    private let byNumber: [String: String]
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
        var byNumber: [String: String] = [:]
        for (native, value) in toCanonical {
            if let number = Self.numberForm(native), byNumber[number] == nil { byNumber[number] = value }
        }
        self.byNumber = byNumber
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
    /// The canonical value of a native code compared as a number (`01`, `1`, `1.0` alike).
    package func canonical(number native: String) -> String? {
        toCanonical[native] ?? Self.numberForm(native).flatMap { byNumber[$0] }
    }

    /// A decimal number without sign noise, leading zeros or trailing fraction zeros; `nil` if not a number.
    package static func numberForm(_ text: String) -> String? {
        var text = Substring(text.trimmingXMLWhitespace())
        var sign = ""
        if text.first == "+" || text.first == "-" {
            sign = text.first == "-" ? "-" : ""
            text = text.dropFirst()
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            !(parts[0].isEmpty && (parts.count == 1 || parts[1].isEmpty))
        else { return nil }
        var whole = String(parts[0].drop { $0 == "0" })
        if whole.isEmpty { whole = "0" }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        while fraction.last == "0" { fraction.removeLast() }
        let number = fraction.isEmpty ? whole : whole + "." + fraction
        return number == "0" ? number : sign + number
    }

    /// Every native code the list accepts.
    package var nativeCodes: [String] { toCanonical.keys.sorted() }
}
