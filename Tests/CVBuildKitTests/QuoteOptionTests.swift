import CVBuildCLI
import CVTestSupport
import Foundation
import Testing

/// The `quotes` option end to end: typographic by default in every format, as typed when a profile,
/// a variant or `--set` says so, read back by pdftotext from real TeX output.
@Suite struct QuoteOptionTests {
    /// Prose, a title and a venue tag with straight quotes, and a link whose address has one.
    static func profile(_ extra: String = "") -> String {
        #"""
        {"name": "Quinn O'Hara",\#(extra)
         "sections": [
          {"title": "Notes", "entries": [{"type": "paragraph", "text": "It's ICML'21 and \"quoted\" and [Quinn's page](https://example.org/q'h) and `don't`."}]},
          {"title": "Papers", "entries": [
            {"type": "publication", "authors": ["Quinn O'Hara"], "title": "Fast \"Paths\"", "venue": "Venue A", "venueShort": "NIPS'19", "date": "2019"}]}]}
        """#
    }

    func build(_ text: String, _ args: [String]) throws -> (run: ToolRun, dir: URL) {
        let dir = try temporaryFolder()
        let file = dir.appendingPathComponent("cv.json")
        try write(text, to: file)
        return (runTool(["build", file.path, "--out", dir.appendingPathComponent("out").path] + args), dir)
    }

    /// pdftotext's words joined by single spaces, so a line break reads as a space.
    func words(_ pdf: URL) throws -> String {
        try pdfText(pdf).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test(arguments: ["pdflatex", "xelatex"])
    func typographicByDefaultAsTypedOnRequest(_ engine: String) throws {
        guard texEnabled else { return }
        let typographic = try build(Self.profile(), ["--engine", engine])
        defer { try? FileManager.default.removeItem(at: typographic.dir) }
        #expect(typographic.run.code == .success, "\(typographic.run.stderr)")
        let text = try words(typographic.dir.appendingPathComponent("out/cv-full.pdf"))
        for shown in ["It’s ICML’21 and “quoted” and Quinn’s page and", "Fast “Paths”"] {
            #expect(text.contains(shown), "\(engine): \(shown) not in \(text)")
        }
        // Code, names and venue tags print as typed.
        for typed in ["don't", "Quinn O'Hara", "NIPS'19"] {
            #expect(text.contains(typed), "\(engine): \(typed) not in \(text)")
        }
        #expect(!text.contains("NIPS’19") && !text.contains("O’Hara") && !text.contains("don’t"))

        let asTyped = try build(Self.profile(), ["--engine", engine, "--set", "quotes=as-typed"])
        defer { try? FileManager.default.removeItem(at: asTyped.dir) }
        #expect(asTyped.run.code == .success, "\(asTyped.run.stderr)")
        let exact = try words(asTyped.dir.appendingPathComponent("out/cv-full.pdf"))
        for typed in ["It's ICML'21 and \"quoted\" and Quinn's page and", "don't", "Fast \"Paths\"", "NIPS'19", "Quinn O'Hara"] {
            #expect(exact.contains(typed), "\(engine): \(typed) not in \(exact)")
        }
        // (The full pack sets a title in quotes of its own: “Fast "Paths".”)
        for shown in ["It’s", "ICML’21", "“quoted”", "Quinn’s", "“Paths”"] {
            #expect(!exact.contains(shown), "\(engine): \(shown) in \(exact)")
        }
    }

    /// The profile's design, a variant's and `--set` choose it, in LaTeX, Markdown and HTML alike;
    /// the link's address is never changed, and the pack's LaTeX gets no `\cvoptquotes`.
    @Test func profileVariantAndSetChooseItInEveryFormat() throws {
        let variants = #" "variants": {"exact": {"design": {"quotes": "as-typed"}}, "curly": {"design": {"quotes": "typographic"}}},"#
        for (design, args, curly) in [
            ("", [String](), true),
            (#" "design": {"quotes": "as-typed"},"#, [], false),
            (#" "design": {"quotes": "as-typed"},"#, ["--set", "quotes=typographic"], true),
            ("", ["--variant", "exact"], false),
            (#" "design": {"quotes": "as-typed"},"#, ["--variant", "curly"], true),
            ("", ["--set", "quotes=as-typed"], false),
        ] {
            for format in ["tex", "md", "html"] {
                let (run, dir) = try build(Self.profile(design + variants), ["--format", format] + args)
                defer { try? FileManager.default.removeItem(at: dir) }
                #expect(run.code == .success, "\(run.stderr)")
                let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path).filter { $0.hasSuffix(format) }
                let file = try #require(files.first, "\(format) \(args): \(files)")
                let out = try String(contentsOf: dir.appendingPathComponent("out/\(file)"), encoding: .utf8)
                #expect(out.contains("ICML’21") == curly && out.contains("“quoted”") == curly, "\(format) \(design) \(args)")
                // HTML writes the address's `'` as a character reference.
                #expect(out.contains("https://example.org/q" + (format == "html" ? "&#39;" : "'") + "h"), "\(format) \(args)")
                #expect(!out.contains("cvoptquotes"))
            }
        }
    }

    @Test func aBadValueIsRefusedWithTheChoices() throws {
        let (run, dir) = try build(Self.profile(), ["--format", "tex", "--set", "quotes=curly"])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(run.code == .usage)
        #expect(run.stderr.contains("--set quotes=curly: \"curly\" is not a valid quotes"), "\(run.stderr)")
        #expect(run.stderr.contains("typographic, as-typed"), "\(run.stderr)")
    }
}
