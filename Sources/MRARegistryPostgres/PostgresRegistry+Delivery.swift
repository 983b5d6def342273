package import MRARegistry
import NIOCore
import PostgresNIO

extension PostgresRegistry {
    package func undelivered(partner: String) throws(RegistryError) -> [LedgerEntry] {
        try serially { link in
            try PostgresLedgerRows.entries(
                link,
                where: """
                    direction = 'outbound' AND partner = $1 AND outcome = 'sent' AND filed AND deliveredAt IS NULL
                    """, [partner])
        }
    }

    @discardableResult
    package func recordAttempt(_ attempt: DeliveryAttempt) throws(RegistryError) -> DeliveryAttempt {
        try serially { link in try Self.insert(attempt, link) }
    }

    package func attempts(entry: Int64) throws(RegistryError) -> [DeliveryAttempt] {
        try serially { link in try PostgresLedgerRows.attempts(link, entry: entry) }
    }

    package func markDelivered(
        _ attempt: DeliveryAttempt, receipt: [UInt8], partnerOutcome: String
    ) throws(RegistryError) {
        try serially { link in
            try link.transaction {
                _ = try Self.insert(attempt, link)
                try link.query(
                    """
                    UPDATE ledger SET deliveredAt = \(attempt.attemptedAt), partnerOutcome = \(partnerOutcome),
                        receipt = \(ByteBuffer(bytes: receipt)) WHERE id = \(attempt.entry)
                    """)
            }
        }
    }

    package func latestOutbound(partner: String) throws(RegistryError) -> LedgerEntry? {
        try serially { link in
            try PostgresLedgerRows.entries(
                link, where: "direction = 'outbound' AND partner = $1", [partner], order: "id DESC LIMIT 1"
            ).first
        }
    }

    package func receipt(of id: Int64) throws(RegistryError) -> [UInt8]? {
        try serially { link in
            let rows = try link.query("SELECT receipt FROM ledger WHERE id = \(id)")
            return try link.decoding {
                try rows.first?.decode(ByteBuffer?.self).map { Array($0.readableBytesView) }
            }
        }
    }

    private static func insert(
        _ attempt: DeliveryAttempt, _ link: PostgresLink
    ) throws(RegistryError) -> DeliveryAttempt {
        let rows = try link.query(
            """
            INSERT INTO delivery_attempt (entry, attemptedAt, endpoint, httpStatus, result, code, message)
            VALUES (\(attempt.entry), \(attempt.attemptedAt), \(attempt.endpoint), \(attempt.httpStatus.map { Int32(clamping: $0) }),
                \(attempt.result.rawValue), \(attempt.code), \(attempt.message))
            RETURNING id
            """)
        var recorded = attempt
        recorded.id = try link.decoding { try rows.first?.decode(Int64.self) ?? 0 }
        return recorded
    }
}
