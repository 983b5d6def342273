public import MRAXML

/// A program ready to read and write: its catalogue entry, its mapping and
/// its compiled format schema.
public struct LoadedProgram: Sendable {
    public var program: Program
    package var mapping: ProgramMapping
    public var schema: Schema
    let reader: MappingReader
}

/// Everything the gateway loads from its home folder: the program catalogue,
/// identifier schemes, and every program's mapping and schema, each checked
/// against its own schema. Immutable once loaded, and shared freely.
public struct GatewayConfiguration: Sendable {
    public var home: GatewayHome
    public var catalogue: ProgramCatalogue
    public var identifiers: IdentifierSchemes
    public var programs: [String: LoadedProgram]

    /// Loads the configuration in `home`.
    package init(home: GatewayHome) throws(MappingError) {
        self.home = home
        let catalogueSchema = try Self.schema(home.schemas + "/programs-1.xsd")
        let identifierSchema = try Self.schema(home.schemas + "/identifiers-1.xsd")
        let mappingSchema = try Self.schema(home.schemas + "/mapping-1.xsd")
        let mappingSchema2 = try Self.schema(home.schemas + "/mapping-2.xsd")
        identifiers = try IdentifierSchemes(contentsOf: home.mappings + "/identifiers.xml", schema: identifierSchema)
        catalogue = try ProgramCatalogue(
            contentsOf: home.mappings + "/programs.xml", schema: catalogueSchema,
            rules: ConfigurableRules(identifiers: identifiers))
        var programs: [String: LoadedProgram] = [:]
        for program in catalogue.programs {
            let mapping = try ProgramMapping(
                contentsOf: home.mappings + "/" + program.mapping, schema: mappingSchema, version2: mappingSchema2)
            guard mapping.program == program.id else {
                throw MappingError(
                    "mapping is for program \(mapping.program), the catalogue lists it for \(program.id)",
                    file: mapping.file)
            }
            let schema = try Self.schema(home.schemas + "/" + mapping.schema)
            programs[program.id] = LoadedProgram(
                program: program, mapping: mapping, schema: schema, reader: MappingReader(mapping: mapping))
        }
        self.programs = programs
    }

    /// Locates the home folder (see ``GatewayHome/locate(explicit:)``) and loads it.
    package static func load(home explicit: String? = nil) throws(MappingError) -> GatewayConfiguration {
        try GatewayConfiguration(home: GatewayHome.locate(explicit: explicit))
    }

    /// The loaded program `id` (matched regardless of case), or an error naming the known ones and the closest.
    package func program(_ id: String) throws(MappingError) -> LoadedProgram {
        guard let loaded = programs[id] ?? NameMatch.find(id, in: programs.keys).flatMap({ programs[$0] }) else {
            throw MappingError(NameMatch.unknown("program", id, known: programs.keys))
        }
        return loaded
    }

    /// The catalogue's spelling of program `id` (matched regardless of case), or the error of ``program(_:)``.
    package func programID(_ id: String) throws(MappingError) -> String {
        try program(id).program.id
    }

    private static func schema(_ path: String) throws(MappingError) -> Schema {
        do {
            return try Schema(path: path)
        } catch {
            throw MappingError(error.message, file: path, line: error.line)
        }
    }
}
