import MRAPlumbing

extension SecureParser {
    /// Parses the XML view of a delimited file (``DelimitedDialect``), made
    /// part by part as the file is read, so memory stays flat whatever its
    /// size; `chunks` sees every byte of the file (``ChunkSink``).
    func parse(delimited dialect: DelimitedDialect, path: String, chunks: (any ChunkSink)? = nil) throws(XMLError) {
        try reading(path, chunks: chunks) { (next) throws(XMLError) in try parse(delimited: dialect, next: next) }
    }

    /// Parses the XML view of a delimited file held in memory.
    func parse(delimited dialect: DelimitedDialect, bytes: UnsafeRawBufferPointer) throws(XMLError) {
        var offset = 0
        try parse(delimited: dialect) { () throws(XMLError) -> UnsafeRawBufferPointer? in
            guard offset < bytes.count else { return nil }
            let end = min(bytes.count, offset + (1 << 20))
            defer { offset = end }
            progress?.add(bytes: end - offset)
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
        }
    }

    /// Feeds the view of each part `next` hands over (nil at the end) to the parser.
    private func parse(
        delimited dialect: DelimitedDialect, next: () throws(XMLError) -> UnsafeRawBufferPointer?
    ) throws(XMLError) {
        // The view's cells are checked against the limits by the view, as the file has them; escaped
        // in the view, a cell grows up to five times (`&amp;`), which the scanner must allow.
        var viewLimits = limits
        viewLimits.maxTextBytes = limits.maxTextBytes.multipliedReportingOverflow(by: 5).partialValue
        scanner = LimitScanner(limits: viewLimits)
        try parse { (feed: (UnsafeRawBufferPointer) -> Bool) throws(XMLError) in
            var view = DelimitedView(dialect: dialect, file: file, maxCellBytes: limits.maxTextBytes)
            var output: [UInt8] = []
            output.reserveCapacity(2 << 20)
            while let part = try next() {
                try view.take(part, into: &output)
                if output.isEmpty { continue }
                let accepted = output.withUnsafeBytes { feed($0) }
                output.removeAll(keepingCapacity: true)
                guard accepted else { return }
            }
            try view.finish(into: &output)
            _ = output.withUnsafeBytes { feed($0) }
        }
    }
}
