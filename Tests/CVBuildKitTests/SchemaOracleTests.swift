import CVBuildCLI
import CVTestSupport
import CVBuildKit
import CVModel
import Foundation
import CVTestRandom
import Testing

/// Two judges of the same profiles: Python's `jsonschema` with the schema `cvbuild schema`
/// prints, and `cvbuild check`'s validator. Some hundreds of broken profiles are made from the
/// reference profiles in Profiles/ (with a seeded generator, so every run makes the same ones);
/// the judges must agree on each, except in the categories that docs/profile-format.md lists as
/// verified only by `cvbuild check`, where the schema must accept and check must refuse.
@Suite struct SchemaOracleTests {
    /// The categories only `cvbuild check` verifies; must equal the list in docs/profile-format.md.
    static let checkOnly: Set<String> = [
        "date-order", "cofirst-over-authors", "variant-unknown-tag", "variant-unknown-section", "variant-unknown-style",
        "markup-nesting", "text-too-long", "duplicate-key", "bibliography", "lone-surrogate", "duplicate-section-id",
    ]

    struct Mutant {
        var category: String
        var base: String
        var what: String
        var text: String
    }

    @Test func checkOnlyListIsTheDocumentedOne() throws {
        let docs = try String(contentsOf: packageRoot.appendingPathComponent("docs/profile-format.md"), encoding: .utf8)
        let start = try #require(docs.range(of: "<!-- generated: check-only -->"))
        let end = try #require(docs.range(of: "<!-- end generated -->", range: start.upperBound..<docs.endIndex))
        let rows = docs[start.upperBound..<end.lowerBound].split(separator: "\n").filter { $0.hasPrefix("| `") }
        let names = rows.compactMap { $0.split(separator: "`").dropFirst().first.map(String.init) }
        #expect(Set(names) == Self.checkOnly && names.count == Self.checkOnly.count, "docs list: \(names)")
    }

    @Test func schemaAndCheckAgreeOnMutants() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let schema = dir.appendingPathComponent("schema.json")
        let printed = runTool(["schema"])
        #expect(printed.code == .success)
        try write(printed.stdout, to: schema)
        let packs = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Styles").path).sorted()

        var generator = MutantGenerator(seed: 20_241_126)
        let mutants = try generator.mutants(from: CanonicalJSONTests.profiles.sorted(), packs: packs)
        #expect(mutants.count >= 300)

        let schemaVerdicts = try Self.judgeWithJSONSchema(mutants.map(\.text), schema: schema)
        try #require(schemaVerdicts.count == mutants.count)

