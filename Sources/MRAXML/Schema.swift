internal import CMRALibXML2

/// A compiled XML schema (XSD), loaded once and shared by any number of
/// validations.
///
/// `@unchecked Sendable`: the compiled `xmlSchema` is never modified after
/// `xmlSchemaParse` returns, and every validation uses its own validation
/// context, which is libxml2's documented way to validate from several threads.
public final class Schema: @unchecked Sendable {
    let pointer: xmlSchemaPtr
    /// Where the schema was loaded from.
    public let path: String

    /// Loads and compiles the schema at `path`. Imports and includes are
    /// resolved relative to it; the network is never used.
    public init(path: String) throws(XMLError) {
        LibXML2.initialize()
        // Read the schema through the secure reader first: no DOCTYPE, UTF-8.
        _ = try Element(contentsOf: path, limits: .configuration)
        guard let parser = xmlSchemaNewParserCtxt(path) else {
            throw XMLError(code: .schemaUnusable, message: "cannot create a schema parser", file: path)
        }
        defer { xmlSchemaFreeParserCtxt(parser) }
        let collector = SchemaErrorCollector(file: path)
        xmlSchemaSetParserStructuredErrors(
            parser,
            { userData, error in
                guard let userData, let error else { return }
                let collector = Unmanaged<SchemaErrorCollector>.fromOpaque(userData).takeUnretainedValue()
                var message = error.pointee.message.map { String(cString: $0) } ?? "invalid schema"
                while message.last == "\n" { message.removeLast() }
                collector.errors.append(
                    XMLError(
                        code: .schemaUnusable, message: message, file: collector.file, line: Int(error.pointee.line)))
            }, Unmanaged.passUnretained(collector).toOpaque())
        guard let schema = xmlSchemaParse(parser) else {
            throw collector.errors.first
                ?? XMLError(code: .schemaUnusable, message: "schema could not be compiled", file: path)
        }
        self.pointer = schema
        self.path = path
    }

    deinit { xmlSchemaFree(pointer) }
}

private final class SchemaErrorCollector {
    let file: String
    var errors: [XMLError] = []
    init(file: String) { self.file = file }
}
