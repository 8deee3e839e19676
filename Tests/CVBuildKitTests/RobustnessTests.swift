import CVBuildCLI
import CVTestSupport
import CVBuildKit
import CVModel
import Foundation
import CVTestRandom
import Testing


/// Hostile and unusual text: every ASCII character, TeX specials in combination, `^^` notation,
/// unbalanced braces, long unbroken words and URLs, tabs, combining accents, typographic
/// punctuation and symbols.
enum NastyText {
    static let ascii = String((32..<127).map { Character(Unicode.Scalar(UInt8($0))) })
    static let specials = Array(#"\{}$&#%_~^<>|"'`-,!?*[]()"#)
    static let symbols = ["±", "°", "µ", "€", "£", "©", "≥", "≤", "→", "×", "“", "”", "‘", "’", "–", "—", "«", "»", "é", "ß", "Ø", "ł", "α", "Ω", "™", "§"]
    static let fixed = [
        ascii, #"\input{/etc/passwd}"#, #"\write18{touch pwned}"#, #"^^5cinput ^^M ^^^^0041"#, #"\catcode`\@=11"#,
        "{{{ unbalanced", "unbalanced }}}", "}{", #"\\\\ \\"#, "%%% $$$ ### ___ ~~~ ^^^ &&&",
        "tab\there", "e\u{301}te\u{301} cafe\u{301}", "A --- B -- C ,, D '' E `` F !` G ?`",
        "https://example.org/a/very/long/path/with_underscores_and~tildes/and%20escapes?query=1&x=2#frag",
        String(repeating: "Supercalifragilistic", count: 6),
    ]

    static func random(_ rng: inout SeededRandom) -> String {
        var s = ""
        for _ in 0..<rng.int(3...24) {
            switch rng.int(0...3) {
            case 0: s.append(rng.pick(specials))
            case 1: s += rng.pick(symbols)
            case 2: s += rng.pick(["a", "Z", "q", "7", " ", "word", "x_y", "{", "}", "\\"])
            default: s.append(Character(Unicode.Scalar(UInt8(rng.int(33...126)))))
            }
        }
        return s.trimmingCharacters(in: .whitespaces).isEmpty ? "x" + s : s
    }
}

/// How a field takes text: literally, or as markup (where the literal must be written escaped).
enum FieldKind: CaseIterable {
    case plain, markup

