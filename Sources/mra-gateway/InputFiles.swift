import Foundation

/// The files a command was asked to read, checked before it starts: a file that is missing or cannot be read
/// means the gateway cannot do the job (exit 2), not that the input has problems (exit 1).
enum InputFiles {
    /// Throws a ``Failure`` naming the first of `paths` that is missing, a folder, or cannot be opened for reading.
    static func requireReadable(_ paths: [String]) throws {
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw Failure("\(path): cannot read: no such file")
            }
            if isFolder.boolValue { throw Failure("\(path): cannot read: a folder, not a file") }
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw Failure("\(path): cannot read: permission denied")
            }
            try? handle.close()
        }
    }

    /// The size of the file at `path` in bytes; 0 when it cannot be told (progress then shows no percentage).
    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
