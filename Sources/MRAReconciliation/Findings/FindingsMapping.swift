package import MRAGateway
package import MRAXML

/// A findings mapping (`Mappings/findings/<program>.xml`): how one program's
/// validation-findings format maps to ``Validation``. See docs/findings-format.md.
package struct FindingsMapping: Sendable {
    /// The canonical fields of a validation a `<field>` or `<batch>` can fill.
    package enum Field: String, Sendable, CaseIterable {
        case memberId, entityType, validationId, validationDate, validationKind, validator, office
    }

    /// One `<field>` / `<batch>` entry.
    package struct FieldSpec: Sendable {
        package var field: Field
        package var path: MappingPath?
        package var constant: String?
        package var required: Bool
        package var codes: CodeList?
        package var date: DatePattern?
        package var normalize: [FieldEntryNormalization]
    }

    /// One `<linkedId>` (fixed scheme) or `<linkedIds>` (scheme read per element) entry.
    package struct LinkedIDEntry: Sendable {
        package var path: MappingPath
        /// Fixed scheme, or `nil` when `schemePath` gives it.
        package var scheme: String?
        package var schemePath: MappingPath?
        package var valuePath: MappingPath?
        package var schemeCodes: CodeList?
        package var normalize: [FieldEntryNormalization]
    }

    /// The `<results>` entry: one element per criterion assessed.
    package struct ResultsEntry: Sendable {
        package var path: MappingPath
        package var criterion: MappingPath
        package var criterionCodes: CodeList?
        package var result: MappingPath
        package var resultCodes: CodeList
        package var note: MappingPath?
    }

    package var program: String
    /// Framework id of the catalogue criterion ids refer to.
    package var criteria: String
    package var version: String
    /// The format's schema, relative to `Schemas/`.
    package var schema: String
    package var root: QName
    package var batchFields: [FieldSpec]
    package var validationPath: MappingPath
    package var fields: [FieldSpec]
    package var linkedIds: [LinkedIDEntry]
    package var results: ResultsEntry
    /// Where the mapping was loaded from.
    package var file: String
}

/// Read-side clean-ups of a value, as in the record mappings.
package typealias FieldEntryNormalization = FieldEntry.Normalization