    static func markupLiteral(_ s: String) -> String {
        var out = ""
        for c in s {
            if "*[]()`\\".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}

/// A profile with `texts` spread over every text field kind; returns it with the fields used.
func profileJSON(name: String, texts: [String]) throws -> String {
    var entries: [[String: Any]] = []
    var i = 0
    func next() -> String { defer { i += 1 }; return texts[i % texts.count] }
    func m(_ s: String) -> String { FieldKind.markupLiteral(s) }
    while i < texts.count {
        entries.append(["type": "paragraph", "text": m(next())])
        entries.append(["type": "bullets", "items": [m(next()), ["text": m(next()), "items": [m(next())]]]])
        entries.append(["type": "education", "institution": next(), "location": next(), "degree": next(), "details": [m(next())], "date": "2020"])
        entries.append(["type": "experience", "organization": next(), "role": next(), "highlights": [m(next())], "start": "2019", "end": "present"])
        entries.append(["type": "award", "title": next(), "issuer": next(), "date": "2021"])
        entries.append(["type": "publication", "title": next(), "authors": [next(), next()], "venue": next(), "venueShort": next(), "notes": [m(next())], "key": next(), "date": "2022"])
        entries.append(["type": "talk", "title": next(), "venues": [["name": next(), "location": next(), "date": "2023"]]])
        entries.append(["type": "news", "date": "2024-01-02", "text": m(next())])
        entries.append(["type": "detail", "label": next(), "text": m(next())])
        entries.append(["type": "item", "text": m(next()), "location": next(), "date": "2020"])
        entries.append(["type": "service", "role": next(), "venue": next(), "venueShort": next()])
        entries.append(["type": "course", "title": next(), "code": next(), "role": next(), "institution": next()])
        entries.append(["type": "referee", "name": next(), "position": next(), "affiliation": next(), "relation": next()])
        entries.append(["type": "callout", "text": m(next())])
    }
    let profile: [String: Any] = ["name": name, "headline": texts[0], "affiliation": [texts[1 % texts.count]],
                                  "summary": [m(texts[2 % texts.count])], "sections": [["title": texts[3 % texts.count], "entries": entries]]]
    return String(decoding: try JSONSerialization.data(withJSONObject: profile, options: [.sortedKeys]), as: UTF8.self)
}

/// Whitespace, hyphens (TeX may break lines at them) and ligature forms do not count when reading back.
func comparable(_ s: String) -> String {
    let replaced = s.replacingOccurrences(of: "ﬁ", with: "fi").replacingOccurrences(of: "ﬂ", with: "fl")
        .replacingOccurrences(of: "ﬀ", with: "ff").replacingOccurrences(of: "ﬃ", with: "ffi").replacingOccurrences(of: "ﬄ", with: "ffl")
    return String(replaced.precomposedStringWithCanonicalMapping.filter { !$0.isWhitespace && $0 != "-" })
}

@Suite(.enabled(if: texEnabled, "CVBUILD_SKIP_TEX=1")) struct HostileTextTests {
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func generatedTextBuildsAndReadsBack(_ seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        var texts = seed == 1 ? NastyText.fixed : []
        while texts.count < 60 { texts.append(NastyText.random(&rng)) }
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("nasty.json")
        try write(try profileJSON(name: "Nasty Person", texts: texts), to: file)
        // The exact-text contract holds with `quotes` as-typed; what typographic quotes change is QuotesTests'.
        let run = runTool(["build", file.path, "--set", "quotes=as-typed", "--out", dir.path])
        #expect(run.code == .success, "\(run.stderr)")
        // -raw keeps the order TeX wrote, so side-by-side boxes do not interleave.
        let text = comparable(try runProgram("pdftotext", ["-raw", "-enc", "UTF-8", dir.appendingPathComponent("nasty-full.pdf").path, "-"]))
        for t in texts {
            #expect(text.contains(comparable(t)), "not read back: \(t.debugDescription)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("pwned").path))
        #expect(!text.contains("root:x:0"))
    }

    @Test func nastyStringInEveryFieldOfAReferenceProfileBuilds() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nasty = #"50% & $x_1$ #2 {a} ~b ^c \d <e> |f| "g" 'h' `i` --- ≥ × → “j” é"#
        let data = try Data(contentsOf: URL(fileURLWithPath: profilePath("hexu-zhao")))
        let json = try JSONSerialization.jsonObject(with: data)
        let skip: Set<String> = ["type", "date", "start", "end", "kind", "status", "dateFormat", "citationOrder", "authorJoining", "email", "url"]
        func replace(_ v: Any, key: String?) -> Any {
            if let s = v as? String { return key.map(skip.contains) == true ? s : FieldKind.markupLiteral(nasty) + " " + s }
            if let a = v as? [Any] { return a.map { replace($0, key: key) } }
            if let o = v as? [String: Any] { return Dictionary(uniqueKeysWithValues: o.map { ($0.key, replace($0.value, key: $0.key)) }) }
            return v
        }
        let file = dir.appendingPathComponent("hexu.json")
        try write(String(decoding: try JSONSerialization.data(withJSONObject: replace(json, key: nil), options: [.prettyPrinted, .sortedKeys]), as: UTF8.self), to: file)
        for style in builtInPacks {
            let run = runTool(["build", file.path, "--style", style, "--out", dir.path])
            #expect(run.code == .success, "\(style): \(run.stderr)")
        }
    }

    @Test func packCannotReadFilesOrRunCommands() throws {
        let secret = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: secret) }
        try write("TOPSECRET", to: secret.appendingPathComponent("secret.tex"))
        let marker = secret.appendingPathComponent("ran")
        let styles = try copyOfFullPack {
            $0 + "\\IfFileExists{\(secret.path)/secret.tex}{\\def\\cvprobe{READABLE}}{\\def\\cvprobe{BLOCKED}}\n"
                + "\\immediate\\write18{touch \(marker.path)}\n"
                + "\\renewcommand{\\cvname}[1]{#1 \\cvprobe}\n"
        }
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: styles) }
        let run = runTool(["build", profilePath("example"), "--styles-dir", styles.path, "--out", dir.path])
        #expect(run.code == .success, "\(run.stderr)")
        let text = try pdfText(dir.appendingPathComponent("example-full.pdf"))
        #expect(text.contains("BLOCKED"))
        #expect(!text.contains("TOPSECRET"))
        #expect(!FileManager.default.fileExists(atPath: marker.path))
    }

    @Test func packCannotWriteOutsideItsFolder() throws {
        let outside = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        let target = outside.appendingPathComponent("written.txt")
        let styles = try copyOfFullPack { $0 + "\\newwrite\\cvleak\\immediate\\openout\\cvleak=\(target.path)\\immediate\\write\\cvleak{x}\n" }
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: styles) }
        let run = runTool(["build", profilePath("example"), "--styles-dir", styles.path, "--out", dir.path])
        #expect(run.code == .texFailed)
        #expect(run.stderr.contains("TeX error in style pack \"full\""), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test func cjkIsDiagnosedForPdflatexAndSetByXelatex() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("cjk.json")
        try write("{\"name\": \"张伟\",\n \"sections\": [{\"title\": \"Education\", \"entries\": [{\"type\": \"paragraph\", \"text\": \"北京大学 Peking University\"}]}]}", to: file)
        let pdf = runTool(["build", file.path, "--out", dir.path])
        #expect(pdf.code == .invalidInput)
        #expect(pdf.stderr.hasPrefix("cvbuild: \(file.path):1:10: error: name: pdflatex cannot print '张' (U+5F20), '伟' (U+4F1F)\n  hint: build with --engine xelatex (or lualatex)"))
        #expect(pdf.stderr.contains("\(file.path):2:80: error: sections[0].entries[0].text: pdflatex cannot print '北'"))
        for engine in ["xelatex", "lualatex"] {
            let run = runTool(["build", file.path, "--engine", engine, "--out", dir.appendingPathComponent(engine).path])
            #expect(run.code == .success, "\(engine): \(run.stderr)")
            let text = try pdfText(dir.appendingPathComponent("\(engine)/cjk-full.pdf"))
            #expect(text.contains("张伟") && text.contains("北京大学 Peking University"), "\(engine): \(text)")
            let fonts = try runProgram("pdffonts", [dir.appendingPathComponent("\(engine)/cjk-full.pdf").path])
            #expect(fonts.contains("NotoSerifCJK"), "\(engine): \(fonts)")
        }
    }

    @Test func glyphsNoFontHasAreTracedToTheField() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("emoji.json")
        try write("{\"name\": \"Smiley\",\n \"headline\": \"Happy 😀\", \"sections\": []}", to: file)
        let run = runTool(["build", file.path, "--engine", "xelatex", "--out", dir.path])
        #expect(run.code == .invalidInput)
        #expect(run.stderr.hasPrefix("cvbuild: \(file.path):2:14: error: headline: no installed font has '😀' (U+1F600)"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("emoji-full.pdf").path))
    }
}

