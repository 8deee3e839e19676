import CVBuildCLI
import CVTestSupport
import CVBuildKit
import CVModel
import CVRender
import Foundation
import Testing

@Suite struct InteropTests {
    static let sample = packageRoot.appendingPathComponent("Tests/CVModelTests/Fixtures/sample.resume.json")

    static let bib = #"""
    @string{acm = "ACM"}
    @comment{ ignored }
    @preamble{ "\newcommand{\noop}[1]{}" }
    @ARTICLE{godel31,
      AUTHOR = {G{\"o}del, Kurt and Dvo{\v{r}}{\'a}k, Anton{\'\i}n and {The Stra{\ss}e Consortium}},
      TITLE = {{On} Formally Undecidable {P}ropositions},
      journal = acm # " Transactions",
      year = 1931, month = jan,
    }
    @inproceedings{lovelace43, author = {Lovelace, Ada and Charles Babbage}, title = "Notes by the {Translator}",
      booktitle = {Scientific Memoirs}, year = {1843}}
    @misc{arx, author = {A. Lovelace}, title = {On Engines}, eprint = {2401.00001}, archivePrefix = {arXiv}, year = 2024}
    """#

    @Test func bibtexImportsAndNamesPrintAsAReaderExpects() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bib = dir.appendingPathComponent("refs.bib")
        try write(Self.bib, to: bib)
        let profile = dir.appendingPathComponent("ada.json")
        let run = runTool(["import", "bibtex", bib.path, "--name", "Ada Lovelace", "-o", profile.path])
        #expect(run.code == .success, "\(run.stderr)")
        let again = runTool(["import", "bibtex", bib.path, "-o", profile.path])
        #expect(again.code == .cannotWrite)
        let tex = runTool(["build", profile.path, "--format", "tex", "--out", dir.path])
        #expect(tex.code == .success)
        let source = try String(contentsOf: dir.appendingPathComponent("ada-full.tex"), encoding: .utf8)
        #expect(source.contains("\\cvme{Ada Lovelace}\\cvauthorpair{}Charles Babbage"))
        #expect(source.contains("{\\cvme{A. Lovelace}}"))
        #expect(source.contains("Kurt Gödel, Antonín Dvořák\\cvauthorlast{}The Straße Consortium"))
        #expect(source.contains("{On Formally Undecidable Propositions}"))
        #expect(source.contains("{ACM Transactions}"))
    }

    @Test func brokenBibEntriesAreLocated() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bib = dir.appendingPathComponent("bad.bib")
        try write("@article{ok, author = {A}, title = {T}, year = 2020}\n@article{broken, title = {Unclosed\n", to: bib)
        // The broken entry is located and skipped; the good one is imported. --strict refuses the file.
        let run = runTool(["import", "bibtex", bib.path])
        #expect(run.code == .success)
        #expect(run.stderr.contains("\(bib.path):2:"), "\(run.stderr)")
        #expect(run.stderr.contains("1 entry imported, 1 skipped"), "\(run.stderr)")
        let strict = runTool(["import", "bibtex", bib.path, "--strict"])
        #expect(strict.code == .invalidInput)
        #expect(strict.stderr.contains("\(bib.path):2:"), "\(strict.stderr)")
    }

    @Test func sectionMayNameABibFile() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write(Self.bib, to: dir.appendingPathComponent("papers/refs.bib"))
        let profile = dir.appendingPathComponent("cv.json")
        try write(#"{"name": "Ada Lovelace", "sections": [{"title": "Publications", "bibliography": "papers/refs.bib"}]}"#, to: profile)
        let run = runTool(["build", profile.path, "--format", "json", "--out", dir.path])
        #expect(run.code == .success, "\(run.stderr)")
        let resolved = try ProfileDecoder.decode(Array(try Data(contentsOf: dir.appendingPathComponent("cv.json")))).get().profile
        #expect(resolved.sections[0].entries.count == 3)
        try write(#"{"name": "A", "sections": [{"title": "P", "bibliography": "nope.bib"}]}"#, to: profile)
        let missing = runTool(["check", profile.path])
        #expect(missing.code == .inputMissing)
        #expect(missing.stderr.hasPrefix("cvbuild: \(profile.path):1:59: error: sections[0].bibliography: bibliography \"nope.bib\" not found"), "\(missing.stderr)")
    }

    @Test func jsonResumeSampleImportsAndEveryNameIsKept() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("richard.json")
        let run = runTool(["import", "jsonresume", Self.sample.path, "-o", out.path])
        #expect(run.code == .success, "\(run.stderr)")
        let tex = runTool(["build", out.path, "--format", "tex", "--out", dir.path])
        #expect(tex.code == .success, "\(tex.stderr)")
        let source = try String(contentsOf: dir.appendingPathComponent("richard-full.tex"), encoding: .utf8)
        let sample = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.sample)) as! [String: Any]
        var names: [String] = [((sample["basics"] as? [String: Any])?["name"] as? String) ?? "?"]
        for section in ["work", "volunteer", "education", "awards", "publications", "references"] {
            for item in (sample[section] as? [[String: Any]]) ?? [] {
                for key in ["name", "organization", "institution", "title", "awarder", "publisher"] {
                    if let s = item[key] as? String { names.append(s) }
                }
            }
        }
        for name in names { #expect(source.contains(LaTeXEscaper.escape(name)), "missing \(name)") }
    }

    @Test(.enabled(if: texEnabled, "CVBUILD_SKIP_TEX=1"))
    func jsonResumeSampleBuildsToPDF() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("richard.json")
        #expect(runTool(["import", "jsonresume", Self.sample.path, "-o", out.path]).code == .success)
        let run = runTool(["build", out.path, "--out", dir.path])
        #expect(run.code == .success, "\(run.stderr)")
        #expect(try pdfText(dir.appendingPathComponent("richard-full.pdf")).contains("Richard Hendriks"))
    }

    @Test func exportToJSONResumeWarnsAboutLossyParts() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = runTool(["build", profilePath("example"), "--format", "jsonresume", "--out", dir.path])
        #expect(run.code == .success)
        #expect(run.stderr.contains("warning:"))
        let value = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("example.resume.json"))) as? [String: Any]
        #expect((value?["basics"] as? [String: Any])?["name"] as? String == "Ada Q. Example")
    }

    @Test func homepageMarkdownHasFrontMatterAndKeepsTheSeedsWords() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = runTool(["build", profilePath("zhaorui-zhang"), "--style", "homepage", "--format", "md", "--out", dir.path])
        #expect(run.code == .success)
        let md = try String(contentsOf: dir.appendingPathComponent("zhaorui-zhang-homepage.md"), encoding: .utf8)
        #expect(md.hasPrefix("---\npermalink: /\ntitle: \"About me\"\nexcerpt: \"About me\"\nauthor_profile: true\nredirect_from: \n  - /about/\n  - /about.html\n---\n"))
        let full = runTool(["build", profilePath("zhaorui-zhang"), "--style", "full", "--format", "md", "--out", dir.path])
        #expect(full.code == .success)
        #expect(try String(contentsOf: dir.appendingPathComponent("zhaorui-zhang-full.md"), encoding: .utf8).hasPrefix("# Zhaorui Zhang"))
    }
}
