import Foundation
import MRARegistry

/// A progress bar on standard error for long batches, drawn only when
/// standard error is a terminal (quiet in logs, pipes and schedulers).
final class ProgressBar: ExchangeProgress {
    /// Clears the bar's line before other output, when a bar may be drawn.
    static var clearLine: String { isTerminal ? "\r\u{1B}[K" : "" }
    static let isTerminal = isatty(2) == 1

    private var file = ""
    private var lines = 1
    private var lastDrawn = 0.0
    private var start = 0.0

    func begin(file: String, lines: Int) {
        self.file = file
        self.lines = max(lines, 1)
        start = Self.now()
        lastDrawn = 0
    }

    func update(line: Int, records: Int) {
        guard Self.isTerminal else { return }
        let now = Self.now()
        guard now - lastDrawn >= 0.1 else { return }
        lastDrawn = now
        let fraction = min(1, Double(line) / Double(lines))
        let width = 30
        let filled = Int(fraction * Double(width))
        let rate = Double(records) / max(now - start, 0.001)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let percent = String(format: "%3.0f", fraction * 100)
        let text = "\r[\(bar)] \(percent)% \(file) \(records) records (\(Int(rate))/s)"
        FileHandle.standardError.write(Data(text.utf8))
    }

    func end() {
        guard Self.isTerminal, lastDrawn > 0 else { return }
        FileHandle.standardError.write(Data(Self.clearLine.utf8))
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
