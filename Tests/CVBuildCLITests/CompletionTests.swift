import CVBuildCLI
import CVTestSupport
import Foundation
import Testing

/// Completion scripts are made from the commands' declarations; bash's is checked by bash itself,
/// parsing it and running its completion function.
@Suite struct CompletionTests {
    func script(_ shell: String) -> String {
        let run = runTool(["completions", shell])
        #expect(run.code == .success)
        return run.stdout
    }

    func installed(_ program: String) -> URL? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(program) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    func bash(_ script: String) throws -> ChildRun {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var env = childEnvironment(home: dir, pathFirst: [builtExecutable.deletingLastPathComponent()])
        env["CVBUILD_STYLES"] = nil
        return try runChild("/bin/bash", ["-c", script], in: packageRoot, environment: env)
    }

    @Test func bashScriptParsesAndNamesEverything() throws {
        let text = script("bash")
        let file = try temporaryFolder().appendingPathComponent("cvbuild.bash")
        try write(text, to: file)
        let check = try bash("bash -n '\(file.path)'")
        #expect(check.status == 0, "\(check.stderr)")
        for command in CommandLineTool.commands {
            let c = command.configuration
            #expect(text.contains("        \(c.name))\n"), "no case for \(c.name)")
            for option in c.allOptions { #expect(text.contains("--" + option.name), "\(c.name): no --\(option.name)") }
        }
    }

    /// Completes as bash would: COMP_WORDS set, the function run, COMPREPLY read back.
    @Test(arguments: [
        (["cvbuild", "sty"], ["styles"]),
        (["cvbuild", "build", "--for"], ["--force", "--format"]),
        (["cvbuild", "build", "--format", "j"], ["json", "jsonresume"]),
        (["cvbuild", "check", "--"], ["--help", "--quiet", "--styles-dir", "--version"]),
        (["cvbuild", "import", ""], ["bibtex", "jsonresume"]),
        (["cvbuild", "help", "wa"], ["watch"]),
        (["cvbuild", "completions", ""], ["bash", "fish", "zsh"]),
        (["cvbuild", "cache", "c"], ["clean"]),
        (["cvbuild", "build", "-s", "one"], ["one-page"]),
        (["cvbuild", "doctor", "--engine", "x"], ["xelatex"]),
    ])
    func bashCompletes(words: [String], expected: [String]) throws {
        let file = try temporaryFolder().appendingPathComponent("cvbuild.bash")
        try write(script("bash"), to: file)
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let run = try bash("""
            source '\(file.path)'
            COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); COMPREPLY=()
            _cvbuild
            printf '%s\\n' "${COMPREPLY[@]}"
            """)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").map(String.init).sorted() == expected, "\(words)")
    }

    /// zsh and fish are not installed everywhere: with the shell, it parses the script; without,
    /// the script is checked against the declarations.
    @Test func zshScriptFollowsTheDeclarations() throws {
        let text = script("zsh")
        #expect(text.hasPrefix("#compdef cvbuild\n"))
        if let zsh = installed("zsh") {
            let file = try temporaryFolder().appendingPathComponent("_cvbuild")
            try write(text, to: file)
            let check = try runChild(zsh.path, ["-n", file.path], in: packageRoot, environment: childEnvironment(home: file.deletingLastPathComponent()))
            #expect(check.status == 0, "\(check.stderr)")
        }
        for command in CommandLineTool.commands {
            let c = command.configuration
            #expect(text.contains("        '\(c.name):"), "no description of \(c.name)")
            #expect(text.contains("        \(c.name))\n            _arguments -s"), "no arguments of \(c.name)")
            for option in c.allOptions {
                let long = option.short == nil ? "'--\(option.name)[" : "{-\(option.short!),--\(option.name)}'["
                #expect(text.contains(long), "\(c.name): no \(long)")
            }
        }
        #expect(text.contains("'*'{-s,--style}'[style pack to use (default\\: full); may repeat]:NAME:_cvbuild_styles'"))
        #expect(text.contains("'--format[") && text.contains(":FORMAT:(pdf png tex json md html jsonresume)'"))
    }

    @Test func fishScriptFollowsTheDeclarations() throws {
        let text = script("fish")
        if let fish = installed("fish") {
            let file = try temporaryFolder().appendingPathComponent("cvbuild.fish")
            try write(text, to: file)
            let check = try runChild(fish.path, ["-n", file.path], in: packageRoot, environment: childEnvironment(home: file.deletingLastPathComponent()))
            #expect(check.status == 0, "\(check.stderr)")
        }
        let lines = text.split(separator: "\n")
        for command in CommandLineTool.commands {
            let c = command.configuration
            #expect(lines.contains { $0.hasPrefix("complete -c cvbuild -n __fish_use_subcommand -a \(c.name) -d ") })
            for option in c.allOptions {
                #expect(lines.contains { $0.hasPrefix("complete -c cvbuild -n '__fish_seen_subcommand_from \(c.name)'") && $0.contains(" -l \(option.name) ") },
                        "\(c.name): no --\(option.name)")
            }
        }
    }
}
