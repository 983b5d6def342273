import Dispatch
import Logging
package import MRARegistry
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
package import PostgresNIO

/// One connection to the registry's database, used synchronously: each
/// call waits on the calling thread for the server's answer. The registry's
/// interfaces are synchronous, and the threads that call them (the exchange
/// job's, the lookup's refresher) are never the connection's event loop.
package final class PostgresLink: Sendable {
    let connection: PostgresConnection
    package let location: PostgresLocation
    /// Statements sent and not yet answered, oldest first.
    private let sent = NIOLockedValueBox<[EventLoopFuture<Void>]>([])
    private let logger: Logger

    /// Connects to `location` (TLS as it asks), or says why not.
    package init(
        _ location: PostgresLocation, logger: Logger = Logger(label: "mra-gateway.registry")
    ) throws(RegistryError) {
        self.location = location
        self.logger = logger
        let configuration = try Self.configuration(location)
        do {
            connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: logger
            ).wait()
        } catch {
            throw RegistryError(.unavailable, "\(location): \(Self.describe(error))")
        }
    }

    /// Closes the connection; the connection is kept until it is closed (postgres-nio requires it), without
    /// waiting here.
    deinit {
        let connection = self.connection
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// Every row `query` gives (once the statements ``send(_:)`` sent are answered).
    @discardableResult
    package func query(_ query: PostgresQuery) throws(RegistryError) -> [PostgresRow] {
        try rows(of: ask(query))
    }

    /// A query asked and not yet answered: ``rows(of:)`` waits for its rows.
    package struct PendingRows: Sendable {
        fileprivate let answer: EventLoopFuture<PostgresQueryResult>
    }

    /// Sends `query` (once the statements ``send(_:)`` sent are answered) without waiting for its rows: the server
    /// works on it while the caller goes on. The connection answers queries in the order they were asked.
    package func ask(_ query: PostgresQuery) throws(RegistryError) -> PendingRows {
        try awaitSent()
        return PendingRows(answer: connection.query(query, logger: logger))
    }

    /// Every row of the query `pending` asked.
    package func rows(of pending: PendingRows) throws(RegistryError) -> [PostgresRow] {
        do {
            return Array(try answer(to: pending.answer).rows)
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError(.storage, "\(location): \(Self.describe(error))")
        }
    }

    /// Sends a statement whose rows are not wanted without waiting for its answer: the caller goes on while the
    /// server works. The next ``query(_:)`` (and so the transaction's end) waits for it first, and throws what
    /// it threw; the connection answers statements in the order they were sent.
    package func send(_ query: PostgresQuery) throws(RegistryError) {
        let answer = connection.query(query, logger: logger)
        let waiting = sent.withLockedValue { sent in
            sent.append(answer.map { _ in })
            return sent.count
        }
        // A bound on what waits: the answers come in order, so the oldest is awaited first.
        if waiting > 4 { try awaitSent() }
    }

    /// Waits for the statements ``send(_:)`` sent.
    private func awaitSent() throws(RegistryError) {
        let waiting = sent.withLockedValue { sent in
            defer { sent.removeAll() }
            return sent
        }
        do {
            for answer in waiting { try self.answer(to: answer) }
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError(.storage, "\(location): \(Self.describe(error))")
        }
    }

    /// Waits for `future`. A query written after the server closed the connection (a DBA's
    /// `pg_terminate_backend`, a failover) is never answered by postgres-nio, so the wait also ends when the
    /// connection is found closed and the answer has not come a second later.
    private func answer<T: Sendable>(to future: EventLoopFuture<T>) throws -> T {
        let answered = DispatchSemaphore(value: 0)
        let result = NIOLockedValueBox<Result<T, any Error>?>(nil)
        future.whenComplete { outcome in
            result.withLockedValue { $0 = outcome }
            answered.signal()
        }
        while answered.wait(timeout: .now() + .seconds(1)) == .timedOut {
            if connection.isClosed && answered.wait(timeout: .now() + .seconds(1)) == .timedOut {
                throw RegistryError(
                    .storage, "\(location): the connection to the database was closed before it answered")
            }
        }
        return try result.withLockedValue { $0! }.get()
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    package func transaction<T>(_ body: () throws -> T) throws -> T {
        try query("BEGIN")
        do {
            let result = try body()
            try query("COMMIT")
            return result
        } catch {
            // What was sent is answered (and its failure, if any, is the one thrown already), then rolled back.
            try? awaitSent()
            _ = try? query("ROLLBACK")
            throw error
        }
    }

    /// `body`'s value; a stored value that cannot be decoded is the registry's damage.
    package func decoding<T>(_ body: () throws -> T) throws(RegistryError) -> T {
        do {
            return try body()
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError(.corrupt, "\(location): a stored value cannot be read: \(Self.describe(error))")
        }
    }

    /// What went wrong, for an operator: the server's message and SQLSTATE, or the connection's failure; never
    /// the password.
    package static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let info = error.serverInfo, let message = info[.message] {
            return message + (info[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
        }
        if error.code == .serverClosedConnection || error.code == .clientClosedConnection {
            return "the connection to the database was closed (\(error.code))"
        }
        if let underlying = error.underlying { return "\(error.code): \(describe(underlying))" }
        return "\(error.code)"
    }

    /// How postgres-nio connects to `location`.
    static func configuration(_ location: PostgresLocation) throws(RegistryError) -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: try tls(location))
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    private static func tls(_ location: PostgresLocation) throws(RegistryError) -> PostgresConnection.Configuration.TLS
    {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        switch location.tls {
        case .disable:
            return .disable
        case .require:
            configuration.certificateVerification = .none
        case .verifyFull:
            configuration.certificateVerification = .fullVerification
            if let roots = location.rootCertificates { configuration.trustRoots = .file(roots) }
        }
        do {
            return .require(try NIOSSLContext(configuration: configuration))
        } catch {
            throw RegistryError(.unavailable, "\(location): TLS to the database cannot be set up: \(error)")
        }
    }
}
