import Foundation
import MRAGateway
import MRAReconciliation
import MRALookup
import MRARegistry
import MRARegistrySQLite
import MRATestSupport

/// The checkout's configuration and registries of generated members in temporary folders.
enum LookupFixture {
    static let configuration = Repository.configuration

    static let criteria: CriteriaLibrary? = try? CriteriaLibrary(home: configuration.home)

    /// A new registry file with generated members `0..<members`.
    static func registry(members: Int = 300) throws -> String {
        let folder = NSTemporaryDirectory() + "mra-lookup-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/registry.sqlite"
        try SyntheticRegistry.load(0..<members, into: try SQLiteRegistry(path: path), batchSize: 1_000)
        return path
    }

    /// The service over a registry of generated members.
    static func service(members: Int = 300) throws -> (LookupService, path: String) {
        let path = try registry(members: members)
        let directory = try TraderDirectory(reader: try SQLiteRegistryReader(path: path))
        return (LookupService(configuration: configuration, criteria: criteria, directory: directory), path)
    }

    /// A service with no registry: equivalence queries only.
    static let catalogueOnly = LookupService(configuration: configuration, criteria: criteria, directory: nil)

    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    /// Runs the built CLI and returns its standard output and exit code.
    static func cli(_ arguments: [String]) throws -> (output: String, status: Int32) {
        let (status, output, _) = try GatewayCLI.run(arguments + ["--home", Repository.root])
        return (output, status)
    }
}