@Suite struct MalformedFileTests {
    static let cases: [(String, [UInt8], String)] = [
        ("empty", [], ":1:1: error: the file is empty"),
        ("bom", [0xEF, 0xBB, 0xBF] + Array("{}".utf8), ":1:1: error: the file starts with a byte order mark (BOM)"),
        ("invalid-utf8", Array("{\"name\": \"".utf8) + [0xFF] + Array("\"}".utf8), ":1:11: error: invalid UTF-8 byte 0xFF"),
        ("truncated", Array("{\"name\": \"Ada\", \"sections\": [".utf8), ":1:30: error: unexpected end of file: expected a value"),
        ("trailing-comma", Array("{\"name\": \"Ada\", \"sections\": [],}".utf8), ":1:32: error: trailing comma before '}'"),
        ("duplicate-key", Array("{\"name\": \"Ada\", \"name\": \"Bob\", \"sections\": []}".utf8), ":1:17: error: duplicate key \"name\""),
        ("null", Array("{\"name\": null, \"sections\": []}".utf8), ":1:10: error: name: null is not allowed here"),
        ("deep", Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8), ":1:257: error: nesting deeper than 256 levels"),
        ("huge-string", Array(("{\"name\": \"" + String(repeating: "a", count: 30_000_000) + "\", \"sections\": []}").utf8), ":1:10: error: name: text of 30000000 bytes is longer than the limit of 65536"),
    ]

    @Test(arguments: cases.map(\.0))
    func malformedFileGetsExit65WithLineAndColumn(_ name: String) throws {
        let (_, bytes, expected) = Self.cases.first { $0.0 == name }!
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("\(name).json")
        try Data(bytes).write(to: file)
        let run = runTool(["build", file.path, "--out", dir.path])
        #expect(run.code == .invalidInput)
        #expect(run.stderr.hasPrefix("cvbuild: \(file.path)\(expected)"), "\(run.stderr.prefix(300))")
        #expect(run.stderr.count < 600)
    }
}

