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
    /// Code lists by name. For a name declared only per member program, the
    /// list of the mapping's own program (else the first declared).
    package var codeLists: [String: CodeList]
    /// Version 2: code lists declared for one member program, by name, then program.
    package var scopedCodeLists: [String: [String: CodeList]]
    /// Names of the code lists declared for every program (without `program`).
    package var sharedCodeLists: Set<String>
    /// Version of the mapping language: 1 (`urn:mra-gateway:mapping:1`) or 2 (`urn:mra-gateway:mapping:2`).
    package var language: Int
    /// Why a canonical field cannot travel in this format, by field name.
    package var lossReasons: [String: String]
    /// Where the mapping was loaded from.
    package var file: String
    /// Set when the format is a delimited text file read as a row view (`<delimited>`).
    package var tabular: TabularFormat?

    /// The mapping language's version-2 namespace.
    package static let namespace2 = "urn:mra-gateway:mapping:2"

    /// The code list `name`; loading guarantees that every referenced list exists.
    func codeList(_ name: String) -> CodeList { codeLists[name]! }

    /// The code list `name` for members of `program`: the one declared for that
    /// program, else the one declared for all; `nil` when neither exists.
    func codeList(_ name: String, program: String) -> CodeList? {
        if let scoped = scopedCodeLists[name]?[program] { return scoped }
        return sharedCodeLists.contains(name) ? codeLists[name] : nil
    }

    /// Every field entry, batch-level and record-level.
    var fieldEntries: [FieldEntry] {
        (batchEntries + recordEntries).compactMap {
            if case .field(let entry) = $0 { return entry }
            return nil
        }
    }
}
