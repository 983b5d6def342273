import Foundation
import MRATestSupport

/// Runs the `openssl` command-line tool, as an independent implementation to compare against.
enum OpenSSLCLI {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `openssl arguments…` and returns standard output; throws on a non-zero exit.
    @discardableResult
    static func run(_ arguments: [String]) throws -> Data {
        let result = try ChildProcess.run("/usr/bin/env", ["openssl"] + arguments)
        guard result.status == 0 else {
            throw Failure(description: "openssl \(arguments.joined(separator: " ")): \(result.errors)")
        }
        return Data(result.output)
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mra-crypto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Just enough DER to turn an ECDSA `SEQUENCE { INTEGER r, INTEGER s }` into
/// raw `r || s` and back, independently of the code under test.
enum ECDSADER {
    static func raw(fromDER der: [UInt8], width: Int) -> [UInt8]? {
        var index = 0
        func readLength() -> Int? {
            guard index < der.count else { return nil }
            let first = Int(der[index])
            index += 1
            if first < 0x80 { return first }
            var length = 0
            for _ in 0..<(first & 0x7F) {
                guard index < der.count else { return nil }
                length = length << 8 | Int(der[index])
                index += 1
            }
            return length
        }
        guard der.first == 0x30 else { return nil }
        index = 1
        guard readLength() != nil else { return nil }
        var output: [UInt8] = []
        for _ in 0..<2 {
            guard index < der.count, der[index] == 0x02 else { return nil }
            index += 1
            guard let length = readLength(), index + length <= der.count else { return nil }
            let integer = der[index..<index + length].drop { $0 == 0 }
            index += length
            guard integer.count <= width else { return nil }
            output += [UInt8](repeating: 0, count: width - integer.count) + integer
        }
        return output
    }

    static func der(fromRaw raw: [UInt8]) -> [UInt8] {
        func encodeLength(_ length: Int) -> [UInt8] {
            length < 0x80
                ? [UInt8(length)]
                : length < 0x100 ? [0x81, UInt8(length)] : [0x82, UInt8(length >> 8), UInt8(length & 0xFF)]
        }
        func integer(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
            var value = Array(bytes.drop { $0 == 0 })
            if value.isEmpty { value = [0] }
            if value[0] & 0x80 != 0 { value.insert(0, at: 0) }
            return [0x02] + encodeLength(value.count) + value
        }
        let half = raw.count / 2
        let body = integer(raw[0..<half]) + integer(raw[half...])
        return [0x30] + encodeLength(body.count) + body
    }
}
