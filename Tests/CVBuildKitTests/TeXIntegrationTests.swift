import CVBuildCLI
import CVTestSupport
import CVBuildKit
import CVModel
import Foundation
import Testing

/// These run the real pdflatex. CVBUILD_SKIP_TEX=1 skips them; otherwise a missing engine fails them.
@Suite(.enabled(if: texEnabled, "CVBUILD_SKIP_TEX=1")) struct TeXIntegrationTests {
    @Test func buildsExamplePDF() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = runTool(["build", profilePath("example"), "--style", "full", "--out", dir.path])
        #expect(run.code == .success, "\(run.stderr)")
        let pdf = dir.appendingPathComponent("example-full.pdf")
        let pages = try #require(try pdfPages(pdf))
        #expect(run.stderr.contains("example-full.pdf, \(pages) page"))
        let text = try pdfText(pdf)
        for phrase in ["Ada Q. Example", "Scheduling Everything at Once", "Example University", "We are hiring"] {
            #expect(text.contains(phrase), "PDF lacks \(phrase)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") }
        #expect(leftovers == ["example-full.pdf"])
    }

    @Test func specialCharactersPrintExactlyAsTyped() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let specials = #"100% of $5 & #1 a_b {x} ~y ^z \back <lt> |bar| "quoted" 'single' `grave` a--b ,, \input{/etc/passwd} \write18{touch pwned}"#
        let json = try String(decoding: JSONSerialization.data(withJSONObject: [
            "name": "Special Person",
            "sections": [["title": "Text", "entries": [["type": "award", "title": specials, "date": "2024"]]]],
        ]), as: UTF8.self)
        let file = dir.appendingPathComponent("specials.json")
        try write(json, to: file)
        // Exactly as typed with `quotes` as-typed; by default the title's quotes print typographic (QuoteOptionTests).
        let run = runTool(["build", file.path, "--set", "quotes=as-typed", "--out", dir.path])
        #expect(run.code == .success, "\(run.stderr)")
        let text = try pdfText(dir.appendingPathComponent("specials-full.pdf"))
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains(specials), "read back: \(flat)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("pwned").path))
    }

    /// Markup nested as deep as it may be, in the deepest places each pack puts markup, builds.
    @Test func deepestMarkupBuildsInEveryPack() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let deepest = (2..<Markup.maxNesting).reduce("*a **deepest** b*") { inner, level in "[a \(inner) b](https://e.org/\(level))" }
        #expect(Markup(deepest).overNesting == nil)
        let bullets: [Any] = [["text": deepest, "items": [["text": deepest, "items": [deepest]]]]]
        let json = try String(decoding: JSONSerialization.data(withJSONObject: [
            "name": "Deep Person", "summary": [deepest],
            "sections": [["title": "Everything", "entries": [
                ["type": "experience", "organization": "O", "start": "2020", "details": [deepest], "highlights": bullets],
                ["type": "publication", "title": "T", "authors": ["Deep Person"], "date": "2021", "notes": [deepest]],
                ["type": "bullets", "items": bullets],
                ["type": "callout", "text": deepest],
                ["type": "news", "date": "2022", "text": deepest],
                ["type": "detail", "label": "L", "text": deepest],
                ["type": "item", "text": deepest, "highlights": bullets],
            ]]],
        ]), as: UTF8.self)
        let file = dir.appendingPathComponent("deep.json")
        try write(json, to: file)
        let run = runTool(["build", file.path, "--all-styles", "--out", dir.path])
        #expect(run.code == .success, "\(run.stderr)")
        for pack in builtInPacks {
            let text = try pdfText(dir.appendingPathComponent("deep-\(pack).pdf"))
            #expect(text.contains("deepest"), "\(pack)")
        }
    }

    @Test func unicodeSymbolsPrint() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let symbols = "± ° µ € £ © ≥ ≤ → × Zürich Dvořák Straße naïve “quotes” – —"
        let json = "{\"name\": \"U\", \"sections\": [{\"title\": \"T\", \"entries\": [{\"type\": \"paragraph\", \"text\": \"\(symbols)\"}]}]}"
        let file = dir.appendingPathComponent("u.json")
        try write(json, to: file)
        let run = runTool(["build", file.path, "--out", dir.path])
        #expect(run.code == .success, "\(run.stderr)")
        let text = try pdfText(dir.appendingPathComponent("u-full.pdf"))
        for word in symbols.split(separator: " ") {
            #expect(text.contains(word), "PDF lacks \(word)")
        }
    }

    @Test func failedBuildKeepsThePreviousPDF() throws {
        let styles = try copyOfFullPack()
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: styles) }
        let good = runTool(["build", profilePath("example"), "--styles-dir", styles.path, "--out", dir.path])
        #expect(good.code == .success, "\(good.stderr)")
        let pdf = dir.appendingPathComponent("example-full.pdf")
        let before = try Data(contentsOf: pdf)

        let style = styles.appendingPathComponent("full/style.tex")
        let broken = try String(contentsOf: style, encoding: .utf8)
            .replacingOccurrences(of: "\\newcommand{\\cvnews}[2]{", with: "\\newcommand{\\cvnews}[2]{\\undefinedmacro ")
        try write(broken, to: style)
        let bad = runTool(["build", profilePath("example"), "--styles-dir", styles.path, "--out", dir.path])
        #expect(bad.code == .texFailed)
        // The error names the pack file, the line of the macro's definition, and the undefined macro.
        let line = try #require(broken.components(separatedBy: "\n").firstIndex { $0.contains("\\undefinedmacro") }) + 1
        let log = dir.appendingPathComponent(".cvbuild/logs/example-full.log")
        #expect(bad.stderr == """
            cvbuild: \(style.path):\(line):1: error: TeX error in style pack "full": \\cvnews uses the undefined control sequence \\undefinedmacro
              hint: define \\undefinedmacro in style.tex or load the package that does; the TeX log is kept at \(log.path)
            """)
        #expect(try String(contentsOf: log, encoding: .utf8).contains("Undefined control sequence"))
        #expect(try Data(contentsOf: pdf) == before)
        // Nothing else is left, hidden files included: the stamp and the kept log live in .cvbuild.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == [".cvbuild", "example-full.pdf"])
    }

    @Test func errorInPackPreambleNamesThePackFile() throws {
        let styles = try copyOfFullPack { $0 + "\\usepackage{doesnotexist}\n" }
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: styles) }
        let run = runTool(["build", profilePath("example"), "--styles-dir", styles.path, "--out", dir.path])
        #expect(run.code == .texFailed)
        let lines = try String(contentsOf: styles.appendingPathComponent("full/style.tex"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLine = lines.firstIndex { $0.contains("doesnotexist") }! + 1
        #expect(run.stderr.hasPrefix("cvbuild: \(styles.path)/full/style.tex:\(expectedLine):1: error: TeX error in style pack \"full\": LaTeX Error: File `doesnotexist.sty' not found."), "\(run.stderr)")
    }

    @Test func runawayTeXIsStopped() throws {
        let styles = try copyOfFullPack()
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: styles) }
        #expect(runTool(["build", profilePath("example"), "--styles-dir", styles.path, "--out", dir.path]).code == .success)
        let before = try Data(contentsOf: dir.appendingPathComponent("example-full.pdf"))
        let style = styles.appendingPathComponent("full/style.tex")
        try write(try String(contentsOf: style, encoding: .utf8) + "\\def\\spin{\\spin}\\spin\n", to: style)
        let run = runTool(["build", profilePath("example"), "--styles-dir", styles.path, "--out", dir.path, "--tex-timeout", "2"])
        #expect(run.code == .texFailed)
        let log = dir.appendingPathComponent(".cvbuild/logs/example-full.log").path
        #expect(run.stderr == "cvbuild: error: pdflatex did not finish within the time limit of 2 s and was stopped\n  hint: a style pack may loop; raise the limit with --tex-timeout SECONDS; the TeX log is kept at \(log)")
        // No TeX run of this looping document is left (SIGTERM may be blocked in children).
        let spinning = processes(workingUnder: FileManager.default.temporaryDirectory).filter { pid in
            let files = ["cv.tex", "pre.tex"].compactMap { try? String(contentsOfFile: "/proc/\(pid)/cwd/\($0)", encoding: .utf8) }
            return files.contains { $0.contains("\\def\\spin{\\spin}") }
        }
        #expect(spinning.isEmpty, "a pdflatex run outlived its time limit")
        #expect(try Data(contentsOf: dir.appendingPathComponent("example-full.pdf")) == before)
    }

    @Test func pdfsAreReproducible() throws {
        let a = try temporaryFolder(), b = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        #expect(runTool(["build", profilePath("example"), "--out", a.path]).code == .success)
        #expect(runTool(["build", profilePath("example"), "--out", b.path]).code == .success)
        #expect(try Data(contentsOf: a.appendingPathComponent("example-full.pdf")) == Data(contentsOf: b.appendingPathComponent("example-full.pdf")))
    }

    @Test(arguments: ["hanqing-zhu", "hanxian-huang", "zhaorui-zhang", "hexu-zhao", "qinghao-hu"])
    func referenceProfileBuilds(_ name: String) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = runTool(["build", profilePath(name), "--out", dir.path])
        #expect(run.code == .success, "\(run.stderr)")
        let pdf = dir.appendingPathComponent("\(name)-full.pdf")
        #expect((try pdfPages(pdf) ?? 0) >= 1)
    }
}
