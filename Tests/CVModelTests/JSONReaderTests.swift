import Testing
@testable import CVModel

@Suite struct JSONReaderTests {
    func firstError(_ text: String) -> Diagnostic? {
        JSONReader.read(Array(text.utf8)).diagnostics.first
    }

    func firstError(bytes: [UInt8]) -> Diagnostic? {
        JSONReader.read(bytes).diagnostics.first
    }

    @Test func readsValuesWithPositions() throws {
        let out = JSONReader.read(Array("{\n  \"a\": [1, \"é\", true, null],\n  \"b\": {\"c\": -2.5e3}\n}".utf8))
        let root = try #require(out.root)
        guard case .object(let members) = root.value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["a", "b"])
        #expect(members[0].keyPosition == SourcePosition(line: 2, column: 3))
        #expect(members[0].value.position == SourcePosition(line: 2, column: 8))
        guard case .array(let items) = members[0].value.value else { Issue.record("not an array"); return }
        #expect(items[1].value == .string("é"))
        #expect(items[2].position == SourcePosition(line: 2, column: 17))
        guard case .object(let inner) = members[1].value.value else { Issue.record("not an object"); return }
        #expect(inner[0].value.value == .number("-2.5e3"))
    }

    @Test func decodesEscapes() throws {
        let out = JSONReader.read(Array(#""a\"b\\c\/\n\t\u00e9\ud83d\ude00""#.utf8))
        #expect(out.root?.value == .string("a\"b\\c/\n\té😀"))
    }

    @Test(arguments: [
        ("{\n  \"a\": 1,\n  \"b\": 2\n  \"c\": 3\n}", 4, 3, "unexpected '\"': expected ',' or '}' after a member"),
        ("{\"a\": 1,}", 1, 9, "trailing comma before '}'"),
        ("[1, 2,]", 1, 7, "trailing comma before ']'"),
        ("", 1, 1, "the file is empty"),
        ("   \n", 2, 1, "the file is empty"),
        ("{\"a\": ", 1, 7, "unexpected end of file: expected a value"),
        ("{\"a\": \"open", 1, 7, "unterminated string"),
        ("{\"a\": 'x'}", 1, 7, "strings must use double quotes"),
        ("{\"a\": tru}", 1, 10, "unexpected '}': expected true"),
        ("{\"a\": 01}", 1, 8, "numbers may not have leading zeros"),
        ("{} x", 1, 4, "unexpected 'x' after the end of the JSON value"),
        ("{\"a\": \"x\\q\"}", 1, 10, "invalid escape '\\q' in a string"),
        ("{\"a\": \"line\nbreak\"}", 1, 12, "line break inside a string"),
        ("{\"é\": ü}", 1, 7, "unexpected 'ü': expected a value (string, number, object, array, true, false or null)"),
    ])
    func syntaxErrors(_ text: String, _ line: Int, _ column: Int, _ message: String) throws {
        let d = try #require(firstError(text))
        #expect(d.message == message)
        #expect(d.position == SourcePosition(line: line, column: column))
    }

    @Test func duplicateKeysAreReportedAndReadingGoesOn() {
        let out = JSONReader.read(Array("{\"a\": 1,\n \"a\": 2}".utf8))
        #expect(out.root != nil)
        #expect(out.diagnostics.map(\.description) == [
            "2:2: error: duplicate key \"a\" (first at line 1, column 2)\n  hint: keep one of the two",
        ])
    }

    @Test func byteOrderMarkIsRejected() throws {
        let d = try #require(firstError(bytes: [0xEF, 0xBB, 0xBF] + Array("{}".utf8)))
        #expect(d.message == "the file starts with a byte order mark (BOM)")
        #expect(d.position == SourcePosition(line: 1, column: 1))
    }

    @Test func invalidUTF8IsLocated() throws {
        let d = try #require(firstError(bytes: Array("{\n \"a\": \"".utf8) + [0xC3, 0x28] + Array("\"}".utf8)))
        #expect(d.message == "invalid UTF-8 byte 0xC3")
        #expect(d.position == SourcePosition(line: 2, column: 8))
    }

    @Test func deepNestingIsBounded() throws {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let d = try #require(firstError(text))
        #expect(d.message == "nesting deeper than 256 levels")
        #expect(d.position == SourcePosition(line: 1, column: 257))
    }

    @Test func hugeStringsAreRead() throws {
        let big = String(repeating: "x", count: 30_000_000)
        let out = JSONReader.read(Array("{\"a\": \"\(big)\"}".utf8))
        guard case .object(let m) = out.root?.value, case .string(let s) = m[0].value.value else {
            Issue.record("not read"); return
        }
        #expect(s.utf8.count == 30_000_000)
    }
}
