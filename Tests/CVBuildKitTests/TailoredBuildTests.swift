import CVBuildCLI
import CVTestSupport
import CVBuildKit
import Foundation
import Testing

@Suite struct TailoredBuildTests {
    static let profileText = """
    {"name": "Tag Tester", "sections": [{"title": "Work", "entries": [
      {"type": "item", "text": "Always here", "date": "2015"},
      {"type": "item", "text": "Secret project", "date": "2024", "tags": ["zzhidden"]},
      {"type": "item", "text": "Web thing", "date": "2022", "tags": ["other"]},
      {"type": "bullets", "items": ["plain bullet", {"text": "hidden bullet", "tags": ["zzhidden"]}]}
    ]}],
     "variants": {"web": {"tags": ["other"], "headline": "Web Person", "style": "homepage"}, "recent": {"since": 2020}}}
    """

    func setUp() throws -> (URL, URL) {
        let dir = try temporaryFolder()
        let file = dir.appendingPathComponent("tags.json")
        try write(Self.profileText, to: file)
        return (dir, file)
    }

    func tex(_ dir: URL, _ name: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func tagFilters() throws {
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(runTool(["build", file.path, "--format", "tex", "--out", dir.appendingPathComponent("all").path]).code == .success)
        let all = try tex(dir, "all/tags-full.tex")
        #expect(all.contains("Secret project") && all.contains("hidden bullet"))
        #expect(runTool(["build", file.path, "--tag", "other", "--format", "tex", "--out", dir.appendingPathComponent("other").path]).code == .success)
        let other = try tex(dir, "other/tags-full+tag-other.tex")
        #expect(!other.contains("Secret project") && !other.contains("hidden bullet"))
        #expect(other.contains("Always here") && other.contains("Web thing") && other.contains("plain bullet"))
        #expect(runTool(["build", file.path, "--exclude-tag", "other", "--format", "tex", "--out", dir.appendingPathComponent("ex").path]).code == .success)
        #expect(!(try tex(dir, "ex/tags-full+exclude-tag-other.tex")).contains("Web thing"))
    }

    /// Tailored outputs are named after their tailoring (README, "Tailored outputs"), beside the
    /// untailored one in the same folder, which stays as it was.
    @Test func tailoredOutputsNeverReplaceTheUntailoredOne() throws {
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        #expect(runTool(["build", file.path, "--format", "tex", "--out", out.path]).code == .success)
        let untailored = try tex(out, "tags-full.tex")
        let cases: [([String], String)] = [
            (["--tag", "other"], "tags-full+tag-other.tex"),
            (["--tag", "zzhidden", "--tag", "other", "--tag", "other"], "tags-full+tag-other+tag-zzhidden.tex"),
            (["--exclude-tag", "zzhidden", "--since", "2018"], "tags-full+exclude-tag-zzhidden+since-2018.tex"),
            (["--variant", "web", "--tag", "other"], "tags-web-homepage+tag-other.tex"),
            (["--since", "2018", "--format", "json"], "tags+since-2018.json"),
            (["--tag", "other", "--format", "jsonresume"], "tags+tag-other.resume.json"),
        ]
        for (options, name) in cases {
            let run = runTool(["build", file.path, "--out", out.path] + (options.contains("--format") ? [] : ["--format", "tex"]) + options)
            #expect(run.code == .success, "\(options): \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").contains { $0.hasPrefix("built \(out.path)/\(name) in ") }, "\(options): \(run.stderr)")
        }
        #expect(try tex(out, "tags-full.tex") == untailored)
        #expect(!(try tex(out, "tags-full+tag-other.tex")).contains("Secret project"))
        #expect(!(try tex(out, "tags-full+exclude-tag-zzhidden+since-2018.tex")).contains("Always here"))
    }

    /// The same with real PDFs, read back by pdftotext: the untailored PDF keeps its text.
    @Test(.enabled(if: texEnabled, "CVBUILD_SKIP_TEX=1"))
    func tailoredPDFBesideTheUntailoredOne() throws {
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let plain = runTool(["build", file.path, "--out", out.path])
        #expect(plain.code == .success, "\(plain.stderr)")
        let tailored = runTool(["build", file.path, "--tag", "other", "--out", out.path])
        #expect(tailored.code == .success, "\(tailored.stderr)")
        #expect(try files(out) == ["tags-full+tag-other.pdf", "tags-full.pdf"])
        #expect(try pdfText(out.appendingPathComponent("tags-full.pdf")).contains("Secret project"))
        let text = try pdfText(out.appendingPathComponent("tags-full+tag-other.pdf"))
        #expect(text.contains("Web thing") && !text.contains("Secret project"))
    }

    func files(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func unknownTagAndVariantSuggest() throws {
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tag = runTool(["build", file.path, "--tag", "othr", "--out", dir.path])
        #expect(tag.code == .usage)
        #expect(tag.stderr == "cvbuild: \(file.path): error: no entry in the profile has the tag \"othr\"\n  hint: did you mean \"other\"?")
        let variant = runTool(["build", file.path, "--variant", "recnt", "--out", dir.path])
        #expect(variant.code == .usage)
        #expect(variant.stderr == "cvbuild: \(file.path): error: unknown variant \"recnt\"\n  hint: did you mean \"recent\"?")
    }

    @Test func variantsNameTheirOutputsAndUseTheirStyle() throws {
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = runTool(["build", file.path, "--all-variants", "--format", "tex", "--out", dir.path, "--jobs", "1"])
        #expect(run.code == .success)
        let web = try tex(dir, "tags-web-homepage.tex")
        #expect(web.contains("\\cvheadline{Web Person}") && !web.contains("Secret project"))
        let recent = try tex(dir, "tags-recent-full.tex")
        #expect(!recent.contains("Always here") && recent.contains("Secret project"))
        // The untailored CV is built too, in the default style.
        let untailored = try tex(dir, "tags-full.tex")
        #expect(untailored.contains("Always here") && untailored.contains("Secret project") && !untailored.contains("Web Person"))
        #expect(run.stderr.hasSuffix("3 built, 0 up to date, 0 failed"))
        let since = runTool(["build", file.path, "--since", "2023", "--format", "tex", "--out", dir.appendingPathComponent("s").path])
        #expect(since.code == .success)
        #expect(!(try tex(dir, "s/tags-full+since-2023.tex")).contains("Web thing"))
    }

    /// `--all-variants` builds each profile itself and each of its variants, in every style asked for;
    /// a profile without variants builds once per style.
    @Test(arguments: [
        ([String](), ["tags-full", "tags-web-homepage", "tags-recent-full", "plain-full"]),
        (["--style", "one-page"], ["tags-one-page", "tags-web-one-page", "tags-recent-one-page", "plain-one-page"]),
        (["--all-styles"], builtInPacks.flatMap { style in
            ["tags-\(style)", "tags-web-\(style)", "tags-recent-\(style)", "plain-\(style)"] }),
    ])
    func allVariantsBuildsTheProfileAndEveryVariant(styles: [String], expected: [String]) throws {
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("plain.json")
        try write(#"{"name": "Plain", "sections": [{"title": "S", "entries": [{"type": "paragraph", "text": "x"}]}]}"#, to: plain)
        let out = dir.appendingPathComponent("out")
        let run = runTool(["build", file.path, plain.path, "--all-variants", "--format", "tex", "--out", out.path] + styles)
        #expect(run.code == .success, "\(run.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".tex") }
        #expect(Set(written) == Set(expected.map { $0 + ".tex" }))
        #expect(run.stderr.hasSuffix("\(expected.count) built, 0 up to date, 0 failed"))
    }

    @Test func oneFailureDoesNotStopTheOthers() throws {
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.json")
        try write("{\"name\": 1}", to: bad)
        let run = runTool(["build", bad.path, file.path, profilePath("example"), "--format", "tex", "--out", dir.path, "--jobs", "2"])
        #expect(run.code == .invalidInput)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("tags-full.tex").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("example-full.tex").path))
        #expect(run.stderr.hasSuffix("2 built, 0 up to date, 1 failed"))
    }
}

@Suite(.enabled(if: texEnabled, "CVBUILD_SKIP_TEX=1")) struct IncrementalBuildTests {
    @Test func unchangedOutputsAreNotRebuilt() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("cv.json")
        try write(try String(contentsOf: URL(fileURLWithPath: profilePath("example")), encoding: .utf8), to: file)
        let out = dir.appendingPathComponent("out")
        let args = ["build", file.path, "--out", out.path, "--style", "full", "--style", "homepage"]
        #expect(runTool(args).code == .success)
        let pdf = out.appendingPathComponent("cv-full.pdf")
        let again = runTool(args)
        #expect(again.stderr == "up to date \(pdf.path)\nup to date \(out.path)/cv-homepage.pdf\n0 built, 2 up to date, 0 failed"
            || again.stderr == "up to date \(out.path)/cv-homepage.pdf\nup to date \(pdf.path)\n0 built, 2 up to date, 0 failed")
        #expect(runTool(args + ["--force"]).stderr.hasSuffix("2 built, 0 up to date, 0 failed"))
        try FileManager.default.removeItem(at: pdf)
        #expect(runTool(args).stderr.hasSuffix("1 built, 1 up to date, 0 failed"))
        try write(try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "Ada Q. Example", with: "Ada R. Example"), to: file)
        #expect(runTool(args).stderr.hasSuffix("2 built, 0 up to date, 0 failed"))
        #expect(try pdfText(pdf).contains("Ada R. Example"))
    }

