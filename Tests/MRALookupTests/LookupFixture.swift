import Foundation
import MRAGateway
import MRAReconciliation
import MRALookup
import MRARegistry
import MRARegistrySQLite
import MRATestSupport

/// The checkout's configuration and registries of generated members in temporary folders.
enum LookupFixture {
    /// The checkout's top folder (three levels above this file).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let configuration: GatewayConfiguration = {
        do {
            return try GatewayConfiguration(home: GatewayHome(path: root))
        } catch {
            fatalError("the repository's configuration does not load: \(error)")
        }
    }()

    static let criteria: CriteriaLibrary? = try? CriteriaLibrary(home: configuration.home)

    /// The built `mra-gateway`, next to the test bundle.
    static let executable: String = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("mra-gateway").path) {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("mra-gateway").path
    }()

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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments + ["--home", root]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), process.terminationStatus)
    }
}
