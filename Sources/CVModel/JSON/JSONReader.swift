/// A strict JSON reader (RFC 8259) that records the line and column of every value.
///
/// Syntax errors end the read with one diagnostic at the offending character; duplicate keys
/// are reported and reading goes on. Nesting is bounded so hostile input cannot overflow the stack.
public struct JSONReader {
    public static let maxDepth = 256
    /// A lone surrogate (`"\ud800"`) is half of a UTF-16 pair and no character; it is refused
    /// rather than replaced, so that text prints as typed. JSON Schema cannot say this.
    static let surrogateHint = "a \\uD800–\\uDFFF escape is half of a pair; write the character itself, or both halves (\\uD83D\\uDE00)"

    public struct Output: Sendable {
        public var root: JSONNode?
        public var diagnostics: [Diagnostic]
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1
    private var depth = 0
    private var diagnostics: [Diagnostic] = []

    private struct SyntaxError: Error { var diagnostic: Diagnostic }

    public static func read(_ bytes: [UInt8]) -> Output {
        var reader = JSONReader(bytes: bytes)
        return reader.run()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func run() -> Output {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return Output(root: nil, diagnostics: [.error(
                "the file starts with a byte order mark (BOM)", at: SourcePosition(line: 1, column: 1),
                hint: "save the file as UTF-8 without a BOM")])
        }
        if let bad = firstInvalidUTF8() {
            return Output(root: nil, diagnostics: [.error(
                "invalid UTF-8 byte 0x\(String(bytes[bad.offset], radix: 16, uppercase: true))",
                at: bad.position, hint: "save the file as UTF-8")])
        }
        do {
            skipWhitespace()
            guard index < bytes.count else {
                throw fail("the file is empty", hint: "a profile is a JSON object: { \"name\": \"…\", \"sections\": [] }")
            }
            let root = try readValue()
            skipWhitespace()
            if index < bytes.count {
                throw fail("unexpected \(describeCurrent()) after the end of the JSON value",
                           hint: "a file holds exactly one JSON value; remove what follows it")
            }
            return Output(root: root, diagnostics: diagnostics)
        } catch let error as SyntaxError {
            return Output(root: nil, diagnostics: diagnostics + [error.diagnostic])
        } catch {
            return Output(root: nil, diagnostics: diagnostics + [.error("\(error)")])
        }
    }

    private var here: SourcePosition { SourcePosition(line: line, column: column) }

    private func fail(_ message: String, hint: String? = nil, at position: SourcePosition? = nil) -> SyntaxError {
        SyntaxError(diagnostic: .error(message, at: position ?? here, hint: hint))
    }

