import ArgumentParser
import Logging
import MRAGateway
import MRAPlumbing
import MRARegistry
import MRARegistryPostgres
import MRARegistrySQLite

/// Options of the exchange and registry commands: where the exchange root
/// and the registry are, logging. Each overrides its setting
/// (`exchange.root`, `exchange.registry`, `log.level`, `log.format`).
struct ExchangeOptions: ParsableArguments {
    @Option(
        help:
            "Exchange root: inbox/, archive/, quarantine/, receipts/, outbox/ and registry.sqlite (default: exchange.root of the configuration)."
    )
    var root: String?
    @Option(help: "Registry: a SQLite file or a postgres://USER@HOST/DATABASE URL (default: ROOT/registry.sqlite).")
    var registry: String?
    @Option(help: "Log level: trace, debug, info (default), notice, warning, error, critical.") var logLevel: String?
    @Option(help: "Log format: logfmt (default) or json (one JSON object a line).") var logFormat: String?
    @Option(
        help:
            "Our program: the receipts' issuer, whose members we send (default: exchange.own-program of the configuration, else ctpat)."
    )
    var ownProgram: String?

    /// The root, registry and log these options and the settings give; no root anywhere is a usage error.
    func site(_ common: CommonOptions) throws -> ExchangeSite {
        let settings = try common.settings()
        guard let root = try settings.string(.exchangeRoot, flag: root)?.value else {
            throw ValidationError("give --root DIR, or exchange.root in the configuration file")
        }
        let folders = ExchangeFolders(root: root)
        return ExchangeSite(
            settings: settings, folders: folders,
            // A root given as a flag has its own registry unless --registry names another.
            registry: try settings.string(
                .exchangeRegistry, flag: registry ?? self.root.map { _ in folders.defaultRegistry })?
                .value ?? folders.defaultRegistry,
            log: try LogSetup.Choice(settings, level: logLevel, format: logFormat),
            ownProgram: try settings.string(.exchangeOwnProgram, flag: ownProgram)?.value ?? "ctpat")
    }
}

/// Where an exchange command works, as the options and the settings say.
struct ExchangeSite {
    let settings: GatewaySettings
    let folders: ExchangeFolders
    /// The registry file.
    let registry: String
    let log: LogSetup.Choice
    /// Our program (`exchange.own-program`).
    let ownProgram: String

    /// Opens (creating on first use) the registry.
    func openRegistry() throws -> any Registry {
        try Self.openRegistry(registry, settings: settings)
    }

    /// Opens the registry `path` names: a PostgreSQL database for a `postgres://` URL, else the embedded
    /// SQLite file; created on first use when `create` is true. The one place the CLI names the writing backends.
    static func openRegistry(_ path: String, settings: GatewaySettings, create: Bool = true) throws -> any Registry {
        let location = PostgresLocation.names(path) ? try RegistryPassword.location(path, settings, file: nil) : nil
        do throws(RegistryError) {
            if let location { return try PostgresRegistry(location, create: create) }
            return try SQLiteRegistry(path: path, create: create)
        } catch {
            throw Failure(error.description)
        }
    }

    /// Takes the exchange root's lock (one run or export at a time), held while the returned value lives. A
    /// registry several instances share (PostgreSQL) needs none: they take partner leases in it instead, so
    /// instances on several hosts may share one exchange root.
    func lock() throws -> ExchangeLock? {
        do throws(ExchangeError) {
            return try rootLock()
        } catch {
            throw error.commandError
        }
    }

    /// The root's lock for the embedded registry, nil for a shared one; its error thrown as it is.
    private func rootLock() throws(ExchangeError) -> ExchangeLock? {
        PostgresLocation.names(registry) ? nil : try ExchangeLock(folders: folders)
    }

    /// Runs `action` on an exchange job of this root, under the root's lock
    /// (one job at a time; see ``lock()``), and reports crash points as every
    /// exchange command does. The lock's and the job's errors are thrown as they are.
    func withJob<T>(
        common: CommonOptions, identity: IdentityOptions, _ action: (ExchangeJob) throws(ExchangeError) -> T
    ) throws -> T {
        let held = try rootLock()
        defer { withExtendedLifetime(held) {} }
        let job = ExchangeJob(try setup(common: common, identity: identity, logger: logger("mra-gateway.exchange")))
        defer { CrashPoints.reportCount() }
        return try action(job)
    }

    /// A logger writing structured lines to standard error, at the configured level and format.
    func logger(_ label: String) -> Logger {
        LogSetup.bootstrap(log)
        return Logger(label: label)
    }

    /// What the exchange's jobs run with: the configuration, this root's registry and folders, our signer, the
    /// day, `logger`, the window of the expiry warnings and the partners' overrides.
    func setup(common: CommonOptions, identity: IdentityOptions, logger: Logger) throws -> ExchangeSetup {
        let configuration = try common.loadConfiguration()
        let warningDays = try settings.count(.trustWarningDays, flag: nil, default: Int(Signer.expiryWarningDays))
        let partners = try settings.partnerOverrides(programs: configuration.programs.keys)
        guard configuration.programs[ownProgram] != nil else {
            throw Failure(
                "exchange.own-program is '\(ownProgram)', not a program of the catalogue (mra-gateway programs lists them)"
            )
        }
        var setup = ExchangeSetup(
            configuration: configuration, registry: try openRegistry(), folders: folders,
            signer: try identity.signer(
                of: ownProgram, configuration: configuration, settings: settings,
                windowDays: Int64(warningDays.value), logger: logger),
            today: try common.day(), logger: logger)
        setup.ownProgram = ownProgram
        setup.warningDays = Int64(warningDays.value)
        setup.partners = partners
        return setup
    }
}

/// Our signing identity for receipts and outbound lists.
struct IdentityOptions: ParsableArguments {
    @OptionGroup var key: SigningKeyOptions

    /// Our signer (`signing.` settings, else the DEMO identity of `program`, our own); a warning when its
    /// certificate ends within `windowDays`.
    func signer(
        of program: String, configuration: GatewayConfiguration, settings: GatewaySettings, windowDays: Int64,
        logger: Logger
    ) throws -> Signer {
        do {
            let signer = try key.signer(
                demoOf: program, home: configuration.home, settings: settings, warn: { logger.warning("\($0)") })
            if let warning = signer.certificateExpiryWarning(windowDays: windowDays) { logger.warning("\(warning)") }
            return signer
        } catch let failure as Failure {
            throw failure
        } catch let configuration as ConfigurationError {
            throw configuration
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
