import Foundation
import Logging
import MRAPlumbing
import MRARegistry
import Synchronization

/// How far a long command has got, on standard error, shown the one way the
/// place it runs in can use (``Display``): on a terminal a bar redrawn ten
/// times a second and cleared when done; elsewhere (logs, pipes, systemd) a
/// logfmt `progress` line every `MRA_PROGRESS_INTERVAL` seconds (10 unless
/// set; 0: none), so a short run prints nothing more than it did.
///
/// The work only adds to the ``ProgressCounter`` ``begin(file:measure:position:)``
/// returns; a thread of the bar's own looks at the counter and the clock.
/// `@unchecked Sendable`: the state the thread shares is read and written
/// with `condition` locked.
final class ProgressBar: ExchangeProgress, @unchecked Sendable {
    /// How progress is shown.
    enum Display: Equatable {
        /// A bar on the terminal's last line, redrawn every tenth of a second.
        case bar
        /// A log line every so many seconds.
        case log(every: Double)
    }

    /// The display for this process, decided once: a bar when standard error is
    /// a terminal, else log lines as `MRA_PROGRESS_INTERVAL` says; nil for none.
    static let display: Display? = choose(
        terminal: isatty(2) == 1, interval: ProcessInfo.processInfo.environment["MRA_PROGRESS_INTERVAL"])

    /// The display for a standard error that is (or is not) a terminal and
    /// the interval variable's value; a value that is not a number of
    /// seconds is named on standard error and the default used.
    static func choose(terminal: Bool, interval: String?) -> Display? {
        if terminal { return .bar }
        let defaultInterval = 10.0
        guard let interval else { return .log(every: defaultInterval) }
        guard let seconds = Double(interval), seconds.isFinite, seconds >= 0 else {
            printError(
                "mra-gateway: warning: MRA_PROGRESS_INTERVAL=\(interval) is not a number of seconds; progress is logged every \(Int(defaultInterval)) s"
            )
            return .log(every: defaultInterval)
        }
        return seconds == 0 ? nil : .log(every: seconds)
    }

    private let display = ProgressBar.display
    private let condition = NSCondition()
    /// The file being shown and its counter; nil between files.
    private var shown: (meter: ProgressMeter, counter: ProgressCounter)?
    private var sampler: WorkerThread<Void>?

    /// Starts showing the progress of `file` (the `index`th of `count` in
    /// `position`) and returns the counter to keep up to date; nil when
    /// progress is not shown, so nothing is counted.
    func begin(
        file: String, measure: ProgressMeter.Measure, position: (index: Int, count: Int)?
    ) -> ProgressCounter? {
        end()
        guard let display else { return nil }
        // Log lines go through the log handler (the exchange commands have set it up with their level already).
        if case .log = display { LogSetup.bootstrap(LogSetup.Choice(level: .info, format: .logfmt)) }
        let counter = ProgressCounter()
        condition.lock()
        shown = (ProgressMeter(file: file, measure: measure, position: position), counter)
        condition.unlock()
        let period: Double
        switch display {
        case .bar: period = 0.1
        case .log(let every): period = every
        }
        // A small stack: the thread only formats a line.
        sampler = WorkerThread(stackSize: 1 << 18) { [self] in sample(every: period) }
        return counter
    }

    func begin(file: String, measure: ProgressMeter.Measure) -> ProgressCounter? {
        begin(file: file, measure: measure, position: nil)
    }

    /// Stops showing the file's progress and clears the bar.
    func end() {
        guard let sampler else { return }
        condition.lock()
        shown = nil
        condition.broadcast()
        condition.unlock()
        sampler.join()
        self.sampler = nil
        Screen.clearBar()
    }

    /// Shows a reading every `period` seconds until ``end()``.
    private func sample(every period: Double) {
        let logger = Logger(label: "mra-gateway.progress")
        condition.lock()
        defer { condition.unlock() }
        while true {
            let due = Date(timeIntervalSinceNow: period)
            while shown != nil && Date() < due { _ = condition.wait(until: due) }
            guard let meter = shown?.meter, let counter = shown?.counter else { return }
            let reading = meter.reading(counter)
            switch display {
            case .bar: Screen.drawBar(meter.line(reading, columns: Screen.columns))
            case .log:
                let fields = meter.fields(reading).map { ($0.key, Logger.MetadataValue.string($0.value)) }
                logger.info("progress", metadata: Logger.Metadata(uniqueKeysWithValues: fields))
            case nil: return
            }
        }
    }

    /// Writes `line` to standard error, first clearing a bar drawn on it; the
    /// log handler writes every line through here.
    static func writeLine(_ line: String) { Screen.write(line) }
}

/// Standard error, written by one thread at a time: the bar on its last line
/// and the lines that pass above it.
private enum Screen {
    /// Whether a bar is drawn; standard error is written with this locked.
    private static let barDrawn = Mutex(false)

    /// The terminal's width, 80 when it cannot be told.
    static var columns: Int {
        var size = winsize()
        guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    static func drawBar(_ text: String) {
        barDrawn.withLock { drawn in
            FileHandle.standardError.write(Data(("\r" + text + "\u{1B}[K").utf8))
            drawn = true
        }
    }

    static func clearBar() {
        barDrawn.withLock { drawn in
            if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            drawn = false
        }
    }

    static func write(_ line: String) {
        barDrawn.withLock { drawn in
            FileHandle.standardError.write(Data(((drawn ? "\r\u{1B}[K" : "") + line + "\n").utf8))
            drawn = false
        }
    }
}
