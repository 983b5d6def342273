import MRACrypto
import MRAGateway
import MRATestSupport

/// The secure reader on a partner file: the streaming parse with its limits
/// and DOCTYPE refusal, schema validation, the record pattern, the mapping
/// and the business rules, and the canonical hashing of the signature check,
/// all in one pass, as `exchange run` reads an inbox file.
///
/// The first byte of the input picks the program (its value modulo the
/// number of programs below: `0` is CTPAT, `1` the EU's AEO, `2` Thailand's
/// delimited list), the rest is the file.
package struct SecureReaderTarget: FuzzTarget {
    package static let name = "secure-reader"

    /// The programs an input may be read as: an XML format of ours, a partner's, and a delimited list.
    static let programs = ["ctpat", "eu-aeo", "th-aeo"]

    let readers: [PartnerFileReader]

    package init() throws {
        readers = try Self.programs.map { program in
            var reader = try PartnerFileReader(
                configuration: Repository.configuration, program: program, today: Repository.today)
            reader.signatureDigest = .sha256
            return reader
        }
    }

    package func run(_ input: [UInt8]) -> FuzzOutcome {
        guard let selector = input.first else { return .refused("empty") }
        let reader = readers[Int(selector) % readers.count]
        let result = reader.read(bytes: Array(input.dropFirst()), file: "fuzz-input")
        if result.refused {
            return .refused(result.diagnostics.first?.rule ?? "refused")
        }
        return .accepted
    }
}
