import Foundation
import MRAGateway
import MRATestSupport
import Testing

/// The samples in `Examples/` validate, and every broken sample reports
/// exactly its planted problems (listed in `<file>.expected`; a warning, from
/// the program's rule severities, has `warning` in a fifth column).
@Suite struct SampleValidationTests {
    static let validSamples = Repository.programs.flatMap { program in
        Repository.examples(program, broken: false).map { (program, $0) }
    }
    static let brokenSamples = Repository.programs.flatMap { program in
        Repository.examples(program, broken: true).map { (program, $0) }
    }

    @Test(arguments: validSamples)
    func validSampleHasNoProblems(program: String, path: String) throws {
        let (records, result) = try Pipeline.inspect(program, path: path)
        #expect(result.diagnostics.map(\.description) == [])
        #expect(!records.isEmpty)
        #expect(records.count == result.recordCount)
    }

    @Test(arguments: Repository.programs)
    func everyProgramHasValidAndBrokenSamples(program: String) {
        #expect(!Repository.examples(program, broken: false).isEmpty)
        #expect(!Repository.examples(program, broken: true).isEmpty)
    }

    @Test(arguments: brokenSamples)
    func brokenSampleReportsExactlyThePlantedProblems(program: String, path: String) throws {
        let expected = try String(contentsOfFile: path + ".expected", encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
            .map { line -> String in
                let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                let severity = columns.count > 4 ? " " + columns[4] : ""
                return "\(columns[0]) \(columns[1]) \(columns[2]) \(columns[3])\(severity)"
            }
        let (_, result) = try Pipeline.inspect(program, path: path)
        let found = result.diagnostics.map { diagnostic in
            "\(diagnostic.line) \(diagnostic.recordId ?? "-") \(diagnostic.field ?? "-") \(diagnostic.rule)"
                + (diagnostic.severity == .warning ? " warning" : "")
        }
        #expect(found.sorted() == expected.sorted())
        #expect(!result.isValid)
    }
}
