import CVBuildCLI
import CVTestSupport
import CVBuildKit
import Foundation
import Testing

@Suite struct CommandLineTests {
    @Test func version() {
        let run = runTool(["--version"])
        #expect(run.code == .success)
        #expect(run.stdout == "cvbuild \(CommandLineTool.version)")
    }

    @Test func helpNamesEveryCommandAndOption() {
        let run = runTool(["--help"])
        #expect(run.code == .success)
        for command in CommandLineTool.commands {
            #expect(run.stdout.contains("cvbuild " + command.configuration.synopsis[0]), "help lacks \(command.configuration.name)")
            let help = runTool([command.configuration.name, "--help"])
            #expect(help.code == .success)
            #expect(help.stdout == runTool(["help", command.configuration.name]).stdout)
            for option in command.configuration.allOptions {
                #expect(help.stdout.contains("--" + option.name), "\(command.configuration.name) --help lacks --\(option.name)")
            }
        }
    }

    @Test func unknownOptionSuggests() {
        let run = runTool(["build", "--styel", "full"])
        #expect(run.code == .usage)
        #expect(run.stderr == "cvbuild: error: unknown option '--styel'\n  hint: did you mean '--style'?")
    }

    @Test func optionWithoutValue() {
        let run = runTool(["build", "--out"])
        #expect(run.code == .usage)
        #expect(run.stderr == "cvbuild: error: option '--out' needs a value\n  hint: see cvbuild build --help")
    }

    @Test func badOptionValues() {
        #expect(runTool(["build", "--format", "docx"]).stderr == "cvbuild: error: unknown format 'docx'\n  hint: use pdf, png, tex, json, md, html, jsonresume")
        #expect(runTool(["build", "--tex-timeout", "-1"]).code == .usage)
        #expect(runTool(["build", "--paper", "a5"]).code == .usage)
    }

    @Test func missingProfileExits66() {
        let run = runTool(["build", "/nonexistent/cv.json"])
        #expect(run.code == .inputMissing)
        #expect(run.stderr == "cvbuild: /nonexistent/cv.json: error: no such file")
    }

