package import MRAPlumbing

/// Receives the progress of the exchange's long steps, loading a partner's
/// file and writing our list for a partner (the CLI shows it on a terminal,
/// or as periodic log lines).
package protocol ExchangeProgress {
    /// A step on `file` starts, measured by `measure`. Returns the counter the
    /// step keeps up to date, or nil when nobody watches (nothing is counted).
    func begin(file: String, measure: ProgressMeter.Measure) -> ProgressCounter?
    /// The step is done.
    func end()
}
