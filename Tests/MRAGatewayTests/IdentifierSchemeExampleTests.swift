import MRAGateway
import MRATestSupport
import MRAXML
import Testing

/// The examples `Mappings/identifiers.xml` gives for each scheme match its
/// pattern, through the same matcher the rules and lookups use (with its
/// length and first-character tests in front of the automaton).
@Suite struct IdentifierSchemeExampleTests {
    static var schemes: [String] { Repository.configuration.identifiers.schemes.keys.sorted() }

    @Test("every example of a scheme matches its pattern", arguments: schemes)
    func examplesMatch(scheme: String) throws {
        let entry = try #require(Repository.configuration.identifiers.schemes[scheme])
        #expect(!entry.examples.isEmpty)
        for example in entry.examples {
            #expect(entry.pattern.matches(example), "\(scheme): \(example) should match \(entry.pattern)")
            #expect(!entry.pattern.matches(example + "\u{0}"), "\(scheme): \(example) with a NUL should not match")
        }
    }
}
