import CVBuildCLI
import CVTestSupport
import CVBuildKit
import CVModel
import CVRender
import Foundation
import Testing

/// Pack options (a profile's design, a variant's, --set) and locales, judged by what pdftotext
/// and the PDF's own drawing operators say, and by the diagnostics a user reads.
@Suite struct DesignAndLocaleTests {
    /// A one-page profile with a dated entry, an ongoing one, a publication with two authors and one
    /// cut short, and punctuation French typography would otherwise space.
    static func profile(_ extra: String = "") -> String {
        """
        {"name": "Dana Design",\(extra)
         "sections": [
          {"title": "Work", "entries": [
            {"type": "experience", "organization": "Alpha Institute", "role": "Engineer", "start": "2020-08", "end": "present"},
            {"type": "experience", "organization": "Beta Labs", "role": "Intern", "start": "2019-03", "end": "2019-09"}]},
          {"title": "Papers", "entries": [
            {"type": "publication", "authors": ["Dana Design", "Eve Other"], "title": "Pairs", "venue": "Venue A", "date": "2021"},
            {"type": "publication", "authors": ["Dana Design", "Eve Other"], "etAl": true, "title": "Crowds", "venue": "Venue B", "date": "2022"}]},
          {"title": "Notes", "entries": [{"type": "paragraph", "text": "Note: a; b! c?"}]}]}
        """
    }

    func build(_ text: String, _ args: [String] = [], name: String = "cv") throws -> (run: ToolRun, dir: URL, file: URL) {
        let dir = try temporaryFolder()
        let file = dir.appendingPathComponent("\(name).json")
        try write(text, to: file)
        let run = runTool(["build", file.path, "--out", dir.appendingPathComponent("out").path] + args)
        return (run, dir, file)
    }

    /// The PDF's content streams, inflated by Python's zlib (not by cvbuild).
    func contentStreams(_ pdf: URL) throws -> String {
        let script = """
        import re, sys, zlib
        d = open(sys.argv[1], 'rb').read()
        for m in re.finditer(rb'stream\\r?\\n(.*?)endstream', d, re.S):
            try: sys.stdout.write(zlib.decompress(m.group(1)).decode('latin-1') + '\\n')
            except Exception: pass
        """
        return try runProgram("python3", ["-c", script, pdf.path])
    }

