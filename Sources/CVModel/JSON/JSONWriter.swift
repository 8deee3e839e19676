/// Writes JSON in one canonical form: members in the order given, two-space indentation,
/// only the escapes JSON requires, non-ASCII text as UTF-8, and a final newline.
public enum JSONWriter {
    public static func write(_ value: JSONNode.Value) -> String {
        var out = ""
        write(value, indent: "", into: &out)
        out += "\n"
        return out
    }

    private static func write(_ value: JSONNode.Value, indent: String, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            if items.allSatisfy({ $0.value.isScalar }) && items.count <= 12 {
                let parts = items.map { item -> String in var s = ""; write(item.value, indent: indent, into: &s); return s }
                let inline = "[" + parts.joined(separator: ", ") + "]"
                if inline.count + indent.count <= 100 { out += inline; return }
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += indent + "  "
                write(item.value, indent: indent + "  ", into: &out)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, m) in members.enumerated() {
                out += indent + "  "
                quote(m.key, into: &out)
                out += ": "
                write(m.value.value, indent: indent + "  ", into: &out)
                out += i == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }

    public static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: false)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

extension JSONNode.Value {
    var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }
}

/// Builds JSON values tersely: `.obj(["a": .str("x")])` keeps the key order given.
public enum JSONBuild {
    private static let nowhere = SourcePosition(line: 0, column: 0)

    public static func node(_ v: JSONNode.Value) -> JSONNode { JSONNode(v, at: nowhere) }

    /// An object from ordered pairs, leaving out nil values.
    public static func object(_ pairs: [(String, JSONNode.Value?)]) -> JSONNode.Value {
        .object(pairs.compactMap { key, value in
            value.map { JSONMember(key: key, keyPosition: nowhere, value: node($0)) }
        })
    }

    public static func array(_ items: [JSONNode.Value]) -> JSONNode.Value { .array(items.map(node)) }
    public static func string(_ s: String?) -> JSONNode.Value? { s.map { .string($0) } }
    public static func strings(_ s: [String]) -> JSONNode.Value? { s.isEmpty ? nil : array(s.map { .string($0) }) }
    public static func int(_ i: Int?) -> JSONNode.Value? { i.map { .number(String($0)) } }
    public static func flag(_ b: Bool) -> JSONNode.Value? { b ? .bool(true) : nil }
}
