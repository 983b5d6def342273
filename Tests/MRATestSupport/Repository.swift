import Foundation
package import MRAGateway

/// Paths of the repository the tests run in, and the configuration loaded once.
package enum Repository {
    /// The checkout's top folder (two levels above this file's folder).
    package static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The configuration in the checkout, loaded once for all tests.
    package static let configuration: GatewayConfiguration = {
        do {
            return try GatewayConfiguration(home: GatewayHome(path: root))
        } catch {
            fatalError("the repository's configuration does not load: \(error)")
        }
    }()

    /// A fixed day, so date rules give the same answers on any day.
    package static let today = CalendarDate(year: 2026, month: 11, day: 23)!

    /// Every program id of the catalogue.
    package static var programs: [String] { configuration.catalogue.programs.map(\.id) }

    /// Files in `Examples/<program>/` whose names match: lists (`.xml`, or
    /// `.csv` for a delimited format), not their `.expected` findings.
    package static func examples(_ program: String, broken: Bool) -> [String] {
        let folder = root + "/Examples/" + program
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { ($0.hasSuffix(".xml") || $0.hasSuffix(".csv")) && $0.hasPrefix("broken") == broken }
            .sorted().map {
                folder + "/" + $0
            }
    }

    /// A fresh temporary folder.
    package static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "mra-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A copy of the repository's configuration (`Schemas/`, `Mappings/`, `Certs/`, `Examples/`) in a
    /// fresh temporary folder, for tests that change a file of it.
    package static func copyOfHome() throws -> String {
        let folder = temporaryFolder()
        for part in ["Schemas", "Mappings", "Certs", "Examples"] {
            try FileManager.default.copyItem(atPath: root + "/" + part, toPath: folder + "/" + part)
        }
        return folder
    }
}