    /// The fill colours (`r g b rg`) the page draws with.
    func fillColours(_ pdf: URL) throws -> [[Double]] {
        let streams = try contentStreams(pdf)
        let regex = try NSRegularExpression(pattern: #"([0-9.]+) ([0-9.]+) ([0-9.]+) rg"#)
        return regex.matches(in: streams, range: NSRange(streams.startIndex..., in: streams)).map { m in
            (1...3).map { Double(streams[Range(m.range(at: $0), in: streams)!])! }
        }
    }

    func draws(_ pdf: URL, hex: String) throws -> Bool {
        let v = stride(from: 0, to: 6, by: 2).map { i -> Double in
            let s = hex.index(hex.startIndex, offsetBy: i)
            return Double(Int(hex[s..<hex.index(s, offsetBy: 2)], radix: 16)!) / 255
        }
        return try fillColours(pdf).contains { c in zip(c, v).allSatisfy { abs($0 - $1) < 0.002 } }
    }

    /// Each word's left and right edge on page 1, from `pdftotext -bbox`.
    func words(_ pdf: URL) throws -> [(text: String, xMin: Double, xMax: Double, yMin: Double)] {
        let html = try runProgram("pdftotext", ["-bbox", "-f", "1", "-l", "1", pdf.path, "-"])
        let regex = try NSRegularExpression(pattern: #"<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="[0-9.]+">([^<]*)</word>"#)
        return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { m in
            func g(_ i: Int) -> String { String(html[Range(m.range(at: i), in: html)!]) }
            return (g(4), Double(g(1))!, Double(g(3))!, Double(g(2))!)
        }
    }

    /// Whether the year of "Beta Labs"'s dates (2019) sits right of its name: on its row (or the
    /// row's second line) at the right, rather than in a column before it.
    func datesRight(_ pdf: URL) throws -> Bool {
        let w = try words(pdf)
        let name = try #require(w.first { $0.text == "Labs" })
        let year = try #require(w.filter { $0.text.hasPrefix("2019") }.min { abs($0.yMin - name.yMin) < abs($1.yMin - name.yMin) })
        return year.xMin > name.xMax
    }

    @Test func designChangesThePDFAndSetBeatsIt() throws {
        guard texEnabled else { return }
        let plain = try build(Self.profile())
        defer { try? FileManager.default.removeItem(at: plain.dir) }
        #expect(plain.run.code == .success, "\(plain.run.stderr)")
        let plainPDF = plain.dir.appendingPathComponent("out/cv-full.pdf")
        #expect(try !draws(plainPDF, hex: "8B0000"))
        #expect(try datesRight(plainPDF))

        let designed = try build(Self.profile(##" "design": {"accent": "#8B0000", "dates": "left"},"##))
        defer { try? FileManager.default.removeItem(at: designed.dir) }
        #expect(designed.run.code == .success, "\(designed.run.stderr)")
        let pdf = designed.dir.appendingPathComponent("out/cv-full.pdf")
        #expect(try draws(pdf, hex: "8B0000"))
        #expect(try !datesRight(pdf))

        // The command line beats the profile, option by option; the rest of the design stays.
        let set = runTool(["build", designed.file.path, "--out", designed.dir.appendingPathComponent("set").path, "--set", "accent=#0B5FFF"])
        #expect(set.code == .success, "\(set.stderr)")
        let setPDF = designed.dir.appendingPathComponent("set/cv-full.pdf")
        #expect(try draws(setPDF, hex: "0B5FFF") && !draws(setPDF, hex: "8B0000"))
        #expect(try !datesRight(setPDF))
        let right = runTool(["build", designed.file.path, "--out", designed.dir.appendingPathComponent("right").path, "--set", "dates=right"])
        #expect(right.code == .success, "\(right.stderr)")
        #expect(try datesRight(designed.dir.appendingPathComponent("right/cv-full.pdf")))
    }

    /// The built-in packs (the folders of Styles/) with their manifests' options, read here as JSON.
    static func packs() throws -> [(name: String, options: [String: [String: Any]])] {
        let styles = packageRoot.appendingPathComponent("Styles")
        return try FileManager.default.contentsOfDirectory(atPath: styles.path).sorted().map { pack in
            let data = try Data(contentsOf: styles.appendingPathComponent("\(pack)/pack.json"))
            let manifest = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
            return (pack, manifest["options"] as? [String: [String: Any]] ?? [:])
        }
    }

    /// In every pack that declares an accent: a profile's design colours the PDF, and `--set` beats it.
    /// Two batch builds of every pack.
    @Test func accentFromDesignAndSetInEveryPack() throws {
        guard texEnabled else { return }
        let packs = try Self.packs().filter { $0.options["accent"] != nil }
        #expect(packs.count >= 6, "\(packs.map(\.name))")
        for pack in packs { #expect((pack.options["accent"]?["default"] as? String)?.uppercased() != "#8B0000") }
        let styles = packs.flatMap { ["--style", $0.name] }
        let designed = try build(Self.profile(##" "design": {"accent": "#8B0000"},"##), styles)
        defer { try? FileManager.default.removeItem(at: designed.dir) }
        #expect(designed.run.code == .success, "\(designed.run.stderr)")
        let set = runTool(["build", designed.file.path, "--out", designed.dir.appendingPathComponent("set").path, "--set", "accent=#0B5FFF"] + styles)
        #expect(set.code == .success, "\(set.stderr)")
        for pack in packs {
            #expect(try draws(designed.dir.appendingPathComponent("out/cv-\(pack.name).pdf"), hex: "8B0000"), "\(pack.name): design's accent not drawn")
            let setPDF = designed.dir.appendingPathComponent("set/cv-\(pack.name).pdf")
            #expect(try draws(setPDF, hex: "0B5FFF") && !draws(setPDF, hex: "8B0000"), "\(pack.name): --set does not beat the design")
        }
    }

    /// Every value of every choice, colour and length option of every pack, other than its default,
    /// changes what the pages draw (the PDF's content streams, inflated by Python) of the example
    /// profile. One build per pack, a variant per value.
    @Test func everyOptionValueChangesThePage() throws {
        guard texEnabled else { return }
        for pack in try Self.packs() {
            var variants: [(name: String, key: String, value: String)] = []
            for (key, spec) in pack.options.sorted(by: { $0.key < $1.key }) where key != "citationOrder" && key != "fontFamily" {
                let fallback = spec["default"].map { "\($0)" } ?? ""
                switch spec["type"] as? String {
                case "choice": for v in spec["values"] as? [Any] ?? [] where "\(v)" != fallback { variants.append(("\(key.lowercased())-\(v)", key, "\(v)")) }
                case "color": variants.append(("\(key.lowercased())-color", key, fallback.uppercased() == "#8B0000" ? "#0B5FFF" : "#8B0000"))
                case "length": variants.append(("\(key.lowercased())-length", key, fallback == "1in" ? "0.7in" : "1in"))
                default: break
                }
            }
            // The example profile (a header with every detail, two pages in most packs), with these variants only.
            var example = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: profilePath("example")))) as? [String: Any])
            example["variants"] = Dictionary(uniqueKeysWithValues: variants.map { ($0.name, ["design": [$0.key: $0.value]]) })
            let text = try #require(String(data: try JSONSerialization.data(withJSONObject: example, options: [.sortedKeys]), encoding: .utf8))
            let (run, dir, _) = try build(text, ["--style", pack.name, "--all-variants"])
            defer { try? FileManager.default.removeItem(at: dir) }
            #expect(run.code == .success, "\(pack.name): \(run.stderr)")
            let plain = try contentStreams(dir.appendingPathComponent("out/cv-\(pack.name).pdf"))
            for v in variants {
                let pdf = dir.appendingPathComponent("out/cv-\(v.name)-\(pack.name).pdf")
                #expect(try contentStreams(pdf) != plain, "\(pack.name): \(v.key)=\(v.value) changes nothing")
                if v.value.hasPrefix("#") { #expect(try draws(pdf, hex: String(v.value.dropFirst())), "\(pack.name): \(v.key)=\(v.value) not drawn") }
            }
        }
    }

    @Test func variantDesignSitsBetweenProfileAndCommandLine() throws {
        let text = Self.profile(##" "design": {"accent": "#8B0000"}, "variants": {"blue": {"design": {"accent": "#0000FF"}, "locale": "de"}},"##)
        let (run, dir, file) = try build(text, ["--format", "tex", "--variant", "blue"])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(run.code == .success, "\(run.stderr)")
        let tex = try String(contentsOf: dir.appendingPathComponent("out/cv-blue-full.tex"), encoding: .utf8)
        #expect(tex.contains("\\newcommand{\\cvoptaccent}{0000FF}") && tex.contains("[shorthands=off,ngerman]{babel}"))
        let cli = runTool(["build", file.path, "--format", "tex", "--variant", "blue", "--set", "accent=#00ff00", "--locale", "fr",
                           "--out", dir.appendingPathComponent("cli").path])
        let cliTeX = try String(contentsOf: dir.appendingPathComponent("cli/cv-blue-full.tex"), encoding: .utf8)
        #expect(cli.code == .success && cliTeX.contains("\\newcommand{\\cvoptaccent}{00FF00}") && cliTeX.contains("[shorthands=off,french]{babel}"))
    }

    /// Where `needle` starts in `text`, as 1-based line and column (found here, not by cvbuild).
    func location(of needle: String, in text: String) throws -> String {
        let r = try #require(text.range(of: needle))
        let before = text[..<r.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
        return "\(line):\(column)"
    }

    @Test func badOptionsAreLocatedWithASuggestion() throws {
        let text = Self.profile("\n \"design\": {\"acent\": \"#8B0000\",\n   \"dates\": \"rigth\", \"margin\": \"2 inches\"},")
        let (run, dir, file) = try build(text, ["--format", "tex"])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(run.code == .invalidInput)
        #expect(run.stderr.contains("\(file.path):\(try location(of: "\"acent\"", in: text)): error: design.acent: the style pack \"full\" has no option \"acent\""), "\(run.stderr)")
        #expect(run.stderr.contains("did you mean \"accent\"?"))
        #expect(run.stderr.contains("\(file.path):\(try location(of: "\"rigth\"", in: text)): error: design.dates: \"rigth\" is not a valid dates"))
        #expect(run.stderr.contains("did you mean \"right\"?"))
        #expect(run.stderr.contains("\(file.path):\(try location(of: "\"2 inches\"", in: text)): error: design.margin: \"2 inches\" is not a length"))

        let cli = runTool(["build", file.path, "--set", "fontFamly=tgpagella", "--set", "accent=blue", "--out", dir.path])
        #expect(cli.code == .usage)
        #expect(cli.stderr.contains("--set fontFamly=tgpagella: the style pack \"full\" has no option \"fontFamly\"") && cli.stderr.contains("did you mean \"fontFamily\"?"))
        #expect(cli.stderr.contains("--set accent=blue: \"blue\" is not a colour for accent"))
        #expect(runTool(["build", file.path, "--set", "accent", "--out", dir.path]).code == .usage)
    }

    /// The Swift DSL and JSON make the same profile.
    @Test func dslSetsDesignLocaleAndWords() throws {
        let dsl = Profile("A") {
            Design("accent", "#8B0000")
            Design("dates", "right")
            InLocale(.fr)
            Word(.present, "maintenant")
        }
        let json = try ProfileDecoder.decode(##"{"name": "A", "design": {"dates": "right", "accent": "#8B0000"}, "locale": "fr", "words": {"present": "maintenant"}, "sections": []}"##).get()
        #expect(dsl == json.profile)
    }

    @Test func everyOptionValueIsCheckedBeforeTeXSeesIt() {
        let colour = PackOption("accent", .color, default: "#000000", "")
        for good in ["#8B0000", "#8b0000", "#000000"] { #expect((try? colour.check(good).get()) == String(good.dropFirst()).uppercased()) }
        for bad in ["8B0000", "#8B000", "#8B00000", "#GG0000", "#8B0000}", "red", ""] { #expect((try? colour.check(bad).get()) == nil, "\(bad)") }
        let length = PackOption("margin", .length, default: "1in", "")
        for good in ["0.8in", "18mm", "1.5cm", "10pt", "2em"] { #expect((try? length.check(good).get()) == good) }
        for bad in ["in", "1", "1.2.3in", "1in}", "\\relax1in", "-1in", "1 in", "1inch"] { #expect((try? length.check(bad).get()) == nil, "\(bad)") }
    }

    @Test func stylesOptionsListsEveryDeclaredOption() throws {
        let run = runTool(["styles", "--options"])
        #expect(run.code == .success)
        let folders = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Styles").path)
        for pack in folders.sorted() {
            let data = try Data(contentsOf: packageRoot.appendingPathComponent("Styles/\(pack)/pack.json"))
            let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let options = try #require(manifest["options"] as? [String: [String: Any]], "\(pack) declares no options")
            let block = run.stdout.components(separatedBy: "\n").drop { !$0.hasPrefix(pack + " ") }.dropFirst().prefix { $0.hasPrefix("  ") }
            for (name, spec) in options {
                let line = block.first { $0.hasPrefix("  \(name) ") }
                #expect(line != nil, "\(pack): \(name) not listed")
                #expect(line?.contains("\(spec["default"]!)") == true, "\(pack): \(name)'s default not listed")
            }
        }
    }

    @Test func changingAnOptionRebuilds() throws {
        guard texEnabled else { return }
        let (run, dir, file) = try build(Self.profile())
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(run.code == .success)
        let out = dir.appendingPathComponent("out").path
        #expect(runTool(["build", file.path, "--out", out]).stderr.contains("up to date"))
        let changed = runTool(["build", file.path, "--out", out, "--set", "sectionStyle=plain"])
        #expect(changed.code == .success && !changed.stderr.contains("up to date"), "\(changed.stderr)")
        #expect(runTool(["build", file.path, "--out", out, "--set", "sectionStyle=plain"]).stderr.contains("up to date"))
        #expect(!runTool(["build", file.path, "--out", out, "--set", "sectionStyle=plain", "--locale", "it"]).stderr.contains("up to date"))
    }

    /// Text formats take the locale as the PDF does: from the profile, a variant or `--locale`.
    @Test(arguments: ["html", "md"])
    func textFormatsSpeakTheLocale(_ format: String) throws {
        let (run, dir, _) = try build(Self.profile(), ["--format", format, "--locale", "de", "--style", "homepage"])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(run.code == .success, "\(run.stderr)")
        let page = try String(contentsOf: dir.appendingPathComponent("out/cv-homepage.\(format)"), encoding: .utf8)
        #expect(page.contains("heute") && !page.contains("Present"))
        if format == "html" { #expect(page.contains("<html lang=\"de\"")) }
    }

    @Test func germanFooterAndMonthsReadBack() throws {
        guard texEnabled else { return }
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = runTool(["build", profilePath("example"), "--locale", "de", "--out", dir.path])
        #expect(run.code == .success, "\(run.stderr)")
        let text = try pdfText(dir.appendingPathComponent("example-full.pdf"))
        // The footer starts on the second page (the first carries the name in its header).
        #expect(text.contains("Seite 2 von 2") && !text.contains("Seite 1 von 2"))
        #expect(text.contains("Juni 2022") && text.contains("(voraussichtlich)") && !text.contains("Page 2 of 2"))
    }

    @Test func wordsRespellTheLocale() throws {
        guard texEnabled else { return }
        let (run, dir, _) = try build(Self.profile(#" "locale": "de", "words": {"present": "jetzt", "and": "sowie", "aug": "August"},"#))
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(run.code == .success, "\(run.stderr)")
        let text = try pdfText(dir.appendingPathComponent("out/cv-full.pdf"))
        #expect(text.contains("August 2020 – jetzt") && text.contains("Dana Design sowie Eve Other"), "\(text)")
        let (bad, badDir, _) = try build(Self.profile(#" "words": {"presnt": "now"},"#), ["--format", "tex"])
        defer { try? FileManager.default.removeItem(at: badDir) }
        #expect(bad.code == .invalidInput && bad.stderr.contains("did you mean \"present\"?"), "\(bad.stderr)")
    }

    @Test func chineseNeedsAUnicodeEngine() throws {
        let (run, dir, file) = try build(Self.profile(#" "locale": "zh", "engine": "pdflatex","#), ["--format", "tex"])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(run.code == .invalidInput && run.stderr.contains("the locale \"zh\" needs xelatex or lualatex"), "\(run.stderr)")
        #expect(run.stderr.contains("\(file.path):\(try location(of: "\"pdflatex\"", in: Self.profile(#" "locale": "zh", "engine": "pdflatex","#))): error: engine:"))
        let cli = runTool(["build", profilePath("example"), "--locale", "ja", "--engine", "pdflatex", "--format", "tex", "--out", dir.path])
        #expect(cli.code == .usage)
        // With no engine asked for, the pack's pdflatex gives way to xelatex.
        let auto = runTool(["build", profilePath("example"), "--locale", "ja", "--format", "tex", "--out", dir.path])
        #expect(auto.code == .success)
        #expect(try String(contentsOf: dir.appendingPathComponent("example-full.tex"), encoding: .utf8).contains("\\usepackage{fontspec}"))
    }

    /// What each locale prints for August 2020, "present", and the pair joiner: the languages' own
    /// conventions, written out here rather than taken from cvbuild's tables.
    static let expected: [(locale: String, august: String, present: String, and: String)] = [
        ("en", "Aug 2020", "Present", " and "), ("de", "Aug. 2020", "heute", " und "), ("fr", "août 2020", "aujourd’hui", " et "),
        ("es", "ago. 2020", "actualidad", " y "), ("it", "ago. 2020", "oggi", " e "), ("pt", "ago. 2020", "presente", " e "),
        ("zh", "2020年8月", "至今", " 和 "), ("ja", "2020年8月", "現在", " と "),
    ]

    /// One profile with a variant per locale, built in every built-in pack by one command: every PDF
    /// reads back with the locale's month, its word for present, its "and", and the user's punctuation as typed.
    @Test func everyLocaleBuildsInEveryPack() throws {
        guard texEnabled else { return }
        let variants = Self.expected.map { "\"\($0.locale)\": {\"locale\": \"\($0.locale)\"}" }.joined(separator: ", ")
        let (run, dir, _) = try build(Self.profile(" \"variants\": {\(variants)},"), ["--all-variants", "--all-styles"])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(run.code == .success, "\(run.stderr)")
        let packs = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Styles").path).sorted()
        for pack in packs {
            for e in Self.expected {
                let pdf = dir.appendingPathComponent("out/cv-\(e.locale)-\(pack).pdf")
                let text = try pdfText(pdf)
                #expect(text.contains(e.august), "\(pack) \(e.locale): no \(e.august)")
                #expect(text.contains(e.present), "\(pack) \(e.locale): no \(e.present)")
                #expect(text.contains("Note: a; b! c?"), "\(pack) \(e.locale): punctuation changed")
                if pack != "homepage" { #expect(text.contains("Dana Design\(e.and)Eve Other"), "\(pack) \(e.locale): no \(e.and)") }
            }
        }
    }
}
