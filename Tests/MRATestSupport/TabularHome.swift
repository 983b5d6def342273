import Foundation
package import MRAGateway

/// A copy of the repository's home with the test-only tabular programme
/// `tab-aeo` (Tests/MRAGatewayTests/Fixtures/tabular/) added to its catalogue,
/// and a trust store for it (a copy of gb-aeo's DEMO trust).
package enum TabularHome {
    package static let fixtures = Repository.root + "/Tests/MRAGatewayTests/Fixtures/tabular"
    package static let sample = fixtures + "/tab-aeo.csv"

    package static let configuration: GatewayConfiguration = {
        do {
            return try GatewayConfiguration(home: GatewayHome(path: try make()))
        } catch {
            fatalError("the tabular test home does not load: \(error)")
        }
    }()

    /// A fresh home like ``configuration`` whose `Certs/<program>/partner.xml`
    /// sets `unsignedLists="accept"`.
    package static func configuration(acceptingUnsignedListsOf program: String) throws -> GatewayConfiguration {
        let home = try make()
        let path = home + "/Certs/" + program + "/partner.xml"
        let partner = try String(contentsOfFile: path, encoding: .utf8)
        try partner.replacingOccurrences(of: "<partner ", with: "<partner unsignedLists=\"accept\" ")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return try GatewayConfiguration(home: GatewayHome(path: home))
    }

    private static func make() throws -> String {
        let home = Repository.temporaryFolder()
        let files = FileManager.default
        try files.copyItem(atPath: Repository.root + "/Schemas", toPath: home + "/Schemas")
        try files.copyItem(atPath: Repository.root + "/Mappings", toPath: home + "/Mappings")
        try files.copyItem(atPath: Repository.root + "/Certs", toPath: home + "/Certs")
        try files.copyItem(atPath: home + "/Certs/gb-aeo", toPath: home + "/Certs/tab-aeo")
        let partner = try String(contentsOfFile: home + "/Certs/tab-aeo/partner.xml", encoding: .utf8)
        try partner.replacingOccurrences(of: "program=\"gb-aeo\"", with: "program=\"tab-aeo\"")
            .write(toFile: home + "/Certs/tab-aeo/partner.xml", atomically: true, encoding: .utf8)
        try files.copyItem(atPath: fixtures + "/tab-aeo.xml", toPath: home + "/Mappings/tab-aeo.xml")
        try files.copyItem(atPath: fixtures + "/tab-aeo-1.xsd", toPath: home + "/Schemas/formats/tab-aeo-1.xsd")
        let catalogue = try String(contentsOfFile: home + "/Mappings/programs.xml", encoding: .utf8)
        let entry = try String(contentsOfFile: fixtures + "/program.xml", encoding: .utf8)
        try catalogue.replacingOccurrences(of: "</programs>", with: entry + "</programs>")
            .write(toFile: home + "/Mappings/programs.xml", atomically: true, encoding: .utf8)
        return home
    }

    package static func reader(_ program: String = "tab-aeo") throws -> PartnerFileReader {
        try PartnerFileReader(configuration: configuration, program: program, today: Repository.today)
    }

    /// The records and result of reading `bytes` as `program`.
    package static func read(
        _ bytes: [UInt8], program: String = "tab-aeo", file: String = "list.csv"
    ) throws -> ([ReadRecord], ReadResult) {
        var records: [ReadRecord] = []
        let result = try reader(program).read(bytes: bytes, file: file, onRecord: { records.append($0) })
        return (records, result)
    }

    /// Translates `bytes` (written to a temporary file named `name`).
    package static func translate(
        _ bytes: [UInt8], from: String, to: String, name: String
    ) throws -> ([UInt8], TranslationResult) {
        let path = Repository.temporaryFolder() + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let translator = try Translator(configuration: configuration, from: from, to: to, today: Repository.today)
        var output: [UInt8] = []
        let result = translator.translate(path: path) { output += $0 }
        return (output, result)
    }
}
