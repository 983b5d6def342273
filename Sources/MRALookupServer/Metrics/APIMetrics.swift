import Foundation
import MRAGateway
import MRALookup
import MRARegistry
import Metrics
import Prometheus

/// What `/metrics` tells Prometheus: what the server counted itself
/// (requests by route, method and status, their latency, screened lines by
/// outcome), and what it reads when scraped (members by program and status,
/// the ledger's files by partner and outcome, the last success with each
/// partner, days until each certificate and CRL expires).
///
/// Recorded through swift-metrics, kept and written by swift-prometheus, in
/// a registry of this server's own (not the process-wide metrics system), so
/// that servers in one process keep their figures apart.
package final class APIMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    /// Where the scrape-time figures come from.
    private let trust: Cached<TrustReading>?

    /// `trust` gives the trust inventory when scraped (cached by ``Cached``); nil leaves trust out.
    package init(trust: Cached<TrustReading>?) {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
        ]
        self.factory = factory
        self.trust = trust
    }

    /// Counts one answered request and its time.
    func request(path: String, method: String, status: Int, duration: Duration) {
        let route = RouteLabel.of(path)
        Metrics.Counter(
            label: "mra_http_requests_total",
            dimensions: [("route", route), ("method", method), ("status", String(status))], factory: factory
        ).increment()
        Metrics.Timer(label: "mra_http_request_duration_seconds", dimensions: [("route", route)], factory: factory)
            .record(duration: duration)
    }

    /// Counts the lines of a screening batch by outcome.
    func screened(_ summary: ScreeningSummary) {
        for outcome in ScreeningOutcome.allCases where summary[outcome] > 0 {
            Metrics.Counter(
                label: "mra_screening_lines_total", dimensions: [("outcome", outcome.rawValue)], factory: factory
            )
            .increment(by: summary[outcome])
        }
    }

    /// The exposition: the scrape-time figures read now, then everything in Prometheus's text format.
    func exposition(service: LookupService) -> [UInt8] {
        if let directory = service.directory {
            gauge("mra_lookup_identifiers_indexed", []).record(directory.indexedIdentifiers)
            if let counts = try? directory.read({ reader throws(RegistryError) in try reader.statusCounts() }) {
                for (program, byStatus) in counts {
                    for status in MemberStatus.allCases {
                        gauge("mra_registry_members", [("program", program), ("status", status.rawValue)])
                            .record(byStatus[status])
                    }
                }
            }
            if let ledger = try? directory.read({ reader throws(RegistryError) in try reader.ledgerSummary() }) {
                for count in ledger.counts {
                    gauge(
                        "mra_exchange_files",
                        [
                            ("partner", count.partner), ("direction", count.direction.rawValue),
                            ("outcome", count.outcome),
                        ]
                    ).record(count.files)
                }
                for last in ledger.lastSuccesses {
                    guard let instant = Self.instant(last.at) else { continue }
                    gauge(
                        "mra_exchange_last_success_timestamp_seconds",
                        [("partner", last.partner), ("direction", last.direction.rawValue)]
                    ).record(instant)
                }
            }
        }
        for (program, item) in trust?.value().items ?? [] {
            guard let days = item.daysLeft else { continue }
            gauge("mra_trust_expiry_days", [("program", program), ("kind", item.kind.rawValue), ("file", item.file)])
                .record(days)
        }
        return registry.emitToBuffer()
    }

    /// Seconds since 1970 of an ISO 8601 UTC time.
    private static func instant(_ text: String) -> Double? {
        ISO8601DateFormatter().date(from: text)?.timeIntervalSince1970
    }

    private func gauge(_ label: String, _ dimensions: [(String, String)]) -> Metrics.Gauge {
        Metrics.Gauge(label: label, dimensions: dimensions, factory: factory)
    }
}
