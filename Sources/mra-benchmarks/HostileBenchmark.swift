import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `--hostile`: what refusing hostile input costs. Three eu-aeo lists, made
/// from a generated valid one and written streaming to the work folder: a
/// text node of 1 GiB, one element with 1,000,000 attributes, and
/// 10,000,000 nested elements. `validate`, `verify` and `exchange run` each
/// read each file as a child process, measured for wall time and peak
/// memory (`VmHWM`): every one must refuse the file (exit 1) under 128 MiB.
func runHostileBenchmark(gateway: String, home: String, workDirectory: String) throws -> [String] {
    let program = "eu-aeo"
    let valid = workDirectory + "/hostile-base.xml"
    let generated = try measure([
        gateway, "generate", "--home", home, "--program", program, "--records", "2", "-o", valid,
    ])
    guard generated.exitCode == 0 else { throw BenchmarkError("generate exited \(generated.exitCode)") }
    let base = [UInt8](try Data(contentsOf: URL(fileURLWithPath: valid)))
    let files = [
        ("text node of 1 GiB", try HostileFile.textNode(base, bytes: 1 << 30, at: workDirectory + "/hostile-text.xml")),
        (
            "1,000,000 attributes",
            try HostileFile.attributes(base, count: 1_000_000, at: workDirectory + "/hostile-attributes.xml")
        ),
        (
            "10,000,000 nested elements",
            try HostileFile.nested(base, depth: 10_000_000, at: workDirectory + "/hostile-nested.xml")
        ),
    ]
    var lines: [String] = []
    var worst = 0.0
    for (name, path) in files {
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        lines.append(String(format: "%@ (%.1f MB):", name as NSString, Double(size) / 1e6))
        let root = workDirectory + "/hostile-exchange"
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(atPath: root + "/inbox/" + program, withIntermediateDirectories: true)
        // A hard link: the run moves the file to its quarantine, the original stays for the next command.
        guard link(path, root + "/inbox/\(program)/hostile.xml") == 0 else {
            throw BenchmarkError("cannot link \(path) into the inbox")
        }
        let commands: [(String, [String])] = [
            ("validate", [gateway, "validate", "--home", home, "--program", program, path]),
            ("verify", [gateway, "verify", "--home", home, "--partner", program, path]),
            ("exchange run", [gateway, "exchange", "run", "--root", root, "--home", home, "--log-level", "error"]),
        ]
        for (command, arguments) in commands {
            let measured = try measure(arguments)
            guard measured.exitCode == 1 else {
                throw BenchmarkError("\(command) on the \(name) exited \(measured.exitCode), expected 1 (refused)")
            }
            worst = max(worst, measured.peakMiB)
            lines.append(
                String(
                    format: "  %@ %8.3f s  peak %7.1f MiB  exit %d",
                    command.padding(toLength: 14, withPad: " ", startingAt: 0) as NSString, measured.seconds,
                    measured.peakMiB, measured.exitCode))
        }
        try FileManager.default.removeItem(atPath: path)
    }
    lines.append(String(format: "largest peak: %.1f MiB (limit 128 MiB): %@", worst, worst < 128 ? "pass" : "FAIL"))
    if worst >= 128 { throw BenchmarkError(lines.joined(separator: "\n")) }
    return lines
}

/// Writes hostile variants of a valid document, streaming.
enum HostileFile {
    /// `base` with `bytes` more bytes of text in its first element that closes.
    static func textNode(_ base: [UInt8], bytes: Int, at path: String) throws -> String {
        let close = try firstEndTag(base)
        return try write(path, base[..<close], base[close...]) { write in
            let chunk = [UInt8](repeating: UInt8(ascii: "A"), count: 1 << 20)
            for _ in 0..<(bytes / chunk.count) { try write(chunk) }
        }
    }

    /// `base` with `count` attributes on its root element.
    static func attributes(_ base: [UInt8], count: Int, at path: String) throws -> String {
        let start = try rootStart(base)
        guard let end = base[start...].firstIndex(of: UInt8(ascii: ">")) else {
            throw BenchmarkError("the base document's root start tag has no end")
        }
        return try write(path, base[..<end], base[end...]) { write in
            var part: [UInt8] = []
            for index in 0..<count {
                part += Array(" a\(index)=\"1\"".utf8)
                if part.count > 1 << 20 {
                    try write(part)
                    part.removeAll(keepingCapacity: true)
                }
            }
            try write(part)
        }
    }

    /// `base` with `depth` nested elements inside its first element that closes.
    static func nested(_ base: [UInt8], depth: Int, at path: String) throws -> String {
        let close = try firstEndTag(base)
        return try write(path, base[..<close], base[close...]) { write in
            for tag in ["<x>", "</x>"] {
                let chunk = [UInt8](Array(String(repeating: tag, count: 100_000).utf8))
                for _ in 0..<(depth / 100_000) { try write(chunk) }
            }
        }
    }

    private static func firstEndTag(_ base: [UInt8]) throws -> Int {
        guard
            let index = base.indices.first(where: { base[$0] == UInt8(ascii: "<") && base[$0 + 1] == UInt8(ascii: "/") }
            )
        else { throw BenchmarkError("the base document has no end tag") }
        return index
    }

    private static func rootStart(_ base: [UInt8]) throws -> Int {
        guard
            let index = base.indices.first(where: {
                base[$0] == UInt8(ascii: "<") && base[$0 + 1] != UInt8(ascii: "?") && base[$0 + 1] != UInt8(ascii: "!")
            })
        else { throw BenchmarkError("the base document has no root element") }
        return index
    }

    /// Writes `head`, what `middle` writes, then `tail` to `path`.
    private static func write(
        _ path: String, _ head: ArraySlice<UInt8>, _ tail: ArraySlice<UInt8>,
        middle: (([UInt8]) throws -> Void) throws -> Void
    ) throws -> String {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { throw BenchmarkError("cannot write \(path)") }
        defer { try? handle.close() }
        try handle.write(contentsOf: Data(head))
        try middle { try handle.write(contentsOf: Data($0)) }
        try handle.write(contentsOf: Data(tail))
        return path
    }
}
