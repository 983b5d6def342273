import Foundation

/// The folder holding `Schemas/`, `Mappings/` and `Certs/`.
///
/// Found, in order: the path given (`--home`), the `MRA_GATEWAY_HOME`
/// environment variable, the current folder or one above it, the folder of
/// the executable or one above it. So the gateway works from a checkout, from
/// an installed tree, and from SwiftPM's build folder.
public struct GatewayHome: Sendable, Hashable {
    public var path: String

    public init(path: String) { self.path = path }

    public var schemas: String { path + "/Schemas" }
    public var mappings: String { path + "/Mappings" }
    public var certs: String { path + "/Certs" }

    /// Locates the home folder, or explains where it looked.
    package static func locate(explicit: String? = nil) throws(MappingError) -> GatewayHome {
        if let explicit {
            guard isHome(explicit) else {
                throw MappingError("\(explicit) has no Mappings/programs.xml: not a gateway home")
            }
            return GatewayHome(path: explicit)
        }
        if let environment = ProcessInfo.processInfo.environment["MRA_GATEWAY_HOME"], isHome(environment) {
            return GatewayHome(path: environment)
        }
        var starts = [FileManager.default.currentDirectoryPath]
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append((executable as NSString).deletingLastPathComponent)
        }
        for start in starts {
            var folder = start
            while true {
                if isHome(folder) { return GatewayHome(path: folder) }
                let parent = (folder as NSString).deletingLastPathComponent
                if parent == folder || parent.isEmpty { break }
                folder = parent
            }
        }
        throw MappingError(
            "no gateway home found (a folder with Mappings/programs.xml): give --home or set MRA_GATEWAY_HOME")
    }

    private static func isHome(_ folder: String) -> Bool {
        FileManager.default.fileExists(atPath: folder + "/Mappings/programs.xml")
    }
}
