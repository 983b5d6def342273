import ArgumentParser
import Logging
import MRAGateway
import MRAPlumbing
import MRARegistry
import MRARegistrySQLite

/// Options of the exchange and registry commands: where the exchange root
/// and the registry are, our signing identity, logging.
struct ExchangeOptions: ParsableArguments {
    @Option(help: "Exchange root: inbox/, archive/, quarantine/, receipts/, outbox/ and registry.sqlite.")
    var root: String
    @Option(help: "Registry file (default: ROOT/registry.sqlite).") var registry: String?
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel: String = "info"

    var folders: ExchangeFolders { ExchangeFolders(root: root) }

    /// Opens (creating on first use) the registry: the embedded SQLite backend, the only place the CLI names it.
    func openRegistry() throws -> any Registry {
        do {
            return try SQLiteRegistry(path: registry ?? folders.defaultRegistry)
        } catch {
            throw Failure(error.description)
        }
    }

    /// Takes the exchange's lock (one run or export at a time), held while the returned value lives.
    func lock() throws -> ExchangeLock {
        do throws(ExchangeError) {
            return try ExchangeLock(folders: folders)
        } catch {
            throw error.commandError
        }
    }

    /// What the exchange's jobs run with: the configuration, this root's
    /// registry and folders, our signer, the day and `logger`.
    func setup(common: CommonOptions, identity: IdentityOptions, logger: Logger) throws -> ExchangeSetup {
        let configuration = try common.loadConfiguration()
        return ExchangeSetup(
            configuration: configuration, registry: try openRegistry(), folders: folders,
            signer: try identity.signer(configuration: configuration, logger: logger), today: try common.day(),
            logger: logger)
    }

    /// A logger writing structured lines to standard error.
    func logger(_ label: String) -> Logger {
        LogSetup.bootstrap(level: Logger.Level(rawValue: logLevel) ?? .info)
        return Logger(label: label)
    }
}

/// Our signing identity for receipts and outbound lists.
struct IdentityOptions: ParsableArguments {
    @OptionGroup var key: SigningKeyOptions

    func signer(configuration: GatewayConfiguration, logger: Logger) throws -> Signer {
        do {
            let identity = try key.identity(
                demoOf: "ctpat", home: configuration.home, warn: { logger.warning("\($0)") })
            let signer = try key.algorithms.signer(identity)
            if let warning = signer.certificateExpiryWarning() { logger.warning("\(warning)") }
            return signer
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure("cannot sign: \(error)")
        }
    }
}

extension ExchangeError {
    /// As a command failure: `busy` exits 3; `invalidOutput` and `entryRefused` 1; everything else 2.
    var commandError: any Error {
        if code == .busy {
            printError("mra-gateway: \(description)")
            return ExitCode(3)
        }
        if code == .invalidOutput || code == .entryRefused {
            printError("mra-gateway: \(description)")
            return ExitCode(1)
        }
        return Failure(description)
    }
}