    @Test func watchRebuildsOnChange() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("w.json")
        try write(#"{"name": "Watch One", "sections": [{"title": "S", "entries": [{"type": "paragraph", "text": "x"}]}]}"#, to: file)
        let captured = Captured()
        var tool = CommandLineTool(environment: testEnvironment, stdout: captured.out, stderr: captured.err, color: false)
        tool.watchLimit = 2
        let done = DispatchSemaphore(value: 0)
        let watcher = tool
        Thread.detachNewThread {
            _ = watcher.run(["watch", file.path, "--out", dir.path, "--format", "tex"])
            done.signal()
        }
        let tex = dir.appendingPathComponent("w-full.tex")
        #expect(waitUntil(seconds: 120) { FileManager.default.fileExists(atPath: tex.path) }, "the first build did not happen")
        // A different size, so the change is seen whatever the file system's time resolution.
        try write(#"{"name": "Watch Two, changed", "sections": [{"title": "S", "entries": [{"type": "paragraph", "text": "x"}]}]}"#, to: file)
        #expect(done.wait(timeout: .now() + 120) == .success)
        #expect(try String(contentsOf: tex, encoding: .utf8).contains("\\cvname{Watch Two, changed}"))
        #expect(captured.stderr.contains("change detected; rebuilding"))
    }
}

/// A tag typed precomposed (NFC) or decomposed (NFD) is one tag: one output name, every entry
/// that carries it in either form, and NFC in the canonical JSON.
@Suite struct TagNormalisationTests {
    static let nfc = "caf\u{E9}", nfd = "cafe\u{301}"

