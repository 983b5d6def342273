/// The name an uploaded file takes in the inbox: the sender's
/// `MRA-File-Name` when it is a plain file name, else one made from the
/// content's SHA-256.
package enum UploadName {
    /// `[A-Za-z0-9][A-Za-z0-9._-]{0,199}`: no path, not hidden, not empty.
    package static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= 200, isAlphanumeric(first) else { return false }
        return bytes.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }

    /// The inbox name for a file: `requested` if given (and valid), else `<sha256>.xml` or `.csv`.
    package static func name(requested: String?, digest: String, delimited: Bool) -> String {
        requested ?? digest + (delimited ? ".csv" : ".xml")
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
