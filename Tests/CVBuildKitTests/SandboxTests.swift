import CVBuildCLI
import CVTestSupport
import CVBuildKit
import Foundation
import Testing

/// Hostile style packs: each attack is watched through a canary file or the PDF's bytes.
@Suite(.enabled(if: texEnabled)) struct SandboxTests {
    /// The built-in `full` pack with `code` placed right after its first line.
    func hostilePack(_ code: String) throws -> URL {
        try copyOfFullPack { style in
            var lines = style.components(separatedBy: "\n")
            lines.insert(code, at: 1)
            return lines.joined(separator: "\n")
        }
    }

    /// Without the format cache, so the pack's preamble really runs in the document's own run.
    func build(_ styles: URL, engine: String, out: URL, landlock: Bool = true) -> ToolRun {
        var env = testEnvironment
        if !landlock { env["CVBUILD_NO_LANDLOCK"] = "1" }
        return runTool(["build", profilePath("example"), "--styles-dir", styles.path, "--out", out.path, "--engine", engine,
                        "--no-format-cache"], environment: env)
    }

    @Test func landlockIsAvailableHere() {
        // The attacks below are stopped by Landlock; a kernel without it must be noticed, not passed.
        #expect(Sandbox.landlockABI >= 1, "this kernel has no Landlock; see README, 'What a style pack can reach'")
    }

    /// A file the sandbox keeps pdflatex from is reported as a sandbox denial naming the file,
    /// against the pack's style file, not as a profile error.
    @Test func sandboxDenialNamesTheFileAndThePack() throws {
        let secretFolder = try temporaryFolder()
        let out = try temporaryFolder()
        defer { [secretFolder, out].forEach { try? FileManager.default.removeItem(at: $0) } }
        let secret = secretFolder.appendingPathComponent("secret.txt")
        try write("secret", to: secret)
        let styles = try hostilePack(#"\immediate\pdfobj file{\#(secret.path)}"#)
        defer { try? FileManager.default.removeItem(at: styles) }
        let run = build(styles, engine: "pdflatex", out: out)
        #expect(run.code == .texFailed)
        let style = styles.appendingPathComponent("full/style.tex").path
        #expect(run.stderr.hasPrefix("cvbuild: \(style): error: the sandbox denied pdflatex access to \(secret.path), so TeX stopped\n  hint: style pack \"full\" (or a package it loads) reads or writes outside the folders TeX may use"), "\(run.stderr)")
        #expect(!run.stderr.contains("profile") && !run.stderr.contains("holds no error"), "\(run.stderr)")
    }

    /// With Landlock, and without it (the Lua restriction alone).
    @Test(arguments: [true, false])
    func luaCannotDeleteWriteOrReadOutsideTheRun(landlock: Bool) throws {
        let canary = try temporaryFolder()
        let out = try temporaryFolder()
        defer { [canary, out].forEach { try? FileManager.default.removeItem(at: $0) } }
        let victim = canary.appendingPathComponent("victim")
        try write("keep me", to: victim)
        let styles = try hostilePack(#"""
            \directlua{
              os.remove("\#(victim.path)")
              os.rename("\#(victim.path)", "\#(victim.path).moved")
              lfs.mkdir("\#(canary.path)/made")
              local w = io.open("\#(canary.path)/written", "w"); if w then w:write("x"); w:close() end
              local r = io.open("/etc/passwd", "r"); if r then tex.sprint("LEAKED:" .. r:read("l")) r:close() end
            }
            """#)
        defer { try? FileManager.default.removeItem(at: styles) }
        let run = build(styles, engine: "lualatex", out: out, landlock: landlock)
        #expect(run.code == .success, "\(run.stderr)")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: canary.path) == ["victim"])
        let text = try pdfText(out.appendingPathComponent("example-full.pdf"))
        #expect(!text.contains("LEAKED"))
    }

    @Test(arguments: [
        ("pdflatex", #"\immediate\pdfobj stream file {SECRET}\pdfcatalog{/Leak \the\pdflastobj\space 0 R}"#),
        ("xelatex", #"\AtBeginDocument{\special{pdf:fstream @leak (SECRET)}\special{pdf:put @catalog << /Leak @leak >>}}"#),
    ])
    func filesOutsideTheRunCannotBeEmbedded(engine: String, code: String) throws {
        // A secret of random bytes cannot be compressed: embedded, it would grow the PDF past its size.
        let secretFolder = try temporaryFolder()
        let out = try temporaryFolder()
        defer { [secretFolder, out].forEach { try? FileManager.default.removeItem(at: $0) } }
        let secret = secretFolder.appendingPathComponent("secret.bin")
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<400_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(bytes).write(to: secret)
        let styles = try hostilePack(code.replacingOccurrences(of: "SECRET", with: secret.path))
        defer { try? FileManager.default.removeItem(at: styles) }
        let run = build(styles, engine: engine, out: out)
        let pdf = out.appendingPathComponent("example-full.pdf")
        if run.code == .success {
            let size = try #require(FileManager.default.attributesOfItem(atPath: pdf.path)[.size] as? Int)
            #expect(size < bytes.count, "the PDF (\(size) bytes) may hold the \(bytes.count)-byte secret")
        } else {
            #expect(!FileManager.default.fileExists(atPath: pdf.path))
        }
    }

    /// A pack that writes in a loop is stopped by the output limit, long before the time limit,
    /// and the previous PDF is kept.
    @Test(arguments: [
        #"\newwrite\cvflood\immediate\openout\cvflood=flood.txt\def\cvloop{\immediate\write\cvflood{0123456789012345678901234567890123456789012345678901234567890123456789}\cvloop}\cvloop"#,
        #"\newcount\cvn\newwrite\cvflood\def\cvloop{\advance\cvn 1 \immediate\openout\cvflood=flood\the\cvn.txt\cvfill 0\immediate\closeout\cvflood\cvloop}\def\cvfill#1{\ifnum#1<2000 \immediate\write\cvflood{0123456789012345678901234567890123456789012345678901234567890123456789}\expandafter\cvfill\expandafter{\the\numexpr#1+1\relax}\fi}\cvloop"#,
    ])
    func aWriteLoopIsStoppedByTheOutputLimit(code: String) throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(runTool(["build", profilePath("example"), "--out", out.path]).code == .success)
        let pdf = out.appendingPathComponent("example-full.pdf")
        let before = try Data(contentsOf: pdf)
        let styles = try hostilePack(code)
        defer { try? FileManager.default.removeItem(at: styles) }
        let run = runTool(["build", profilePath("example"), "--styles-dir", styles.path, "--out", out.path,
                           "--tex-output-limit", "4", "--tex-timeout", "600", "--no-format-cache"])
        #expect(run.code == .texFailed)
        #expect(run.stderr.hasPrefix("cvbuild: error: pdflatex wrote more than cvbuild allows (2 MiB in one file, 4 MiB in all) and was stopped"),
                "\(run.stderr)")
        #expect(try Data(contentsOf: pdf) == before)
    }

    @Test func doctorReportsEveryEngineAndTheSandbox() {
        let run = runTool(["doctor", "--engine", "pdflatex", "--engine", "xelatex", "--engine", "lualatex"])
        #expect(run.code == .success, "\(run.stdout)")
        for engine in ["pdflatex", "xelatex", "lualatex"] {
            #expect(run.stdout.contains("\(engine.padding(toLength: 9, withPad: " ", startingAt: 0)) ok"), "\(run.stdout)")
        }
        #expect(run.stdout.contains("sandbox   Landlock ABI"))
    }

    @Test func doctorExits69WithInstallCommandsWhenNoEngineIsFound() throws {
        let empty = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: empty) }
        var env = testEnvironment
        env["PATH"] = empty.path
        let run = runTool(["doctor"], environment: env)
        #expect(run.code == .engineMissing)
        #expect(run.stdout.contains("pdflatex  MISSING  not installed"))
        #expect(run.stdout.contains("Debian/Ubuntu: sudo apt-get install --no-install-recommends texlive-latex-base"))
        #expect(run.stdout.contains("tlmgr install latex-bin"))
        #expect(run.stdout.contains("brew install --cask mactex-no-gui"))
    }
}

/// Names that become file names are checked before anything is written.
@Suite struct NameTests {
    @Test(arguments: ["x/../../../escaped", "../up", ".hidden", "a/b", "", "sp ace", "naïve"])
    func aPackNameThatIsNotAPlainNameIsRefused(name: String) throws {
        let root = try temporaryFolder()
        let out = root.appendingPathComponent("a/b/out")
        defer { try? FileManager.default.removeItem(at: root) }
        let styles = try copyOfFullPack()
        defer { try? FileManager.default.removeItem(at: styles) }
        let manifest = styles.appendingPathComponent("full/pack.json")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\")
        let edited = text.replacingOccurrences(of: "\"name\": \"full\"", with: "\"name\": \"\(escaped)\"")
        #expect(edited != text, "the manifest's name line was not found")
        try write(edited, to: manifest)
        let line = try #require(edited.components(separatedBy: "\n").firstIndex { $0.contains("\"name\"") }) + 1
        let run = runTool(["build", profilePath("example"), "--styles-dir", styles.path, "--out", out.path])
        #expect(run.code == .invalidInput, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("cvbuild: \(manifest.path):\(line):"), "\(run.stderr)")
        #expect(run.stderr.contains("name: the pack name \"\(name)\""), "\(run.stderr)")
        // Nothing was written anywhere below the root, the escape target included.
        let written = FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []
        #expect(written.filter { $0.hasSuffix(".pdf") || $0.contains(".cvbuild") }.isEmpty, "\(written)")
    }

    @Test func twoProfilesOfOneNameAreAUsageError() throws {
        let a = try temporaryFolder()
        let b = try temporaryFolder()
        let out = try temporaryFolder()
        defer { [a, b, out].forEach { try? FileManager.default.removeItem(at: $0) } }
        let profile = try String(contentsOfFile: profilePath("example"), encoding: .utf8)
        try write(profile, to: a.appendingPathComponent("cv.json"))
        try write(profile, to: b.appendingPathComponent("cv.json"))
        let run = runTool(["build", a.appendingPathComponent("cv.json").path, b.appendingPathComponent("cv.json").path, "--out", out.path])
        #expect(run.code == .usage)
        #expect(run.stderr.hasPrefix("cvbuild: error: 2 profiles are named \"cv\""), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == [])
    }
}

/// A TeX error is traced to the field whose line failed, header fields included.
@Suite(.enabled(if: texEnabled)) struct BlameTests {
    @Test(arguments: [
        ("\\newcommand{\\cvheadline}[1]", "headline"),
        ("\\newcommand{\\cvcontact}[3]", "email"),
        ("\\newcommand{\\cvaffiliation}[1]", "affiliation[0]"),
    ])
    func anErrorOnAHeaderLineNamesThatField(definition: String, path: String) throws {
        let styles = try copyOfFullPack { style in
            // Replace the macro's definition with one that raises an error when it is used.
            var lines = style.components(separatedBy: "\n")
            guard let i = lines.firstIndex(where: { $0.hasPrefix(definition) }) else { return style }
            lines[i] = definition + "{\\PackageError{cvtest}{refused}{}}"
            var depth = 0
            var j = i
            // Drop the rest of a multi-line definition.
            for c in style.components(separatedBy: "\n")[i] { if c == "{" { depth += 1 } else if c == "}" { depth -= 1 } }
            while depth > 0, j + 1 < lines.count {
                j += 1
                for c in lines[j] { if c == "{" { depth += 1 } else if c == "}" { depth -= 1 } }
                lines[j] = ""
            }
            return lines.joined(separator: "\n")
        }
        let out = try temporaryFolder()
        defer { [styles, out].forEach { try? FileManager.default.removeItem(at: $0) } }
        let style = try String(contentsOf: styles.appendingPathComponent("full/style.tex"), encoding: .utf8)
        #expect(style.contains(definition + "{\\PackageError{cvtest}{refused}{}}"), "the pack's definition was not replaced")
        let run = runTool(["build", profilePath("example"), "--styles-dir", styles.path, "--out", out.path])
        #expect(run.code == .texFailed)
        #expect(run.stderr.hasPrefix("cvbuild: \(profilePath("example")):"), "\(run.stderr)")
        #expect(run.stderr.contains("error: \(path): TeX error: Package cvtest Error: refused"), "\(run.stderr)")
    }
}

/// Symbols, Greek and combining marks print under every engine, or are reported before TeX runs.
@Suite(.enabled(if: texEnabled)) struct SymbolTests {
    /// Combining marks that compose (e + U+0301 → é) print; those that cannot are reported by
    /// field before TeX runs, never dropped from the page.
    @Test(arguments: ["xelatex", "lualatex"])
    func combiningMarksPrintOrAreReported(engine: String) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.json")
        try write(#"{"name": "Re\u0301sume\u0301 Test", "sections": []}"#, to: good)
        let run = runTool(["build", good.path, "--out", dir.path, "--engine", engine])
        #expect(run.code == .success, "\(run.stderr)")
        #expect(try pdfText(dir.appendingPathComponent("good-full.pdf")).contains("Résumé Test"))

        let bad = dir.appendingPathComponent("bad.json")
        try write(#"{"name": "Ada", "headline": "O\u0323\u0300re\u0323\u0301", "sections": []}"#, to: bad)
        let refused = runTool(["build", bad.path, "--out", dir.path, "--engine", engine])
        #expect(refused.code == .invalidInput)
        #expect(refused.stderr.hasPrefix("cvbuild: \(bad.path):1:29: error: headline: \(engine) would drop the combining marks '\u{300}' (U+300) on 'Ọ', '\u{301}' (U+301) on 'ẹ'"),
                "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bad-full.pdf").path))
    }

    @Test(arguments: ["pdflatex", "xelatex", "lualatex"])
    func checkMarksAndShapesPrint(engine: String) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("symbols.json")
        try write(#"{"name": "Symbol Test", "sections": [{"title": "S", "entries": [{"type": "paragraph", "text": "✓ done, □ open, ◊ ◆ ★ marks"}]}]}"#, to: file)
        let run = runTool(["build", file.path, "--out", dir.path, "--engine", engine])
        #expect(run.code == .success, "\(run.stderr)")
        let text = try pdfText(dir.appendingPathComponent("symbols-full.pdf"))
        #expect(text.contains("✓ done, □ open, ◊ ◆ ★ marks"), "\(engine): \(text)")
    }

    /// Greek words, with accents and breathings, in the header (set in the pack's own fonts and shapes)
    /// and in the body, print under every engine.
    @Test(arguments: ["pdflatex", "xelatex", "lualatex"])
    func greekPrints(engine: String) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("greek.json")
        try write(#"{"name": "Ελένη Παπαδοπούλου", "headline": "Καθηγήτρια", "sections": [{"title": "Ελληνικά", "entries": [{"type": "paragraph", "text": "ἀρχὴ **σοφίας** *ἡ* γνῶσις, Ελληνικά"}]}]}"#, to: file)
        for pack in builtInPacks {
            let run = runTool(["build", file.path, "--style", pack, "--out", dir.path, "--engine", engine])
            #expect(run.code == .success, "\(engine) \(pack): \(run.stderr)")
            let text = try pdfText(dir.appendingPathComponent("greek-\(pack).pdf"))
            for words in ["Καθηγήτρια", "ἀρχὴ σοφίας ἡ γνῶσις, Ελληνικά"] {
                #expect(text.contains(words), "\(engine) \(pack) lacks \(words): \(text)")
            }
            // The name may be set in capitals or small capitals by the pack.
            #expect(text.lowercased().contains("ελένη παπαδοπούλου") || text.contains("ΕΛΕΝΗ ΠΑΠΑΔΟΠΟΥΛΟΥ") || text.contains("Ελένη Παπαδοπούλου"),
                    "\(engine) \(pack): \(text)")
        }
    }
}
