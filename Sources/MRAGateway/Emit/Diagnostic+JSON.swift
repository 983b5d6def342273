/// A diagnostic in JSON reports: `file`, `line`, `recordId`, `field`, `rule`,
/// `severity`, `message`, absent values left out (its `Encodable` form).
extension Diagnostic: JSONWritable {}
