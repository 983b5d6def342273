import Logging

extension ExchangeSetup {
    /// Takes `partner`'s lease for this instance: nil when taken, else the lease another instance holds.
    package func takeLease(on partner: String) throws(ExchangeError) -> PartnerLease? {
        do {
            return try registry.takeLease(on: partner)
        } catch {
            throw ExchangeError(error)
        }
    }

    /// Gives `partner`'s lease back; should that fail, the registry ends it with this instance's connection.
    package func giveBackLease(on partner: String) {
        do {
            try registry.releaseLease(on: partner)
        } catch {
            logger.warning(
                "cannot give a partner's lease back; it ends with this instance",
                metadata: ["partner": "\(partner)", "error": "\(error)"])
        }
    }

    /// Runs `work` under `partner`'s lease; when another instance holds it, throws
    /// ``ExchangeError/Code/busy`` naming the holder.
    func underLease<T>(of partner: String, _ work: () throws(ExchangeError) -> T) throws(ExchangeError) -> T {
        if let holder = try takeLease(on: partner) {
            throw ExchangeError(
                .busy,
                "another instance works on \(partner)'s files (its lease is held by \(holder.description)); try again when it is done"
            )
        }
        defer { giveBackLease(on: partner) }
        return try work()
    }
}
