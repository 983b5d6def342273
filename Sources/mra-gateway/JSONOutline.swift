import Foundation

/// The text form of a JSON answer for people: one `key: value` line per field, nested objects indented under
/// their key, arrays of objects as `- ` items, arrays of plain values on one line. Keys in alphabetical order.
enum JSONOutline {
    /// `json` as an outline, or `json` itself when it does not parse.
    static func text(_ json: String) -> String {
        guard let value = try? JSONDecoder().decode(Value.self, from: Data(json.utf8)) else { return json }
        var lines: [String] = []
        write(value, indent: "", into: &lines)
        return lines.joined(separator: "\n")
    }

    /// A parsed JSON value.
    private enum Value: Decodable {
        case object([String: Value])
        case array([Value])
        case string(String)
        case number(Double)
        case bool(Bool)
        case null

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let bool = try? container.decode(Bool.self) {
                self = .bool(bool)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else if let string = try? container.decode(String.self) {
                self = .string(string)
            } else if let array = try? container.decode([Value].self) {
                self = .array(array)
            } else {
                self = .object(try container.decode([String: Value].self))
            }
        }
    }

    private static func write(_ value: Value, indent: String, into lines: inout [String]) {
        switch value {
        case .object(let object):
            for key in object.keys.sorted() {
                let field = object[key]!
                if let line = plain(field) {
                    lines.append("\(indent)\(key): \(line)")
                } else {
                    lines.append("\(indent)\(key):")
                    write(field, indent: indent + "  ", into: &lines)
                }
            }
        case .array(let array):
            for item in array {
                if let line = plain(item) {
                    lines.append("\(indent)- \(line)")
                } else {
                    // The item's first line after the dash, the rest under it.
                    var itemLines: [String] = []
                    write(item, indent: indent + "  ", into: &itemLines)
                    if let first = itemLines.first { itemLines[0] = indent + "- " + first.dropFirst(indent.count + 2) }
                    lines += itemLines
                }
            }
        default:
            lines.append(indent + (plain(value) ?? ""))
        }
    }

    /// A value that fits on one line: a string, number, boolean or null, or an array of those; nil otherwise.
    private static func plain(_ value: Value) -> String? {
        switch value {
        case .null: return "-"
        case .string(let string): return string
        case .bool(let bool): return bool ? "yes" : "no"
        case .number(let number):
            return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .array(let array) where array.isEmpty: return "(none)"
        case .array(let array):
            let items = array.compactMap { item -> String? in
                if case .array = item { return nil }
                if case .object = item { return nil }
                return plain(item)
            }
            return items.count == array.count ? items.joined(separator: ", ") : nil
        case .object(let object) where object.isEmpty: return "(none)"
        case .object: return nil
        }
    }
}