    @Test func strayTokenOnLine5Exits65() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("cv.json")
        try write("{\n  \"name\": \"Ada\",\n  \"sections\": [\n  ]\n  oops\n}\n", to: file)
        let run = runTool(["build", file.path, "--out", dir.path])
        #expect(run.code == .invalidInput)
        #expect(run.stderr == "cvbuild: \(file.path):5:3: error: unexpected 'o': expected ',' or '}' after a member")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("cv-full.pdf").path))
    }

    @Test func numberWhereTextBelongs() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("cv.json")
        try write("{\"name\": \"Ada\",\n \"sections\": [{\"title\": \"Awards\", \"entries\": [\n   {\"type\": \"award\", \"title\": 2024}]}]}", to: file)
        let run = runTool(["check", file.path])
        #expect(run.code == .invalidInput)
        #expect(run.stderr == "cvbuild: \(file.path):3:31: error: sections[0].entries[0].title: expected text (a string), found a number 2024")
    }

    @Test func checkReportsMarkupNestedTooDeep() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("cv.json")
        let links = String(repeating: "[", count: 1000) + "x" + String(repeating: "](u)", count: 1000)
        try write("""
        {"name": "Ada",
         "sections": [{"title": "News", "entries": [
           {"type": "paragraph", "text": "fine **bold** and *italic*"},
           {"type": "paragraph", "text": "\(String(repeating: "*", count: 2000))"},
           {"type": "news", "date": "2024", "text": "\(links)"}]}]}
        """, to: file)
        let hint = "\n  hint: bold, italic and links nest at most 8 levels; write a delimiter meant literally as \\*, \\[ or \\]"
        for args in [["check", file.path], ["build", file.path, "--out", dir.path, "--format", "tex"]] {
            let run = runTool(args)
            #expect(run.code == .invalidInput)
            #expect(run.stderr == """
            cvbuild: \(file.path):4:34: error: sections[0].entries[1].text: markup nests more than 8 levels deep at character 27: "…************************…"\(hint)
            cvbuild: \(file.path):5:45: error: sections[0].entries[2].text: markup nests more than 8 levels deep at character 9: "[[[[[[[[[[[[[[[[[[[[…"\(hint)
            """)
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("cv-full.tex").path))
    }

    @Test func checkPassesEveryShippedProfile() {
        let names = ["example", "hanqing-zhu", "hanxian-huang", "zhaorui-zhang", "hexu-zhao", "qinghao-hu"]
        let run = runTool(["check"] + names.map(profilePath))
        #expect(run.code == .success)
        #expect(run.stderr.split(separator: "\n").count == names.count)
    }

    @Test func stylesListsPacksWithDescriptions() {
        let run = runTool(["styles"])
        #expect(run.code == .success)
        #expect(run.stdout.contains("full        The complete academic CV"))
        let names = run.stdout.split(separator: "\n").map { String($0.prefix { $0 != " " }) }
        #expect(names == builtInPacks)
        #expect(names.count >= 6)
    }

    @Test func unknownStyleSuggests() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = runTool(["build", profilePath("example"), "--style", "ful", "--out", dir.path, "--format", "tex"])
        #expect(run.code == .usage)
        #expect(run.stderr == "cvbuild: error: unknown style \"ful\"\n  hint: did you mean \"full\"?")
    }

    @Test func texFormatWritesTheRenderedSource() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = runTool(["build", profilePath("example"), "--format", "tex", "--out", dir.path])
        #expect(run.code == .success)
        let tex = try String(contentsOf: dir.appendingPathComponent("example-full.tex"), encoding: .utf8)
        let golden = try String(contentsOf: packageRoot.appendingPathComponent("Tests/CVRenderTests/Fixtures/example-full/expected.tex"), encoding: .utf8)
        #expect(tex == golden)
        #expect(run.stderr.hasPrefix("built \(dir.path)/example-full.tex in "))
    }

    /// `--out` naming a regular file, or a folder below one, says that the path is a file and not
    /// a folder, and names it (exit 73).
    @Test func outputFolderThatIsAFileExits73() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let blocker = dir.appendingPathComponent("file")
        try write("x", to: blocker)
        let direct = runTool(["build", profilePath("example"), "--format", "tex", "--out", blocker.path])
        #expect(direct.code == .cannotWrite)
        #expect(direct.stderr == "cvbuild: \(blocker.path): error: is a file, not a folder: outputs go into a folder\n  hint: choose a folder with --out DIR")
        let below = blocker.appendingPathComponent("out")
        let run = runTool(["build", profilePath("example"), "--format", "tex", "--out", below.path])
        #expect(run.code == .cannotWrite)
        #expect(run.stderr == "cvbuild: \(blocker.path): error: is a file, not a folder, so the output folder \(below.path) cannot be made in it\n  hint: choose a folder with --out DIR")
        #expect(try String(contentsOf: blocker, encoding: .utf8) == "x")
    }

    @Test func missingEngineExits69WithInstallCommand() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var env = testEnvironment
        env["PATH"] = dir.path
        let run = runTool(["build", profilePath("example"), "--out", dir.path], environment: env)
        #expect(run.code == .engineMissing)
        #expect(run.stderr == """
            cvbuild: error: pdflatex is not installed
              hint: install it:
                    Debian/Ubuntu: sudo apt-get install --no-install-recommends texlive-latex-base
                    TeX Live:      tlmgr install latex-bin
                    macOS:         brew install --cask mactex-no-gui (MacTeX)
            """)
    }

    @Test func noProfilesFound() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The profile list is read relative to the working folder; run from an empty one.
        let run = runTool(["check"], workingDirectory: dir)
        #expect(run.code == .inputMissing)
        #expect(run.stderr == "cvbuild: error: no profiles found in Profiles/\n  hint: name a profile: cvbuild build PROFILE.json")
    }
}

/// `check` knows the packs a variant may name: the built-in ones and those in `--styles-dir`.
@Suite struct CheckStylesDirTests {
    @Test func aVariantsStyleIsLookedUpInTheStylesFolder() throws {
        let styles = try temporaryFolder()
        let dir = try temporaryFolder()
        defer { [styles, dir].forEach { try? FileManager.default.removeItem(at: $0) } }
        let pack = styles.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
        let full = packageRoot.appendingPathComponent("Styles/full")
        let manifest = try String(contentsOf: full.appendingPathComponent("pack.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"name\": \"full\"", with: "\"name\": \"mine\"")
        try write(manifest, to: pack.appendingPathComponent("pack.json"))
        try FileManager.default.copyItem(at: full.appendingPathComponent("style.tex"), to: pack.appendingPathComponent("style.tex"))
        let file = dir.appendingPathComponent("v.json")
        try write(#"{"name": "Ada", "sections": [], "variants": {"web": {"style": "mine"}}}"#, to: file)

        let without = runTool(["check", file.path])
        #expect(without.code == .invalidInput, "\(without.stderr)")
        #expect(without.stderr.contains("\"mine\""), "\(without.stderr)")
        let with = runTool(["check", file.path, "--styles-dir", styles.path])
        #expect(with.code == .success, "\(with.stderr)")
    }
}
