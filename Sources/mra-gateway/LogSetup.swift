import Foundation
import Logging
import MRAGateway
import MRAPlumbing
import Synchronization

/// swift-log set up once per process: one line per event on standard error,
/// `key=value` pairs (logfmt, the default) or one JSON object (`json`), which
/// log collectors parse without configuration.
enum LogSetup {
    private static let done = Mutex(false)

    /// How events are written.
    enum Format: String, CaseIterable, Sendable {
        case logfmt
        case json
    }

    /// The level and format of the log: `--log-level` and `--log-format` over `log.level` and `log.format`.
    struct Choice: Sendable {
        var level: Logger.Level
        var format: Format

        /// The choice of the flags and settings, each with where it came from; an unknown level or format is an
        /// error naming it and where it was set.
        static func resolve(
            _ settings: GatewaySettings, level: String?, format: String?
        ) throws(ConfigurationError)
            -> (level: Setting<Logger.Level>, format: Setting<Format>)
        {
            let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            let formats = Format.allCases.map(\.rawValue).joined(separator: " or ")
            return (
                try settings.value(.logLevel, flag: level, default: .info, expected: levels) {
                    Logger.Level(rawValue: $0)
                },
                try settings.value(.logFormat, flag: format, default: .logfmt, expected: formats) {
                    Format(rawValue: $0)
                }
            )
        }

        init(level: Logger.Level = .info, format: Format = .logfmt) {
            self.level = level
            self.format = format
        }

        /// The choice of ``resolve(_:level:format:)``, as a value with its sources dropped.
        init(_ settings: GatewaySettings, level: String?, format: String?) throws(ConfigurationError) {
            let resolved = try Self.resolve(settings, level: level, format: format)
            self.init(level: resolved.level.value, format: resolved.format.value)
        }
    }

    static func bootstrap(_ choice: Choice) {
        done.withLock { done in
            guard !done else { return }
            done = true
            LoggingSystem.bootstrap { label in
                var handler = LineLogHandler(label: label, format: choice.format)
                handler.logLevel = choice.level
                return handler
            }
        }
    }
}

/// Writes one line per event to standard error: `ts=… level=… logger=… msg="…" key=value…` (logfmt), or
/// `{"ts":…,"level":…,"logger":…,"msg":…,"key":"value"…}` (json).
struct LineLogHandler: LogHandler {
    let label: String
    let format: LogSetup.Format
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let extra = event.metadata ?? [:]
        let merged = metadata.isEmpty ? extra : metadata.merging(extra) { $1 }
        // Written field by field, without an intermediate list of pairs: the access log writes a line per request.
        let fixed = [Self.timestamp(), event.level.rawValue, label, event.message.description]
        let keys = merged.keys.sorted()
        let line: String
        switch format {
        case .logfmt:
            var text = ""
            for (index, name) in Self.fixedNames.enumerated() {
                if index > 0 { text += " " }
                text += name + "=" + Self.quoted(fixed[index])
            }
            for key in keys { text += " " + key + "=" + Self.quoted(merged[key]?.description ?? "") }
            line = text
        case .json:
            var json = JSONText()
            json.openObject()
            for (index, name) in Self.fixedNames.enumerated() { json.field(name, fixed[index]) }
            for key in keys { json.field(key, merged[key]?.description ?? "") }
            json.closeObject()
            line = json.text
        }
        ProgressBar.writeLine(line)
    }

    /// The fields every line starts with, in order.
    private static let fixedNames = ["ts", "level", "logger", "msg"]

    private static func quoted(_ value: String) -> String {
        let plain =
            !value.isEmpty
            && value.unicodeScalars.allSatisfy { $0.value > 0x20 && $0 != "\"" && $0 != "=" && $0 != "\\" }
        if plain { return value }
        var escaped = "\""
        for character in value.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped + "\""
    }

    private static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &parts)
        // Assembled from digits rather than String(format:), which costs more than the rest of a line (the
        // access log writes one per request).
        let fields: [(Int32, Int)] = [
            (parts.tm_year + 1900, 4), (parts.tm_mon + 1, 2), (parts.tm_mday, 2), (parts.tm_hour, 2),
            (parts.tm_min, 2), (parts.tm_sec, 2), (Int32(now.tv_nsec / 1_000_000), 3),
        ]
        let digits = fields.map { String(zeroPadded: Int($0.0), width: $0.1) }
        return "\(digits[0])-\(digits[1])-\(digits[2])T\(digits[3]):\(digits[4]):\(digits[5]).\(digits[6])Z"
    }
}