        var byCategory: [String: (count: Int, disagree: Int, valid: Int)] = [:]
        var failures: [String] = []
        for (i, m) in mutants.enumerated() {
            let file = dir.appendingPathComponent("m\(i).json")
            try write(m.text, to: file)
            var checked: [Diagnostic] = []
            do { _ = try ProfileSource.file(file.path).load(packNames: packs) } catch { checked = error.diagnostics }
            let checkValid = checked.isEmpty
            let (schemaValid, schemaSays) = schemaVerdicts[i]
            let agreed = Self.checkOnly.contains(m.category) ? schemaValid && !checkValid : schemaValid == checkValid
            byCategory[m.category, default: (0, 0, 0)].count += 1
            if checkValid { byCategory[m.category, default: (0, 0, 0)].valid += 1 }
            if !agreed {
                byCategory[m.category, default: (0, 0, 0)].disagree += 1
                failures.append("""
                [\(m.category)] \(m.base): \(m.what)
                  jsonschema: \(schemaValid ? "valid" : "invalid: " + schemaSays)
                  check: \(checkValid ? "valid" : "invalid: " + (checked.first?.description ?? ""))
                """)
            }
        }
        let table = byCategory.sorted { $0.key < $1.key }
            .map { "\($0.key)\(Self.checkOnly.contains($0.key) ? " (check only)" : ""): \($0.value.count) mutants (\($0.value.valid) valid), \($0.value.disagree) judged differently" }
        // Both verdicts occur often: a test where every mutant is refused would prove little.
        let valid = byCategory.values.reduce(0) { $0 + $1.valid }
        #expect(valid >= 30 && mutants.count - valid >= 300, "\(valid) of \(mutants.count) valid")
        print("schema oracle: \(mutants.count) mutants\n  " + table.joined(separator: "\n  "))
        #expect(failures.isEmpty, "\(failures.count) of \(mutants.count) mutants judged wrongly:\n\(failures.prefix(12).joined(separator: "\n"))")
        for category in Self.checkOnly.union(MutantGenerator.schemaCategories) {
            #expect((byCategory[category]?.count ?? 0) > 0, "no mutant in \(category)")
        }
    }

    /// The schema's date patterns, as Python's `re` reads them (as jsonschema does), accept exactly
    /// the dates CVDate parses, over a grid of years, months, days and qualifiers.
    @Test func datePatternsAcceptWhatCVDateParses() throws {
        var texts = ["present", "present (expected)", "Present", "", " 2020", "2020 ", "20", "202", "20201", "٢٠٢٠", "2020-1", "2020-1-1"]
        for year in ["0000", "0004", "0100", "0400", "1900", "2000", "2023", "2024", "2100", "9999"] {
            texts.append(year)
            for month in 0...13 {
                let m = month < 10 ? "0\(month)" : "\(month)"
                texts.append("\(year)-\(m)")
                for day in [0, 1, 9, 10, 19, 20, 28, 29, 30, 31, 32] { texts.append("\(year)-\(m)-\(day < 10 ? "0" : "")\(day)") }
            }
        }
        texts += texts.map { $0 + " (expected)" }
        let printed = runTool(["schema"])
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? [String: Any])
        let defs = try #require(schema["$defs"] as? [String: Any])
        let education = try #require((defs["entry-education"] as? [String: Any])?["properties"] as? [String: Any])
        let datePattern = try #require((education["date"] as? [String: Any])?["pattern"] as? String)
        let startPattern = try #require((education["start"] as? [String: Any])?["pattern"] as? String)
        let script = """
        import json, re, sys
        patterns = json.loads(sys.argv[1])
        texts = json.load(sys.stdin)
        json.dump([[re.search(p, t) is not None for p in patterns] for t in texts], sys.stdout)
        """
        let input = try JSONSerialization.data(withJSONObject: texts)
        let data = try Self.python(script, arguments: [String(decoding: try JSONSerialization.data(withJSONObject: [datePattern, startPattern]), as: UTF8.self)], input: input)
        let verdicts = try #require(try JSONSerialization.jsonObject(with: data) as? [[Bool]])
        try #require(verdicts.count == texts.count)
        var wrong: [String] = []
        for (text, v) in zip(texts, verdicts) {
            let parsed = try? CVDate.parse(text).get()
            if v[0] != (parsed != nil) { wrong.append("date \"\(text)\": pattern \(v[0]), CVDate \(parsed != nil)") }
            if v[1] != (parsed != nil && parsed?.value != .present) { wrong.append("start \"\(text)\": pattern \(v[1])") }
        }
        #expect(texts.count > 3000)
        #expect(verdicts.filter { $0[0] }.count > 1000)
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    }

    /// Runs a Python script with `input` on its standard input and returns its standard output.
    static func python(_ script: String, arguments: [String], input: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: SchemaTests.python)
        process.arguments = ["-c", script] + arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        // Python reads all of its input before it writes, so writing first cannot block on a full output pipe.
        try stdin.fileHandleForWriting.write(contentsOf: input)
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python exited with \(process.terminationStatus)")
        return data
    }

    /// One Python process judges every mutant: a JSON array of texts on standard input, a JSON
    /// array of [valid, first error] back.
    static func judgeWithJSONSchema(_ texts: [String], schema: URL) throws -> [(Bool, String)] {
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        verdicts = []
        for text in json.load(sys.stdin):
            error = next(iter(validator.iter_errors(json.loads(text))), None)
            where = "/".join(str(p) for p in error.absolute_path) if error else ""
            verdicts.append([error is None, "" if error is None else where + ": " + error.message[:160]])
        json.dump(verdicts, sys.stdout)
        """
        let data = try python(script, arguments: [schema.path], input: try JSONSerialization.data(withJSONObject: texts))
        let verdicts = try #require(try JSONSerialization.jsonObject(with: data) as? [[Any]])
        return verdicts.map { (($0[0] as? Bool) ?? false, ($0[1] as? String) ?? "") }
    }
}

/// A JSON value that keeps key order and duplicate keys, for making mutants.
indirect enum JValue: Equatable {
    case null, bool(Bool), number(String), string(String), array([JValue]), object([(String, JValue)])

    static func == (a: JValue, b: JValue) -> Bool { a.text == b.text }

    init(_ node: JSONNode) {
        switch node.value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let n): self = .number(n)
        case .string(let s): self = .string(s)
        case .array(let items): self = .array(items.map(JValue.init))
        case .object(let members): self = .object(members.map { ($0.key, JValue($0.value)) })
        }
    }

    var text: String {
        switch self {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n
        case .string(let s): Self.quote(s)
        case .array(let items): "[" + items.map(\.text).joined(separator: ",") + "]"
        case .object(let members): "{" + members.map { Self.quote($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    subscript(key: String) -> JValue? {
        if case .object(let m) = self { return m.first { $0.0 == key }?.1 }
        return nil
    }
}

enum Step: Equatable { case key(String), index(Int) }

extension JValue {
    /// Every path in the tree, parents before children.
    func paths(_ prefix: [Step] = []) -> [[Step]] {
        var out = [prefix]
        switch self {
        case .array(let items): for (i, v) in items.enumerated() { out += v.paths(prefix + [.index(i)]) }
        case .object(let m): for (k, v) in m { out += v.paths(prefix + [.key(k)]) }
        default: break
        }
        return out
    }

    func at(_ path: [Step]) -> JValue? {
        guard let first = path.first else { return self }
        switch (first, self) {
        case (.key(let k), .object(let m)): return m.first { $0.0 == k }?.1.at(Array(path.dropFirst()))
        case (.index(let i), .array(let a)): return i < a.count ? a[i].at(Array(path.dropFirst())) : nil
        default: return nil
        }
    }

    /// The tree with the value at `path` replaced by `f(value)`; nil from `f` removes it.
    func updating(_ path: [Step], _ f: (JValue) -> JValue?) -> JValue {
        guard let first = path.first else { return f(self) ?? .null }
        let rest = Array(path.dropFirst())
        switch (first, self) {
        case (.key(let k), .object(let m)):
            return .object(m.compactMap { key, v in
                guard key == k else { return (key, v) }
                if rest.isEmpty { return f(v).map { (key, $0) } }
                return (key, v.updating(rest, f))
            })
        case (.index(let i), .array(let a)):
            return .array(a.enumerated().compactMap { j, v in
                guard j == i else { return v }
                return rest.isEmpty ? f(v) : v.updating(rest, f)
            })
        default: return self
        }
    }

    func setting(_ key: String, _ value: JValue) -> JValue {
        guard case .object(var m) = self else { return self }
        if let i = m.firstIndex(where: { $0.0 == key }) { m[i].1 = value } else { m.append((key, value)) }
        return .object(m)
    }

    func removing(_ key: String) -> JValue {
        guard case .object(let m) = self else { return self }
        return .object(m.filter { $0.0 != key })
    }

    var keys: [String] { if case .object(let m) = self { m.map(\.0) } else { [] } }
}

struct MutantGenerator {
    static let schemaCategories: Set<String> = [
        "unchanged", "delete-key", "unknown-key", "wrong-type", "empty-string", "date-text", "date-keys", "bullet-depth",
        "group-in-group", "cofirst-low", "url", "bad-enum", "bad-id", "list-length", "number-form", "variant-shape",
        "integer-range",
    ]

    var rng: SeededRandom  // SplitMix64 (RobustnessTests): the same mutants on every run and machine
    init(seed: UInt64) { rng = SeededRandom(seed: seed) }

    mutating func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[Int(rng.next() % UInt64(items.count))] }

    func paths(_ root: JValue, where keep: ([Step], JValue) -> Bool) -> [[Step]] {
        root.paths().filter { p in root.at(p).map { keep(p, $0) } ?? false }
    }

    static func lastKey(_ p: [Step]) -> String? { if case .key(let k)? = p.last { k } else { nil } }

    /// Objects that are entries: members of an `entries` array.
    func entryPaths(_ root: JValue, type: String? = nil) -> [[Step]] {
        paths(root) { p, v in
            guard p.count >= 2, case .key("entries") = p[p.count - 2], case .index = p.last, case .object = v else { return false }
            return type == nil || v["type"] == .string(type!)
        }
    }

    mutating func mutants(from names: [String], packs: [String]) throws -> [SchemaOracleTests.Mutant] {
        var out: [SchemaOracleTests.Mutant] = []
        var bases: [(String, JValue)] = []
        for name in names {
            let data = try Data(contentsOf: URL(fileURLWithPath: profilePath(name)))
            let root = try #require(JSONReader.read(Array(data)).root)
            bases.append((name, JValue(root)))
            out.append(.init(category: "unchanged", base: name, what: "the profile as it is", text: JValue(root).text))
        }
        func add(_ category: String, _ base: String, _ what: String, _ value: JValue) {
            out.append(.init(category: category, base: base, what: what, text: value.text))
        }
        /// A string cannot hold a lone surrogate, so a marker stands in for the escape until the text is written.
        let surrogateMarker = "\u{E000}surrogate\u{E000}"
        func addWithEscape(_ category: String, _ base: String, _ what: String, _ value: JValue, escape: String) {
            out.append(.init(category: category, base: base, what: what, text: value.text.replacingOccurrences(of: surrogateMarker, with: escape)))
        }
        for round in 0..<4 {
            for (baseIndex, (name, original)) in bases.enumerated() {
                let k = round * bases.count + baseIndex  // picks the one-in-N categories
                // Variants name tags and sections; they are mutated on their own below, so that
                // removing a tag elsewhere does not make a variant wrong.
                let root = original.removing("variants")
                let describe = { (p: [Step]) in p.map { s in if case .key(let k) = s { ".\(k)" } else if case .index(let i) = s { "[\(i)]" } else { "" } }.joined() }

                // delete-key: any key of any object.
                let members = paths(root) { p, _ in Self.lastKey(p) != nil }
                if let p = pick(members) { add("delete-key", name, "delete \(describe(p))", root.updating(p) { _ in nil }) }

                // unknown-key: a misspelling of a key already there, or a stranger.
                let objects = paths(root) { _, v in if case .object = v { true } else { false } }
                if let p = pick(objects), let object = root.at(p) {
                    var key = pick(object.keys).map { k in k.count > 3 ? String(k.dropLast()) + "s" : k + "x" } ?? "colour"
                    if object.keys.contains(key) { key = "x-" + key }
                    add("unknown-key", name, "add \(key) to \(describe(p))", root.updating(p) { $0.setting(key, .string("x")) })
                }

                // wrong-type: any value but the root, as another JSON type.
                let values = paths(root) { p, _ in !p.isEmpty }
                if let p = pick(values), let old = root.at(p) {
                    let candidates: [JValue] = [.number("42"), .number("1.5"), .bool(true), .null, .array([]), .object([]), .string("text")]
                    if let new = pick(candidates.filter { $0.typeName != old.typeName }) {
                        add("wrong-type", name, "\(describe(p)) = \(new.text)", root.updating(p) { _ in new })
                    }
                }

                // empty-string: any string, emptied or blanked.
                let strings = paths(root) { _, v in if case .string = v { true } else { false } }
                if let p = pick(strings), let blank = pick(["", "   ", "\t \n"]) {
                    add("empty-string", name, "\(describe(p)) = \(JValue.quote(blank))", root.updating(p) { _ in .string(blank) })
                }

                // date-text: a date key given text that is not a date; `date` (a point, never in a
                // range) also given dates that are, at the edges of the calendar.
                let dates = paths(root) { p, v in ["date", "start", "end"].contains(Self.lastKey(p) ?? "") && v != .null }
                if let p = pick(dates) {
                    let bad = ["2020-13", "2020-00", "2020-1", "20201", "2020/01", "2023-02-29", "1900-02-29", "2021-04-31",
                               "2020-01-32", "present (expected)", "Present", "2020-01-01T10:00", " 2020", "2020 (Expected)",
                               "٢٠٢٠", "2020-02-30", "", "2020 (expected) ", "-2020", "12020"]
                    let good = ["2000-02-29", "2024-02-29 (expected)", "1600-02-29", "0000", "9999-12-31", "2020-12 (expected)", "present"]
                    let choices = Self.lastKey(p) == "date" ? bad + good : bad
                    if let text = pick(choices) {
                        add("date-text", name, "\(describe(p)) = \"\(text)\"", root.updating(p) { _ in .string(text) })
                    }
                }

                // date-keys: a start of "present", date with start, end without start, date with end.
                let ranges = paths(root) { _, v in v["start"] != nil && v["end"] != nil }
                let points = entryPaths(root).filter { root.at($0)?["date"] != nil && root.at($0)?["type"] != .string("news") }
                if let p = pick(ranges), let which = pick([0, 1, 2]) {
                    let change: (JValue) -> JValue = [
                        { $0.setting("start", .string("present")) },
                        { $0.setting("date", .string("2020")) },
                        { $0.removing("start") },
                    ][which]
                    add("date-keys", name, "\(["start present", "date and start", "end alone"][which]) at \(describe(p))", root.updating(p, change))
                }
                if let p = pick(points) {
                    add("date-keys", name, "date and end at \(describe(p))", root.updating(p) { $0.setting("end", .string("2030")) })
                }

                // bullet-depth: a chain of bullets 1 to 5 levels deep in place of a bullet list.
                let lists = paths(root) { p, v in ["items", "highlights"].contains(Self.lastKey(p) ?? "") && { if case .array = v { true } else { false } }() }
                if let p = pick(lists), let depth = pick([1, 2, 3, 3, 4, 5]) {
                    var chain = JValue.string("deepest")
                    for level in (1..<depth).reversed() { chain = .object([("text", .string("level \(level)")), ("items", .array([chain]))]) }
                    add("bullet-depth", name, "\(depth) levels at \(describe(p))", root.updating(p) { _ in .array([chain]) })
                }

                // group-in-group: a group holding a group, or (fine) a paragraph.
                let sectionLists = paths(root) { p, v in p.count == 3 && Self.lastKey(p) == "entries" }
                if let p = pick(sectionLists), let nested = pick([true, false]) {
                    let inner: JValue = nested
                        ? .object([("type", .string("group")), ("title", .string("Inner")), ("entries", .array([]))])
                        : .object([("type", .string("paragraph")), ("text", .string("inside"))])
                    let group = JValue.object([("type", .string("group")), ("title", .string("Outer")), ("entries", .array([inner]))])
                    add("group-in-group", name, "\(nested ? "group" : "paragraph") in a group at \(describe(p))",
                        root.updating(p) { if case .array(let a) = $0 { .array(a + [group]) } else { $0 } })
                }

                // cofirst-low and cofirst-over-authors.
                let publications = entryPaths(root, type: "publication")
                if let p = pick(publications), let n = pick([1, 0, -1, 2]) {
                    add("cofirst-low", name, "coFirst \(n) at \(describe(p))", root.updating(p) { $0.setting("coFirst", .number(String(n))) })
                }
                if let p = pick(publications), case .array(let authors)? = root.at(p)?["authors"] {
                    let n = max(authors.count, 2) + 1
                    add("cofirst-over-authors", name, "coFirst \(n) with \(authors.count) authors at \(describe(p))",
                        root.updating(p) { $0.setting("coFirst", .number(String(n))) })
                }

                // url: the website or a link's target.
                if let url = pick(["javascript:alert(1)", "ftp://example.org", "www.example.org", "https://", "mailto:",
                                   "https://example.org/a b", "HTTPS://EXAMPLE.ORG", "file:///etc/passwd", "https://example.org/x",
                                   "mailto:ada@example.org", "http://example.org"]) {
                    if pick([true, false]) == true {
                        add("url", name, "website \(url)", root.setting("website", .string(url)))
                    } else {
                        let link = JValue.object([("label", .string("L")), ("url", .string(url))])
                        add("url", name, "link \(url)", root.setting("links", .array([link])))
                    }
                }

                // bad-enum: a misspelt kind, status, paper, date format, engine or entry type.
                if let (key, value) = pick([("paper", "A4"), ("dateFormat", "monthyear"), ("engine", "luatex"), ("paper", "legal")]) {
                    add("bad-enum", name, "\(key) \(value)", root.setting(key, .string(value)))
                }
                if let p = pick(publications), let (key, value) = pick([("kind", "journal article"), ("status", "under review"), ("kind", "Journal")]) {
                    add("bad-enum", name, "\(key) \(value) at \(describe(p))", root.updating(p) { $0.setting(key, .string(value)) })
                }
                if let p = pick(entryPaths(root)), let type = pick(["educaton", "Paragraph", "skills"]) {
                    add("bad-enum", name, "type \(type) at \(describe(p))", root.updating(p) { $0.setting("type", .string(type)) })
                }

                // bad-id: a section id that is not lower case with single dashes (or is).
                if let id = pick(["Bad Id", "-x", "a--b", "x-", "ÜBER", "good-id-2", ""]) {
                    add("bad-id", name, "section id \"\(id)\"", root.updating([.key("sections"), .index(0)]) { $0.setting("id", .string(id)) })
                }

                // list-length: lists that must hold an item, and lists that may be empty.
                if let p = pick(publications + entryPaths(root, type: "talk")), let entry = root.at(p) {
                    let key = entry["authors"] != nil ? "authors" : "venues"
                    add("list-length", name, "\(key) [] at \(describe(p))", root.updating(p) { $0.setting(key, .array([])) })
                }
                if let p = pick(entryPaths(root)), let key = pick(["details", "tags", "highlights"]) {
                    let type = root.at(p)?["type"]
                    if type == .string("education") || type == .string("experience") || key == "tags" {
                        add("list-length", name, "\(key) [] at \(describe(p))", root.updating(p) { $0.setting(key, .array([])) })
                    }
                }

                // number-form: whole numbers written with a fraction or exponent; fractions.
                if let p = pick(entryPaths(root)), let n = pick(["3.0", "3e0", "2.5", "1E2"]) {
                    add("number-form", name, "priority \(n) at \(describe(p))", root.updating(p) { $0.setting("priority", .number(n)) })
                }

                // integer-range: whole numbers beyond the declared bounds (and beyond Int64), and at them.
                if let p = pick(entryPaths(root)), let n = pick(["99999999999999999999", "-9223372036854775808", "9223372036854775807",
                                                                  "9007199254740992", "-9007199254740992", "9007199254740991",
                                                                  "-9007199254740991", "1e15", "1e400", "1.5e300", "-2e19"]) {
                    add("integer-range", name, "priority \(n) at \(describe(p))", root.updating(p) { $0.setting("priority", .number(n)) })
                }

                // lone-surrogate: a `\u` escape of half a UTF-16 pair in free text.
                let freeText = paths(root) { p, v in
                    guard case .string = v, let key = Self.lastKey(p) else { return false }
                    return ["name", "title", "headline", "institution", "organization", "venue"].contains(key)
                }
                if let p = pick(freeText), case .string(let s)? = root.at(p), let escape = pick(["\\ud800", "\\udc00", "\\ud83dx", "\\udbff\\ud800"]) {
                    addWithEscape("lone-surrogate", name, "\(escape) in \(describe(p))",
                                  root.updating(p) { _ in .string(s + surrogateMarker) }, escape: escape)
                }

                // Variants, each naming what the profile has, then broken in one way.
                let tags = Array(Set(root.paths().compactMap { p -> String? in
                    guard p.count >= 2, case .key("tags") = p[p.count - 2], case .string(let s)? = root.at(p) else { return nil }
                    return s
                })).sorted()
                var sectionValues: [JValue] = []
                if case .array(let s)? = root["sections"] { sectionValues = s }
                let ids: [String] = sectionValues.compactMap { s -> String? in
                    if case .string(let id)? = s["id"] { return id }
                    if case .string(let title)? = s["title"] { return CVModel.Section.slug(title) }
                    return nil
                }
                var good: [(String, JValue)] = [("style", .string(pick(packs) ?? "full")), ("since", .number("2015"))]
                if let tag = pick(tags) { good.append(("tags", .array([.string(tag)]))) }
                if let id = pick(ids) {
                    good.append(("sections", .array([.string(id)])))
                    good.append(("maxEntries", .object([(id, .number("2"))])))
                }
                let variant = JValue.object(good)
                let withVariant = { (name: String, v: JValue) in root.setting("variants", .object([(name, v)])) }
                switch k % 9 {
                case 0: add("variant-shape", name, "a valid variant", withVariant("short", variant))
                case 1: add("variant-shape", name, "variant named Bad Name", withVariant("Bad Name", variant))
                case 2: add("variant-shape", name, "variant with colour", withVariant("short", variant.setting("colour", .string("red"))))
                case 3: add("variant-shape", name, "maxEntries -1", withVariant("short", variant.setting("maxEntries", .object([(ids.first ?? "x", .number("-1"))]))))
                case 4: add("variant-shape", name, "since as text", withVariant("short", variant.setting("since", .string("2015"))))
                case 5: add("variant-shape", name, "tags as text", withVariant("short", variant.setting("tags", .string("web"))))
                case 6: add("variant-shape", name, "style as a number", withVariant("short", variant.setting("style", .number("3"))))
                case 7: add("variant-shape", name, "style empty", withVariant("short", variant.setting("style", .string(""))))
                default: add("variant-shape", name, "style one page", withVariant("short", variant.setting("style", .string("one page"))))
                }
                switch k % 4 {
                case 0: add("variant-unknown-tag", name, "tag no-such-tag", withVariant("short", variant.setting("tags", .array([.string("no-such-tag")]))))
                case 1: add("variant-unknown-section", name, "section no-such-section", withVariant("short", variant.setting("sections", .array([.string("no-such-section")]))))
                case 2: add("variant-unknown-section", name, "maxEntries of no-such-section", withVariant("short", variant.setting("maxEntries", .object([("no-such-section", .number("1"))]))))
                default: add("variant-unknown-style", name, "style onepage", withVariant("short", variant.setting("style", .string("onepage"))))
                }

                switch k % 4 {
                case 0: add("integer-range", name, "since 10000", withVariant("short", variant.setting("since", .number("10000"))))
                case 1: add("integer-range", name, "since -1", withVariant("short", variant.setting("since", .number("-1"))))
                case 2: add("integer-range", name, "since 9999.0", withVariant("short", variant.setting("since", .number("9999.0"))))
                default: add("integer-range", name, "maxEntries 2^53", withVariant("short", variant.setting("maxEntries", .object([(ids.first ?? "x", .number("9007199254740992"))]))))
                }

                // duplicate-section-id: a section whose title (or given id) another section's id repeats.
                if sectionValues.count >= 2, let i = pick(Array(1..<sectionValues.count)), let id = ids.first {
                    let path: [Step] = [.key("sections"), .index(i)]
                    if k % 2 == 0, case .string(let title)? = sectionValues[0]["title"], sectionValues[0]["id"] == nil {
                        add("duplicate-section-id", name, "sections[\(i)] titled like sections[0] (\(title.uppercased()))",
                            root.updating(path) { $0.removing("id").setting("title", .string(title.uppercased())) })
                    } else {
                        add("duplicate-section-id", name, "sections[\(i)] given the id \(id)", root.updating(path) { $0.setting("id", .string(id)) })
                    }
                }

                // The rest of what only check verifies.
                if let p = pick(ranges), let end = root.at(p)?["end"], end != .string("present") {
                    add("date-order", name, "range ends before it starts at \(describe(p))",
                        root.updating(p) { $0.setting("start", .string("2031-05")).setting("end", .string("2030-01")) })
                }
                let appendParagraph = { (text: String) in
                    root.updating([.key("sections"), .index(0), .key("entries")]) {
                        if case .array(let a) = $0 { .array(a + [.object([("type", .string("paragraph")), ("text", .string(text))])]) } else { $0 }
                    }
                }
                if k % 3 == 0 {
                    let deep = String(repeating: "[", count: 9 + k % 4) + "x" + String(repeating: "](https://a.org)", count: 9 + k % 4)
                    add("markup-nesting", name, "links nested \(9 + k % 4) deep", appendParagraph(deep))
                }
                if k % 4 == 2 {
                    add("text-too-long", name, "a paragraph of 80,000 bytes in 40,000 characters", appendParagraph(String(repeating: "é", count: 40_000)))
                }
                if k % 2 == 0, let p = pick(objects), let object = root.at(p), case .object(let m) = object, let first = m.first {
                    add("duplicate-key", name, "\(first.0) twice in \(describe(p))", root.updating(p) { _ in .object(m + [first]) })
                }
                if k % 4 == 1 {
                    add("bibliography", name, "a section names a missing .bib file",
                        root.updating([.key("sections"), .index(0)]) { $0.setting("bibliography", .string("missing-\(k).bib")) })
                }
            }
        }
        return out
    }
}