    private mutating func advance() {
        let b = bytes[index]
        index += 1
        if b == 0x0A {
            line += 1
            column = 1
        } else if b & 0xC0 != 0x80 {
            column += 1
        }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: advance()
            default: return
            }
        }
    }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of file" }
        let b = bytes[index]
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        // Decode the whole character for the message.
        var end = index + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        let text = String(decoding: bytes[index..<end], as: UTF8.self)
        return b < 0x20 ? "control character U+\(String(format04(Int(b))))" : "'\(text)'"
    }

    private mutating func readValue() throws -> JSONNode {
        skipWhitespace()
        guard index < bytes.count else {
            throw fail("unexpected end of file: expected a value", hint: "the file may be truncated")
        }
        let start = here
        switch bytes[index] {
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readArray()
        case UInt8(ascii: "\""): return JSONNode(.string(try readString()), at: start)
        case UInt8(ascii: "t"): try readLiteral("true"); return JSONNode(.bool(true), at: start)
        case UInt8(ascii: "f"): try readLiteral("false"); return JSONNode(.bool(false), at: start)
        case UInt8(ascii: "n"): try readLiteral("null"); return JSONNode(.null, at: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return JSONNode(.number(try readNumber()), at: start)
        case UInt8(ascii: "'"):
            throw fail("strings must use double quotes", hint: "write \"text\", not 'text'")
        default:
            throw fail("unexpected \(describeCurrent()): expected a value (string, number, object, array, true, false or null)")
        }
    }

    private mutating func enter() throws {
        depth += 1
        if depth > JSONReader.maxDepth {
            throw fail("nesting deeper than \(JSONReader.maxDepth) levels", hint: "a profile needs only a few levels")
        }
    }

    private mutating func readObject() throws -> JSONNode {
        let start = here
        try enter()
        advance()  // {
        var members: [JSONMember] = []
        var seen: [String: SourcePosition] = [:]
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            advance()
            depth -= 1
            return JSONNode(.object([]), at: start)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of file inside an object", hint: "a '}' is missing") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                if bytes[index] == UInt8(ascii: "}") {
                    throw fail("trailing comma before '}'", hint: "remove the last comma")
                }
                throw fail("unexpected \(describeCurrent()): expected a key in double quotes")
            }
            let keyPosition = here
            let key = try readString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw fail("unexpected \(describeCurrent()): expected ':' after the key \"\(key)\"")
            }
            advance()
            let value = try readValue()
            if let first = seen[key] {
                diagnostics.append(.error("duplicate key \"\(key)\" (first at line \(first.line), column \(first.column))",
                                          at: keyPosition, hint: "keep one of the two"))
            } else {
                seen[key] = keyPosition
            }
            members.append(JSONMember(key: key, keyPosition: keyPosition, value: value))
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of file inside an object", hint: "a '}' is missing") }
            if bytes[index] == UInt8(ascii: ",") { advance(); continue }
            if bytes[index] == UInt8(ascii: "}") { advance(); break }
            throw fail("unexpected \(describeCurrent()): expected ',' or '}' after a member",
                       hint: bytes[index] == UInt8(ascii: "\"") ? "a comma is missing" : nil)
        }
        depth -= 1
        return JSONNode(.object(members), at: start)
    }

    private mutating func readArray() throws -> JSONNode {
        let start = here
        try enter()
        advance()  // [
        var items: [JSONNode] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            advance()
            depth -= 1
            return JSONNode(.array([]), at: start)
        }
        while true {
            skipWhitespace()
            if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
                throw fail("trailing comma before ']'", hint: "remove the last comma")
            }
            items.append(try readValue())
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of file inside an array", hint: "a ']' is missing") }
            if bytes[index] == UInt8(ascii: ",") { advance(); continue }
            if bytes[index] == UInt8(ascii: "]") { advance(); break }
            throw fail("unexpected \(describeCurrent()): expected ',' or ']' after an array item")
        }
        depth -= 1
        return JSONNode(.array(items), at: start)
    }

    private mutating func readLiteral(_ word: String) throws {
        let start = here
        for expected in word.utf8 {
            guard index < bytes.count, bytes[index] == expected else {
                throw fail("unexpected \(describeCurrent()): expected \(word)", at: index < bytes.count ? here : start)
            }
            advance()
        }
    }

    private mutating func readNumber() throws -> String {
        let begin = index
        if bytes[index] == UInt8(ascii: "-") { advance() }
        func digits() -> Int {
            var n = 0
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { advance(); n += 1 }
            return n
        }
        guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else {
            throw fail("unexpected \(describeCurrent()): expected a digit")
        }
        if bytes[index] == UInt8(ascii: "0") {
            advance()
            if index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                throw fail("numbers may not have leading zeros")
            }
        } else {
            _ = digits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            advance()
            if digits() == 0 { throw fail("unexpected \(describeCurrent()): expected a digit after '.'") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            advance()
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { advance() }
            if digits() == 0 { throw fail("unexpected \(describeCurrent()): expected a digit in the exponent") }
        }
        return String(decoding: bytes[begin..<index], as: UTF8.self)
    }

    private mutating func readString() throws -> String {
        let start = here
        advance()  // opening quote
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else {
                throw fail("unterminated string", hint: "a closing '\"' is missing", at: start)
            }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") { advance(); break }
            if b < 0x20 {
                throw fail(b == 0x0A ? "line break inside a string" : "unescaped control character in a string",
                           hint: b == 0x0A ? "write \\n for a line break, or close the string with '\"'" : "write it as \\u00XX")
            }
            if b == UInt8(ascii: "\\") {
                advance()
                guard index < bytes.count else { throw fail("unterminated string", at: start) }
                let e = bytes[index]
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    let escapePosition = here
                    advance()
                    var scalar = try readHex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw fail("unpaired surrogate in a \\u escape", hint: Self.surrogateHint, at: escapePosition)
                        }
                        advance(); advance()
                        let low = try readHex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired surrogate in a \\u escape", hint: Self.surrogateHint, at: escapePosition) }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw fail("unpaired surrogate in a \\u escape", hint: Self.surrogateHint, at: escapePosition)
                    }
                    out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
                    continue
                default:
                    throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string",
                               hint: "a backslash is written \\\\ in JSON")
                }
                advance()
                continue
            }
            out.append(b)
            advance()
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func readHex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count, let digit = hexValue(bytes[index]) else {
                throw fail("unexpected \(describeCurrent()): expected four hex digits after \\u")
            }
            value = value * 16 + digit
            advance()
        }
        return value
    }

    private func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// The offset and position of the first byte that breaks UTF-8, if any.
    private func firstInvalidUTF8() -> (offset: Int, position: SourcePosition)? {
        var i = 0
        var line = 1, column = 1
        while i < bytes.count {
            let b = bytes[i]
            var length = 0
            var minimum: UInt32 = 0
            var scalar: UInt32 = 0
            switch b {
            case 0x00...0x7F: length = 1; scalar = UInt32(b)
            case 0xC2...0xDF: length = 2; scalar = UInt32(b & 0x1F); minimum = 0x80
            case 0xE0...0xEF: length = 3; scalar = UInt32(b & 0x0F); minimum = 0x800
            case 0xF0...0xF4: length = 4; scalar = UInt32(b & 0x07); minimum = 0x10000
            default: return (i, SourcePosition(line: line, column: column))
            }
            if i + length > bytes.count { return (i, SourcePosition(line: line, column: column)) }
            for k in 1..<max(length, 1) {
                let c = bytes[i + k]
                if c & 0xC0 != 0x80 { return (i, SourcePosition(line: line, column: column)) }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if length > 1 && (scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar)) {
                return (i, SourcePosition(line: line, column: column))
            }
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            i += length
        }
        return nil
    }
}

private func format04(_ n: Int) -> String {
    let s = String(n, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}
