import Foundation
import MRAGateway
import MRAReconciliation
import MRALookup
import MRARegistry
import MRAPostgresTestSupport
import MRARegistrySQLite
import MRATestSupport

/// The checkout's configuration and registries of generated members in temporary folders.
enum LookupFixture {
    static let configuration = Repository.configuration

    static let criteria: CriteriaLibrary? = try? CriteriaLibrary(home: configuration.home)

    /// A new registry on `backend` with generated members `0..<members`: its file, or its database's URL
    /// (whose password `RegistryBackend.environment(registry:)` gives).
    static func registry(members: Int = 300, on backend: RegistryBackend = .sqlite) throws -> String {
        let folder = NSTemporaryDirectory() + "mra-lookup-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try backend.assign(to: folder)
        try SyntheticRegistry.load(0..<members, into: try RegistryBackend.open(root: folder), batchSize: 1_000)
        return RegistryBackend.registry(of: folder)
    }

    /// The service over a registry of generated members, and the registry (as ``registry(members:on:)``).
    static func service(
        members: Int = 300, on backend: RegistryBackend = .sqlite
    ) throws -> (LookupService, path: String) {
        let path = try registry(members: members, on: backend)
        let directory = try TraderDirectory(reader: try RegistryBackend.openReader(registry: path))
        return (LookupService(configuration: configuration, criteria: criteria, directory: directory), path)
    }

    /// A service with no registry: equivalence queries only.
    static let catalogueOnly = LookupService(configuration: configuration, criteria: criteria, directory: nil)

    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    /// Runs the built CLI and returns its standard output and exit code.
    static func cli(
        _ arguments: [String], environment: [String: String] = [:]
    ) throws -> (output: String, status: Int32) {
        let (status, output, _) = try GatewayCLI.run(arguments + ["--home", Repository.root], environment: environment)
        return (output, status)
    }
}
