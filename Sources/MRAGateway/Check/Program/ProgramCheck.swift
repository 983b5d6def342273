import Foundation
import MRAXML

/// Lints one program of the catalogue before it goes live: the format's
/// schema compiles, every mapping path exists in the schema, everything the
/// schema requires can be filled, the code lists cover the schema's
/// enumerations, the identifier schemes' examples match their patterns, and
/// the samples in `Examples/<program>/` read clean and survive a translation
/// to their own format.
///
/// Each problem is a ``Diagnostic`` located in the file that must change
/// (the mapping, the schema, the catalogue, a sample), with a `PROGRAM-*`
/// rule id. The check loads the program's files itself, so a program that
/// would stop the whole configuration from loading is still checked.
package struct ProgramCheck: Sendable {
    /// Rule ids of the findings.
    package enum Rule {
        package static let catalogue = "PROGRAM-CATALOGUE"
        package static let mapping = "PROGRAM-MAPPING"
        package static let schema = "PROGRAM-SCHEMA"
        package static let path = "PROGRAM-PATH"
        package static let required = "PROGRAM-REQUIRED"
        package static let codes = "PROGRAM-CODES"
        package static let identifiers = "PROGRAM-IDENTIFIER"
        package static let samples = "PROGRAM-SAMPLE"
    }

    package var home: GatewayHome
    package var program: String
    /// The day the samples' dates are checked against.
    package var today: CalendarDate

    package init(home: GatewayHome, program: String, today: CalendarDate) {
        self.home = home
        self.program = program
        self.today = today
    }

    /// Runs every check; an empty result means the program is ready.
    package func run() -> [Diagnostic] {
        var findings = Findings()
        guard let loaded = load(&findings) else { return findings.all }
        guard loaded.entry.id == program else {
            // Typed in another case: checked under the catalogue's spelling.
            var check = self
            check.program = loaded.entry.id
            return check.run()
        }
        let paths = MappedPaths(mapping: loaded.mapping)
        if let outline = outline(loaded.mapping, findings: &findings) {
            SchemaComparison(mapping: loaded.mapping, outline: outline, paths: paths).compare(into: &findings)
        }
        checkIdentifierExamples(loaded, findings: &findings)
        checkSamples(findings: &findings)
        return findings.all
    }

    /// Why the program cannot be checked at all: the catalogue loads and holds no program of that id (matched
    /// regardless of case), with the closest known one; nil otherwise (a catalogue that does not load is a
    /// finding of ``run()``).
    package func unknownProgram() -> String? {
        let identifiers = try? IdentifierSchemes(
            contentsOf: home.mappings + "/identifiers.xml", schema: Schema(path: home.schemas + "/identifiers-1.xsd"))
        guard let catalogue = try? catalogue(identifiers: identifiers) else { return nil }
        let known = catalogue.programs.map(\.id)
        return NameMatch.find(program, in: known) == nil ? NameMatch.unknown("program", program, known: known) : nil
    }

    private func catalogue(identifiers: IdentifierSchemes?) throws -> ProgramCatalogue {
        try ProgramCatalogue(
            contentsOf: home.mappings + "/programs.xml", schema: Schema(path: home.schemas + "/programs-1.xsd"),
            rules: ConfigurableRules(identifiers: identifiers ?? IdentifierSchemes(schemes: [:], countries: [])))
    }

    /// The catalogue entry, the mapping and the compiled schema, or the findings that stop the check.
    private func load(
        _ findings: inout Findings
    ) -> (entry: Program, mapping: ProgramMapping, identifiers: IdentifierSchemes?)? {
        let catalogueFile = home.mappings + "/programs.xml"
        let identifiers = try? IdentifierSchemes(
            contentsOf: home.mappings + "/identifiers.xml", schema: Schema(path: home.schemas + "/identifiers-1.xsd"))
        let entry: Program
        do {
            let catalogue = try self.catalogue(identifiers: identifiers)
            let known = catalogue.programs.map(\.id)
            guard let found = catalogue.program(NameMatch.find(program, in: known) ?? program) else {
                findings.error(Rule.catalogue, NameMatch.unknown("program", program, known: known), file: catalogueFile)
                return nil
            }
            entry = found
        } catch {
            findings.error(Rule.catalogue, "\(error)", file: catalogueFile)
            return nil
        }
        let mappingFile = home.mappings + "/" + entry.mapping
        let mapping: ProgramMapping
        do {
            mapping = try ProgramMapping(
                contentsOf: mappingFile, schema: Schema(path: home.schemas + "/mapping-1.xsd"),
                version2: Schema(path: home.schemas + "/mapping-2.xsd"))
        } catch let error as MappingError {
            findings.error(Rule.mapping, error.message, file: error.file ?? mappingFile, line: error.line)
            return nil
        } catch {
            findings.error(Rule.mapping, "\(error)", file: mappingFile)
            return nil
        }
        if mapping.program != program {
            findings.error(
                Rule.mapping, "the mapping is for program \(mapping.program), the catalogue lists it for \(program)",
                file: mappingFile)
        }
        let schemaFile = home.schemas + "/" + mapping.schema
        do {
            _ = try Schema(path: schemaFile)
        } catch {
            findings.error(
                Rule.schema, "the format's schema does not compile: \(error.message)", file: schemaFile,
                line: error.line)
            return nil
        }
        return (entry, mapping, identifiers)
    }

    private func outline(_ mapping: ProgramMapping, findings: inout Findings) -> SchemaOutline? {
        let schemaFile = home.schemas + "/" + mapping.schema
        do {
            let outline = try SchemaOutline(contentsOf: schemaFile)
            for name in outline.ambiguousNames {
                findings.warning(
                    Rule.schema, "\(name) is declared twice; the check compares the mapping with the first",
                    file: schemaFile)
            }
            return outline
        } catch {
            findings.error(Rule.schema, error.message, file: error.file ?? schemaFile, line: error.line)
            return nil
        }
    }
}

/// The findings of a check, in the order found.
struct Findings {
    private(set) var all: [Diagnostic] = []

    mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }

    mutating func error(_ rule: String, _ message: String, file: String, line: Int = 0, field: String? = nil) {
        all.append(Diagnostic(file: file, line: line, field: field, rule: rule, message: message))
    }

    mutating func warning(_ rule: String, _ message: String, file: String, line: Int = 0, field: String? = nil) {
        all.append(Diagnostic(file: file, line: line, field: field, rule: rule, message: message, severity: .warning))
    }
}
