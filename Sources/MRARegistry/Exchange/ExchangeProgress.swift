/// Receives the progress of long batches (the CLI draws a bar on a terminal).
package protocol ExchangeProgress {
    /// A file of `lines` lines starts loading.
    func begin(file: String, lines: Int)
    /// Records up to `line` are loaded.
    func update(line: Int, records: Int)
    /// The file is done.
    func end()
}
