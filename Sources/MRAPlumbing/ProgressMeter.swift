/// The arithmetic and the text of a progress report for one file: how much
/// is done, the rate in records a second, the time elapsed and the time left
/// (ETA), as a terminal line or as log fields. The clock is injected, so the
/// arithmetic is tested on a fake one.
package struct ProgressMeter: Sendable {
    /// What "done" is measured in: the fraction done is the count over the total.
    package enum Measure: Sendable, Equatable {
        /// Bytes consumed of an input of this many bytes (the reading commands).
        case bytes(of: Int)
        /// Records written of this many (the writing commands).
        case records(of: Int)
    }

    /// One look at the meter.
    package struct Reading: Sendable, Equatable {
        /// Done, from 0 to 1; nil when the total is zero (nothing to measure against).
        package var fraction: Double?
        package var records: Int
        /// Seconds since the meter started.
        package var elapsed: Double
        /// Records a second since the meter started.
        package var rate: Double
        /// Seconds left at the pace so far; nil until something is done.
        package var remaining: Double?
    }

    /// The file read or written, as the report names it.
    package var file: String
    /// Which file of how many (`2/3`), when a command works on several.
    package var position: (index: Int, count: Int)?
    package var measure: Measure
    private let clock: @Sendable () -> Double
    private let started: Double

    /// A meter started now on `clock` (seconds, from any origin).
    package init(
        file: String, measure: Measure, position: (index: Int, count: Int)? = nil,
        clock: @escaping @Sendable () -> Double = ProgressMeter.monotonic
    ) {
        self.file = file
        self.measure = measure
        self.position = position
        self.clock = clock
        started = clock()
    }

    /// Seconds on a monotonic clock, from an arbitrary origin.
    package static let monotonic: @Sendable () -> Double = {
        let origin = ContinuousClock.now
        return { (ContinuousClock.now - origin) / .seconds(1) }
    }()

    /// The meter now, for `bytes` of the input consumed and `records` done.
    package func reading(bytes: Int, records: Int) -> Reading {
        let elapsed = max(0, clock() - started)
        let (done, total) =
            switch measure {
            case .bytes(let size): (bytes, size)
            case .records(let count): (records, count)
            }
        let fraction = total > 0 ? min(1, max(0, Double(done) / Double(total))) : nil
        let remaining = fraction.flatMap { $0 > 0 ? elapsed * (1 - $0) / $0 : nil }
        return Reading(
            fraction: fraction, records: records, elapsed: elapsed,
            rate: elapsed > 0 ? Double(records) / elapsed : 0, remaining: remaining)
    }

    /// The meter now, from a counter the job keeps.
    package func reading(_ counter: ProgressCounter) -> Reading {
        reading(bytes: counter.bytes, records: counter.records)
    }

    /// One terminal line, at most `columns - 1` characters (the file name is
    /// shortened from the left to fit): `[#####-----]  48% 2/3 list.xml 48,113
    /// records 41,902/s 0:01 ETA 0:01`.
    package func line(_ reading: Reading, columns: Int, barWidth: Int = 20) -> String {
        let filled = Int((reading.fraction ?? 0) * Double(barWidth) + Self.slack)
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "]"
        let percent = reading.fraction.map { Self.padded(String(Self.percent($0)), width: 3) + "%" } ?? "  ?%"
        let counts =
            "\(Self.grouped(reading.records)) records \(Self.grouped(Int(reading.rate)))/s "
            + "\(Self.clock(reading.elapsed)) ETA \(reading.remaining.map(Self.clock) ?? "-:--")"
        let before = "\(bar) \(percent) " + (position.map { "\($0.index)/\($0.count) " } ?? "")
        let room = columns - 1 - before.count - counts.count - 1
        guard room >= 4 else { return String((before + counts).prefix(max(0, columns - 1))) }
        let name = file.count <= room ? file : "…" + file.suffix(room - 1)
        return before + name + " " + counts
    }

    /// The fields of a log line: `file`, `files` (`2/3`, with several),
    /// `percent`, `records`, `rate` (records a second), `elapsed_s` and
    /// `eta_s` (whole seconds; absent while unknown), in that order.
    package func fields(_ reading: Reading) -> [(key: String, value: String)] {
        var fields: [(key: String, value: String)] = [("file", file)]
        if let position { fields.append(("files", "\(position.index)/\(position.count)")) }
        if let fraction = reading.fraction { fields.append(("percent", String(Self.percent(fraction)))) }
        fields.append(("records", String(reading.records)))
        fields.append(("rate", String(Int(reading.rate))))
        fields.append(("elapsed_s", String(Int(reading.elapsed.rounded()))))
        if let remaining = reading.remaining { fields.append(("eta_s", String(Int(remaining.rounded())))) }
        return fields
    }

    /// `1234567` as `1,234,567`.
    package static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var text = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return (value < 0 ? "-" : "") + text
    }

    /// Whole seconds as `m:ss`, or `h:mm:ss` from an hour.
    package static func clock(_ seconds: Double) -> String {
        let total = Int(max(0, seconds).rounded())
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        let tail = String(zeroPadded: rest, width: 2)
        return hours > 0
            ? "\(hours):\(String(zeroPadded: minutes, width: 2)):\(tail)" : "\(minutes):\(tail)"
    }

    /// Below which a product is taken for the whole number above it (`0.29 * 100` is 28.999…).
    private static let slack = 1e-9

    /// Whole percent done, rounded down.
    private static func percent(_ fraction: Double) -> Int { Int(fraction * 100 + slack) }

    private static func padded(_ text: String, width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
