import NIOCore
import PostgresNIO

/// A `text[]` parameter whose elements may be NULL (postgres-nio's arrays
/// carry no NULL elements), in PostgreSQL's binary array layout: a column
/// of rows for `unnest`, so a statement's text is the same whatever its
/// row count.
struct TextColumn: PostgresNonThrowingEncodable, Sendable {
    var values: [String?] = []

    static var psqlType: PostgresDataType { .textArray }
    static var psqlFormat: PostgresFormat { .binary }

    mutating func append(_ value: String?) { values.append(value) }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        // Dimensions, whether any element is NULL, the elements' type; then each dimension's length and lower bound.
        buffer.writeInteger(Int32(values.isEmpty ? 0 : 1))
        buffer.writeInteger(Int32(values.contains(nil) ? 1 : 0))
        buffer.writeInteger(PostgresDataType.text.rawValue)
        guard !values.isEmpty else { return }
        buffer.writeInteger(Int32(values.count))
        buffer.writeInteger(Int32(1))
        for value in values {
            guard let value else {
                buffer.writeInteger(Int32(-1))
                continue
            }
            buffer.writeInteger(Int32(value.utf8.count))
            buffer.writeString(value)
        }
    }
}
