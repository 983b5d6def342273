/// Where an error was found in a file, written the way compilers do:
/// `FILE:LINE:COLUMN`, leaving out what is unknown.
package enum ErrorLocation {
    /// `file` (or `fallback` when there is none), then `:line` and `:column`
    /// when they are known (greater than 0), then `: ` and `text`.
    package static func prefix(
        _ text: String,
        file: String?,
        fallback: String,
        line: Int,
        column: Int = 0
    ) -> String {
        var location = file ?? fallback
        if line > 0 { location += ":\(line)" }
        if column > 0 { location += ":\(column)" }
        return "\(location): \(text)"
    }
}
