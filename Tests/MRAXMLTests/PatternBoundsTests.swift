import Testing

@testable import MRAXML

@Suite struct PatternBoundsTests {
    @Test(
        "reads the shortest and longest match from an XSD pattern",
        arguments: [
            ("[A-Za-z0-9]{1,20}", 1, 20 as Int?),
            ("[A-Z]{2}AEO[CSF][A-Z0-9]{1,29}", 7, 35),
            ("(GB|XI)([0-9]{12}|[0-9]{15})", 14, 17),
            ("[0-9]{3}-[0-9]{2}-[0-9]{4}|[0-9]{2}-[0-9]{7}[A-Za-z0-9]{2}|[0-9]{6}-[0-9]{5}", 11, 12),
            (#"\d{1,12}-?[0-9K]"#, 2, 14),
            (#"\p{Lu}\p{L}*"#, 1, nil),
            ("[A-ZÑ&]{3}\\d{6}[A-Z0-9]{3}", 12, 12),
            ("[a-z-[aeiou]]+x?", 1, nil),
            ("(ab)*", 0, nil),
            ("()*", 0, 0),
            (#"\d{4,}"#, 4, nil),
            ("a.c", 3, 3),
        ] as [(String, Int, Int?)])
    func bounds(pattern: String, minimum: Int, maximum: Int?) {
        let bounds = PatternBounds.of(pattern)
        #expect(bounds?.minimum == minimum)
        #expect(bounds != nil && bounds?.maximum == maximum)
    }

    @Test(
        "knows which characters a match can start with",
        arguments: [
            ("[A-Z]{2}AEO[CSF][A-Z0-9]{1,29}", "D", true), ("[A-Z]{2}AEO[CSF][A-Z0-9]{1,29}", "1", false),
            ("(GB|XI)[0-9]{12}", "X", true), ("(GB|XI)[0-9]{12}", "D", false),
            (#"\d{9}RM\d{4}"#, "7", true), (#"\d{9}RM\d{4}"#, "R", false), (#"\d{3}"#, "٣", true),
            ("a?b", "b", true), ("a?b", "c", false), ("(a|)?[0-9]", "5", true),
            ("[^a]x", "a", true), ("[a-z-[aeiou]]", "!", true), (".x", "!", true), (#"\p{Lu}x"#, "1", true),
            ("[A-ZÑ&]{3}", "Ñ", true), ("[A-ZÑ&]{3}", "&", true), ("[A-ZÑ&]{3}", "a", false),
        ] as [(String, String, Bool)])
    func firstCharacters(pattern: String, text: String, admitted: Bool) throws {
        let bounds = try #require(PatternBounds.of(pattern))
        #expect(bounds.first.contains(text.utf8.first!) == admitted)
    }

    @Test("gives no bounds for a pattern it cannot read", arguments: ["(ab", "a{2", "[abc", "a{x}", "*a", #"\p{Lu"#])
    func unreadable(pattern: String) {
        #expect(PatternBounds.of(pattern) == nil)
    }

    @Test("a pattern still matches exactly what it should once lengths are tested first")
    func sameAnswers() throws {
        let pattern = try XMLPattern(#"(GB|XI)([0-9]{12}|[0-9]{15})"#)
        for text in [
            "GB123456789012", "XI123456789012345", "GB1234567890123", "GB12345678901", "", "GB", "ÄB123456789012",
        ] {
            let expected = (text.hasPrefix("GB") || text.hasPrefix("XI")) && [14, 17].contains(text.count)
            #expect(pattern.matches(text) == expected, "\(text)")
        }
        let unicode = try XMLPattern(#"\p{L}{3}"#)
        #expect(unicode.matches("Łód"))
        #expect(!unicode.matches("Łódź"))
    }
}
