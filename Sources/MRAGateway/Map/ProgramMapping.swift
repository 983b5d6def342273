package import MRAXML

/// A program's mapping file, loaded and checked: how its exchange format maps
/// to the canonical record, in both directions.
package struct ProgramMapping: Sendable {
    /// Gateway program id (`eu-aeo`, …).
    package var program: String
    package var version: String
    /// Prefix and URI of each namespace the format uses; the first is the
    /// format's own, written as the document's prefixes.
    package var namespaces: [(prefix: String, uri: String)]
    /// The format's schema, relative to `Schemas/`.
    package var schema: String
    package var root: QName
    /// Entries relative to the root, before the records.
    package var batchEntries: [MappingEntry]
    /// From the root to the repeating record element.
    package var recordPath: MappingPath
    /// Entries relative to each record element.
    package var recordEntries: [MappingEntry]
    package var codeLists: [String: CodeList]
    /// Why a canonical field cannot travel in this format, by field name.
    package var lossReasons: [String: String]
    /// Where the mapping was loaded from.
    package var file: String
    /// Set when the format is a delimited text file read as a row view (`<delimited>`).
    package var tabular: TabularFormat?

    /// The code list `name`; loading guarantees that every referenced list exists.
    func codeList(_ name: String) -> CodeList { codeLists[name]! }

    /// Every field entry, batch-level and record-level.
    var fieldEntries: [FieldEntry] {
        (batchEntries + recordEntries).compactMap {
            if case .field(let entry) = $0 { return entry }
            return nil
        }
    }
}
