public import MRAGateway
public import MRAXML

/// A findings mapping (`Mappings/findings/<program>.xml`): how one program's
/// validation-findings format maps to ``Validation``. See docs/findings-format.md.
public struct FindingsMapping: Sendable {
    /// The canonical fields of a validation a `<field>` or `<batch>` can fill.
    public enum Field: String, Sendable, CaseIterable {
        case memberId, entityType, validationId, validationDate, validationKind, validator, office
    }

    /// One `<field>` / `<batch>` entry.
    public struct FieldSpec: Sendable {
        public var field: Field
        public var path: MappingPath?
        public var constant: String?
        public var required: Bool
        public var codes: CodeList?
        public var date: DatePattern?
        public var normalize: [FieldEntryNormalization]
    }

    /// One `<linkedId>` (fixed scheme) or `<linkedIds>` (scheme read per element) entry.
    public struct LinkedIDEntry: Sendable {
        public var path: MappingPath
        /// Fixed scheme, or `nil` when `schemePath` gives it.
        public var scheme: String?
        public var schemePath: MappingPath?
        public var valuePath: MappingPath?
        public var schemeCodes: CodeList?
        public var normalize: [FieldEntryNormalization]
    }

    /// The `<results>` entry: one element per criterion assessed.
    public struct ResultsEntry: Sendable {
        public var path: MappingPath
        public var criterion: MappingPath
        public var criterionCodes: CodeList?
        public var result: MappingPath
        public var resultCodes: CodeList
        public var note: MappingPath?
    }

    public var program: String
    /// Framework id of the catalogue criterion ids refer to.
    public var criteria: String
    public var version: String
    /// The format's schema, relative to `Schemas/`.
    public var schema: String
    public var root: QName
    public var batchFields: [FieldSpec]
    public var validationPath: MappingPath
    public var fields: [FieldSpec]
    public var linkedIds: [LinkedIDEntry]
    public var results: ResultsEntry
    /// Where the mapping was loaded from.
    public var file: String
}

/// Read-side clean-ups of a value, as in the record mappings.
public typealias FieldEntryNormalization = FieldEntry.Normalization
