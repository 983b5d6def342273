import ArgumentParser
import MRAGateway
import MRAPlumbing
import MRAReconciliation
import MRALookup
import MRARegistry
import MRARegistryPostgres
import MRARegistrySQLite

/// Where `lookup` and `serve` read the registry: `--root DIR` (its
/// `registry.sqlite`) or `--registry FILE|postgres://…`, as in `exchange`,
/// read through ``SQLiteRegistryReader`` or ``PostgresRegistryReader``.
struct RegistryLocation: ParsableArguments {
    @Option(help: "Exchange root whose registry.sqlite is read.") var root: String?
    @Option(help: "Registry: a SQLite file or a postgres://USER@HOST/DATABASE URL.") var registry: String?

    func validate() throws {
        if root != nil && registry != nil { throw ValidationError("give --root DIR or --registry FILE, not both") }
    }

    /// The registry file: `--registry`, else `--root`'s, else `exchange.registry`, else `exchange.root`'s; nil
    /// when none is given.
    func path(_ settings: GatewaySettings) throws -> String? {
        if root != nil || registry != nil { return registry ?? root.map { ExchangeFolders(root: $0).defaultRegistry } }
        if let registry = try settings.string(.exchangeRegistry, flag: nil) { return registry.value }
        return try settings.string(.exchangeRoot, flag: nil).map { ExchangeFolders(root: $0.value).defaultRegistry }
    }

    /// The lookup service over the configuration, the criteria (when present) and the registry (when given).
    func service(_ common: CommonOptions, requireRegistry: Bool) throws -> LookupService {
        try Self.service(common, path: try path(common.settings()), requireRegistry: requireRegistry)
    }

    /// The lookup service with the registry at `path`, if any.
    static func service(_ common: CommonOptions, path: String?, requireRegistry: Bool) throws -> LookupService {
        let configuration = try common.loadConfiguration()
        guard let path else {
            if requireRegistry {
                throw ValidationError("give --root DIR or --registry FILE, or exchange.root in the configuration file")
            }
            return LookupService(configuration: configuration, criteria: Self.criteria(configuration), directory: nil)
        }
        let reader = try reader(path, common)
        do throws(LookupError) {
            return LookupService(
                configuration: configuration, criteria: Self.criteria(configuration),
                directory: try TraderDirectory(reader: reader))
        } catch {
            throw Failure(error.description)
        }
    }

    /// The registry's reader: PostgreSQL for a `postgres://` URL, else the SQLite file at `path`.
    static func reader(_ path: String, _ common: CommonOptions) throws -> any RegistryReader {
        let location =
            PostgresLocation.names(path)
            ? try RegistryPassword.location(path, common.settings(), file: nil) : nil
        do throws(RegistryError) {
            if let location { return try PostgresRegistryReader(location) }
            return try SQLiteRegistryReader(path: path)
        } catch {
            throw Failure(error.description)
        }
    }

    static func criteria(_ configuration: GatewayConfiguration) -> CriteriaLibrary? {
        try? CriteriaLibrary(home: configuration.home)
    }
}

extension LookupError {
    /// As a command failure: an identifier that cannot be one (`invalid-id`, `scheme-mismatch`) exits 1; an
    /// unknown program, scheme, role or criterion and an unreadable registry 2, as everywhere.
    var commandError: any Error {
        printError("mra-gateway: \(description)")
        return ExitCode(code == .invalidId || code == .schemeMismatch ? 1 : 2)
    }
}