/// Processes whose working folder lies under `dir` (read from /proc).
func processes(workingUnder dir: URL) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { name -> Int32? in
        guard let pid = Int32(name),
              let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(name)/cwd") else { return nil }
        return cwd.hasPrefix(dir.path) ? pid : nil
    }
}

@Suite(.enabled(if: texEnabled, "CVBUILD_SKIP_TEX=1")) struct InterruptTests {
    @Test func ctrlCStopsTeXAndRemovesTemporaryFiles() throws {
        #expect(FileManager.default.isExecutableFile(atPath: builtExecutable.path), "no \(builtExecutable.path)")
        let styles = try copyOfFullPack { $0 + "\\def\\spin{\\spin}\\spin\n" }
        let tmp = try temporaryFolder()
        let out = try temporaryFolder()
        defer { [styles, tmp, out].forEach { try? FileManager.default.removeItem(at: $0) } }
        let process = try Self.startLoopingBuild(styles: styles, out: out, tmp: tmp, environment: testEnvironment)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(waitUntil { processes(workingUnder: tmp).isEmpty }, "TeX still running")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0 != ".cvbuild" } == [])
    }

    /// Starts the real binary on a looping pack with `TMPDIR=tmp` and waits until TeX runs there.
    static func startLoopingBuild(styles: URL, out: URL, tmp: URL, environment: [String: String],
                                  extra: [String] = []) throws -> Process {
        var env = environment
        env["TMPDIR"] = tmp.path
        let process = Process()
        process.executableURL = builtExecutable
        process.arguments = ["build", profilePath("example"), "--styles-dir", styles.path, "--out", out.path] + extra
        process.environment = env
        process.standardError = FileHandle.nullDevice
        try process.run()
        #expect(waitUntil { !processes(workingUnder: tmp).isEmpty }, "no TeX run seen")
        return process
    }

    /// `kill -9` gives cvbuild no chance to clean up: TeX must die with it (the parent-death
    /// signal), and the next run removes the temporary folder it left.
    @Test func killNineLeavesNoTeXAndTheNextRunRemovesItsFolder() throws {
        let styles = try copyOfFullPack { $0 + "\\def\\spin{\\spin}\\spin\n" }
        let tmp = try temporaryFolder()
        let out = try temporaryFolder()
        defer { [styles, tmp, out].forEach { try? FileManager.default.removeItem(at: $0) } }
        var env = testEnvironment
        env["TMPDIR"] = tmp.path
        let process = try Self.startLoopingBuild(styles: styles, out: out, tmp: tmp, environment: env, extra: ["--no-format-cache"])
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(waitUntil(seconds: 5) { processes(workingUnder: tmp).isEmpty }, "TeX outlived cvbuild")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).contains { $0.hasPrefix("cvbuild-") })

        let next = Process()
        next.executableURL = builtExecutable
        next.arguments = ["styles"]
        next.environment = env
        next.standardOutput = FileHandle.nullDevice
        try next.run()
        next.waitUntilExit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == [])
    }
}

/// Polls `condition` every 50 ms until it holds or `seconds` pass; a loaded machine only waits longer.
func waitUntil(seconds: Double = 30, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return condition()
}
