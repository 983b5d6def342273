import MRAPlumbing

/// A problem with the gateway's configuration: the file, a key, a value. Exit code 2, as every configuration
/// problem.
struct ConfigurationError: CodedError {
    /// `config-unreadable`: the file cannot be read; `config-syntax`: not YAML, or not a mapping of keys;
    /// `config-unknown-key`: a key the gateway does not know, a partner override's program among them
    /// (`partners.<program>.…`); `config-invalid-value`: a value of the wrong kind or out of range; `config-secret-in-file`: a
    /// secret written in the file (a PKCS#11 URI's `pin-value`).
    enum Code: String, ErrorCode {
        case unreadableFile = "config-unreadable"
        case syntax = "config-syntax"
        case unknownKey = "config-unknown-key"
        case invalidValue = "config-invalid-value"
        case secretInFile = "config-secret-in-file"
    }

    let code: Code
    let message: String
    /// The file and line it is about, when it is about the file.
    var file: String?
    var line: Int?

    init(_ code: Code, _ message: String, file: String? = nil, line: Int? = nil) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
    }

    /// `FILE:LINE: CODE: message`.
    var description: String {
        let place = file.map { file in line.map { "\(file):\($0): " } ?? "\(file): " } ?? ""
        return "\(place)\(code): \(message)"
    }
}
