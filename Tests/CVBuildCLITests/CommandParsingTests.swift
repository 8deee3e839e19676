import CVBuildCLI
import CVBuildKit
import CVTestSupport
import Foundation
import Testing

/// Which command a command line runs, and what it refuses, by table.
@Suite struct CommandParsingTests {
    @Test(arguments: [
        (["buidl"], "unknown command 'buidl'\n  hint: did you mean 'build'?"),
        (["chekc", "Profiles"], "unknown command 'chekc'\n  hint: did you mean 'check'?"),
        (["xyzzy"], "unknown command 'xyzzy'\n  hint: commands: build, check, watch, styles, schema, init, import, doctor, cache, completions, help; to build a profile, name its file"),
        (["help", "stlyes"], "unknown command 'stlyes'\n  hint: did you mean 'styles'?"),
    ])
    func unknownCommandsAreUsageErrors(args: [String], message: String) {
        let run = runTool(args)
        #expect(run.code == .usage)
        #expect(run.stderr == "cvbuild: error: " + message)
    }

    /// A first word that is a file, a path, or a `.json`/`.swift` name is a profile to build.
    @Test func barePathsStillBuild() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = runTool([profilePath("example"), "--format", "tex", "--out", dir.path])
        #expect(run.code == .success, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("example-full.tex").path))
        for missing in ["nosuch.json", "nosuch.swift", "\(dir.path)/nosuch"] {
            let run = runTool([missing, "--out", dir.path])
            #expect(run.code == .inputMissing, "\(missing)")
            #expect(run.stderr == "cvbuild: \(missing): error: no such file")
        }
        // An existing file without an extension counts too.
        let plain = dir.appendingPathComponent("cv")
        try FileManager.default.copyItem(atPath: profilePath("example"), toPath: plain.path)
        let cwd = FileManager.default.currentDirectoryPath
        #expect(runTool([plain.path, "--format", "tex", "--out", dir.path]).code == .success)
        #expect(FileManager.default.currentDirectoryPath == cwd)
    }

    /// Options another command takes are refused by the one given, which the message names.
    @Test(arguments: [
        ["check", "--format", "docx"], ["check", "--format", "json"], ["styles", "--since", "2018"], ["schema", "--out", "x"],
        ["doctor", "--style", "full"], ["init", "--format", "tex"], ["cache", "--force"], ["cache", "clean", "-j", "2"],
        ["completions", "bash", "--quiet"], ["help", "--tag", "x"], ["import", "bibtex", "a.bib", "--style", "full"],
    ])
    func optionsOfOtherCommandsAreUsageErrors(args: [String]) {
        let run = runTool(args)
        #expect(run.code == .usage, "\(args): \(run.stderr)")
        let option = args.first { $0.hasPrefix("-") }!
        #expect(run.stderr == "cvbuild: error: option '\(option)' does not apply to cvbuild \(args[0])\n  hint: see cvbuild \(args[0]) --help",
                "\(args)")
    }

    @Test func nameAppliesOnlyToBibTeXImports() {
        let run = runTool(["import", "jsonresume", "r.json", "--name", "Ada"])
        #expect(run.code == .usage)
        #expect(run.stderr.hasPrefix("cvbuild: error: option '--name' does not apply to cvbuild import jsonresume"))
    }

    /// An import without its file says a file is expected, with the format's usage, not a
    /// suggestion for the word that was typed correctly.
    @Test(arguments: [
        (["import", "bibtex"], "cvbuild import bibtex needs the file to read\n  hint: usage: cvbuild import bibtex FILE.bib [--name \"Owner Name\"] [--strict] [--locale LANG] [-o PROFILE.json]"),
        (["import", "jsonresume"], "cvbuild import jsonresume needs the file to read\n  hint: usage: cvbuild import jsonresume FILE [--locale LANG] [-o PROFILE.json]"),
        (["import", "bibtex", "a.bib", "b.bib"], "cvbuild import bibtex reads one file, not 2\n  hint: usage: cvbuild import bibtex FILE.bib [--name \"Owner Name\"] [--strict] [--locale LANG] [-o PROFILE.json]"),
        (["import"], "usage: cvbuild import jsonresume|bibtex FILE [-o PROFILE.json]\n  hint: name the format of the file: jsonresume or bibtex"),
        (["import", "bibtx", "a.bib"], "usage: cvbuild import jsonresume|bibtex FILE [-o PROFILE.json]\n  hint: did you mean \"bibtex\"?"),
    ])
    func importWithoutItsFile(args: [String], message: String) {
        let run = runTool(args)
        #expect(run.code == .usage)
        #expect(run.stderr == "cvbuild: error: " + message)
    }

    /// Typed values: an enumeration's unknown value gets the nearest name or the list.
    @Test(arguments: [
        (["build", "--engine", "xelatx"], "unknown engine 'xelatx'\n  hint: did you mean 'xelatex'?"),
        (["build", "--paper", "a5"], "unknown paper size 'a5'\n  hint: did you mean 'a4'?"),
        (["build", "--paper", "legal"], "unknown paper size 'legal'\n  hint: use letter or a4"),
        (["build", "--jobs", "0"], "--jobs needs a positive whole number, not '0'"),
        (["build", "--since", "18"], "--since needs a year such as 2018, not '18'"),
        (["watch", "--tex-timeout", "inf"], "--tex-timeout needs a positive number of seconds, not 'inf'"),
        (["doctor", "--engine", "tex"], "unknown engine 'tex'\n  hint: use pdflatex, xelatex, lualatex"),
        (["completions", "tcsh"], "unknown shell 'tcsh'\n  hint: use bash, zsh, fish"),
        (["cache", "purge"], "unknown cache action 'purge'\n  hint: use `cvbuild cache` or `cvbuild cache clean`"),
    ])
    func typedValues(args: [String], message: String) {
        let run = runTool(args)
        #expect(run.code == .usage)
        #expect(run.stderr == "cvbuild: error: " + message)
    }

    @Test func everyCommandHasItsOwnHelp() throws {
        for command in CommandLineTool.commands {
            let name = command.configuration.name
            let help = runTool([name, "--help"])
            #expect(help.code == .success)
            #expect(help.stdout.hasPrefix("Usage: cvbuild " + command.configuration.synopsis[0]))
            #expect(runTool(["help", name]).stdout == help.stdout)
            #expect(runTool([name, "-h"]).stdout == help.stdout)
        }
        // Only build's options in build's help; check's are its own.
        let check = runTool(["check", "--help"]).stdout
        #expect(check.contains("--quiet") && check.contains("--styles-dir") && !check.contains("--format") && !check.contains("--style "))
        #expect(runTool(["help"]).stdout == runTool(["--help"]).stdout)
    }

    @Test func parseGivesTypedCommands() throws {
        guard case .run(let command) = try CommandLineTool.parse(["build", "a.json", "-s", "x", "--style=y", "-q", "--format", "md", "--since", "2019", "--", "--b.json"]),
              let build = command as? BuildCommand else {
            Issue.record("not a build")
            return
        }
        #expect(build.arguments.profiles == ["a.json", "--b.json"])
        #expect(build.arguments.styles == ["x", "y"])
        #expect(build.arguments.quiet)
        #expect(build.arguments.format == .md)
        #expect(build.arguments.since == 2019)
        #expect(throws: UsageError.self) { try CommandLineTool.parse(["build", "--quiet=1"]) }
        guard case .run(let bare) = try CommandLineTool.parse([]), bare is BuildCommand else {
            Issue.record("cvbuild alone does not build")
            return
        }
    }

    @Test func colourOnlyOnATerminalWithoutNoColor() {
        #expect(CommandLineToolColour.wants(["TERM": "xterm"], terminal: true))
        #expect(!CommandLineToolColour.wants(["TERM": "xterm", "NO_COLOR": ""], terminal: true))
        #expect(!CommandLineToolColour.wants(["TERM": "xterm", "NO_COLOR": "1"], terminal: true))
        #expect(!CommandLineToolColour.wants(["TERM": "xterm"], terminal: false))
        #expect(!CommandLineToolColour.wants(["TERM": "dumb"], terminal: true))
    }
}

/// The default of `CommandLineTool.color`, from an environment and whether standard error is a terminal.
enum CommandLineToolColour {
    static func wants(_ environment: [String: String], terminal: Bool) -> Bool {
        CommandLineTool.wantsColor(environment: environment, isTerminal: terminal)
    }
}