    @Test func tagsThatDifferOnlyByNormalisationAreOneTag() throws {
        try #require(Array(Self.nfc.utf8) != Array(Self.nfd.utf8))
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("t.json")
        try write("""
        {"name": "A", "sections": [{"title": "Work", "entries": [
          {"type": "item", "text": "first-entry", "tags": ["\(Self.nfc)"]},
          {"type": "item", "text": "second-entry", "tags": ["\(Self.nfd)"]},
          {"type": "item", "text": "third-entry", "tags": ["other"]}
        ]}]}
        """, to: file)
        let out = dir.appendingPathComponent("out")
        for tag in [Self.nfc, Self.nfd] {
            let run = runTool(["build", file.path, "--tag", tag, "--format", "md", "--out", out.path])
            #expect(run.code == .success, "\(run.stderr)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") }
        #expect(names == ["t-full+tag-caf%C3%A9.md"])
        let md = try String(contentsOf: out.appendingPathComponent("t-full+tag-caf%C3%A9.md"), encoding: .utf8)
        #expect(md.contains("first-entry") && md.contains("second-entry") && !md.contains("third-entry"), "\(md)")
        let json = runTool(["build", file.path, "--format", "json", "--out", out.path])
        #expect(json.code == .success)
        let bytes = try Data(contentsOf: out.appendingPathComponent("t.json"))
        #expect(bytes.range(of: Data(Self.nfd.utf8)) == nil)
        #expect(bytes.ranges(of: Data(Self.nfc.utf8)).count == 2)
    }
}

/// A build cache folder (`DIR/.cvbuild`) that cannot be written: the build goes on without it and
/// says so once a run, naming the folder; the PDFs are made (pdfinfo reads them) every run.
@Suite(.enabled(if: texEnabled, "CVBUILD_SKIP_TEX=1")) struct UnwritableCacheTests {
    @Test func buildsWithoutTheCacheAndWarnsOnce() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A regular file where the folder belongs: unwritable as a folder even for root.
        let cache = dir.appendingPathComponent(".cvbuild")
        try write("not a folder", to: cache)
        let warning = "cvbuild: \(cache.path): warning: cannot write the build cache (\(cache.path) is a file, not a folder), so outputs in \(dir.path) are built without it and rebuilt on every run\n  hint: make \(cache.path) a writable folder, or remove it"
        for _ in 0..<2 {
            let run = runTool(["build", profilePath("example"), "--style", "full", "--style", "homepage", "--out", dir.path])
            #expect(run.code == .success, "\(run.stderr)")
            #expect(run.stderr.components(separatedBy: warning).count == 2, "\(run.stderr)")
            #expect(run.stderr.hasSuffix("2 built, 0 up to date, 0 failed"), "\(run.stderr)")
            for style in ["full", "homepage"] {
                let info = try runProgram("pdfinfo", [dir.appendingPathComponent("example-\(style).pdf").path])
                #expect(info.contains("Pages:"), "\(info)")
            }
        }
        #expect(try String(contentsOf: cache, encoding: .utf8) == "not a folder")
    }
}
