import Foundation
import MRAGateway
import MRATestSupport

/// A gateway home with the repository's programs plus two test-only programs whose
/// mappings use the mapping language's version 2 (`Fixtures/mapping-v2/`).
enum MappingV2Home {
    static let fixtures = Repository.root + "/Tests/MRAGatewayTests/Fixtures/mapping-v2"
    static let sample = fixtures + "/sample.xml"

    static let configuration: GatewayConfiguration = {
        do {
            return try GatewayConfiguration(home: GatewayHome(path: try make()))
        } catch {
            fatalError("the version-2 test home does not load: \(error)")
        }
    }()

    private static func make() throws -> String {
        let files = FileManager.default
        let home = Repository.temporaryFolder()
        try files.copyItem(atPath: Repository.root + "/Schemas", toPath: home + "/Schemas")
        try files.copyItem(atPath: Repository.root + "/Mappings", toPath: home + "/Mappings")
        for name in ["zz-aeo-1.xsd", "xml.xsd"] {
            try files.copyItem(atPath: fixtures + "/" + name, toPath: home + "/Schemas/formats/" + name)
        }
        for name in ["zz-aeo.xml", "zz-lossy.xml"] {
            try files.copyItem(atPath: fixtures + "/" + name, toPath: home + "/Mappings/" + name)
        }
        let catalogue = home + "/Mappings/programs.xml"
        var text = try String(contentsOfFile: catalogue, encoding: .utf8)
        let entries = ["zz-aeo", "zz-lossy"].map { id in
            """
              <program id="\(id)">
                <name>Test programme \(id)</name>
                <administration>Test administration</administration>
                <country>HK</country>
                <mapping>\(id).xml</mapping>
                <memberIdScheme>ZZ-AEO</memberIdScheme>
                <eligibility consentRequired="false" note="test only"/>
              </program>

            """
        }
        text = text.replacingOccurrences(of: "</programs>", with: entries.joined() + "</programs>")
        try text.write(toFile: catalogue, atomically: true, encoding: .utf8)
        return home
    }

    /// Canonical records and read result of a file in a program's format.
    static func inspect(_ program: String, path: String = sample) throws -> ([ReadRecord], ReadResult) {
        let reader = try PartnerFileReader(configuration: configuration, program: program, today: Repository.today)
        var records: [ReadRecord] = []
        let result = reader.read(path: path, onRecord: { records.append($0) })
        return (records, result)
    }

    static func translate(from: String, to: String, path: String = sample) throws -> (String, TranslationResult) {
        let translator = try Translator(configuration: configuration, from: from, to: to, today: Repository.today)
        var bytes: [UInt8] = []
        let result = translator.translate(path: path) { bytes += $0 }
        return (String(decoding: bytes, as: UTF8.self), result)
    }

    static func write(_ records: [TraderRecord], batch: BatchHeader) throws -> (String, TranslationResult) {
        let translator = try Translator(
            configuration: configuration, from: "zz-aeo", to: "zz-aeo", today: Repository.today)
        var bytes: [UInt8] = []
        let result = translator.write(records: records, batch: batch) { bytes += $0 }
        return (String(decoding: bytes, as: UTF8.self), result)
    }
}
