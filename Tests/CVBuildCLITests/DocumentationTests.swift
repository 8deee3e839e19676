import CVBuildCLI
import CVTestSupport
import CVBuildKit
import CVModel
import Foundation
import Testing

/// The docs' command lines against the command line itself: the README's usage block is the
/// help text, and every `cvbuild` command in a shell example parses, with known styles,
/// formats and engines.
@Suite struct DocumentationTests {
    static let documents = ["README.md", "docs/profile-format.md", "docs/PERFORMANCE.md"]

    static func text(_ path: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    /// Values that the workflows' shell variables hold (`SHARD` is `K/N` from the build matrix).
    static let shellVariables = ["$SHARD": "1/4"]

    /// The lines of every fenced block whose info string is `info`.
    static func blocks(_ text: String, info: String) -> [String] {
        var lines: [String] = [], inside = false
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                inside = !inside && line.dropFirst(3).trimmingCharacters(in: .whitespaces) == info
                continue
            }
            if inside { lines.append(line) }
        }
        return lines
    }

    /// Shell words up to a comment, pipe, redirection or `&&`: quotes and backslashes as sh reads them.
    static func words(_ line: String) -> [String] {
        var words: [String] = [], current = "", started = false, quote: Character?
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if let q = quote {
                if c == q { quote = nil } else if c == "\\" && q == "\"", let n = chars.popFirst() { current.append(n) } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c; started = true
            } else if c == "\\", let n = chars.popFirst() {
                current.append(n); started = true
            } else if c == " " || c == "\t" {
                if started { words.append(current); current = ""; started = false }
            } else if c == "#" && !started || c == "|" || c == ">" || c == ";" || c == "&" {
                break
            } else {
                current.append(c); started = true
            }
        }
        if started { words.append(current) }
        return words
    }

    /// The arguments of each cvbuild invocation in `lines`: `cvbuild …`, `.build/release/cvbuild …`,
    /// and `swift run [-c release] NAME …` for executables that run cvbuild's command line.
    static func invocations(_ lines: [String]) -> [(line: String, args: [String])] {
        lines.compactMap { line in
            var w = words(line.trimmingCharacters(in: .whitespaces))[...]
            while let first = w.first, first.contains("="), !first.hasPrefix("-") { w = w.dropFirst() }  // VAR=value
            guard let program = w.popFirst() else { return nil }
            if program == "swift", w.first == "run" {
                w = w.dropFirst()
                while let f = w.first, f.hasPrefix("-") { w = w.dropFirst(f == "-c" ? 2 : 1) }
                guard w.popFirst() == "hexu-zhao-cv" else { return nil }
                return (line, Array(w))
            }
            // A shell variable stands for a value the workflow sets: parse it as that value.
            let args = w.map { Self.shellVariables[$0] ?? $0 }
            return program.hasSuffix("cvbuild") && !program.hasPrefix("scripts/") ? (line, args) : nil
        }
    }

    /// Inline code spans that are a cvbuild command: `` `cvbuild check` ``.
    static func inlineCommands(_ text: String) -> [String] {
        text.components(separatedBy: "`").enumerated().compactMap { i, part in
            i % 2 == 1 && part.hasPrefix("cvbuild ") && !part.contains("\n") ? part : nil
        }
    }

    /// In a script, the command from `cvbuild` on where a line runs it: at its start, after
    /// `run:` (a workflow step) or after `xargs -0`.
    static func scriptCommands(_ text: String) -> [String] {
        text.components(separatedBy: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            for lead in ["", "run: ", "xargs -0 "] {
                if let r = trimmed.range(of: lead + "cvbuild "), lead.isEmpty ? r.lowerBound == trimmed.startIndex : true {
                    return String(trimmed[trimmed.index(r.lowerBound, offsetBy: lead.count)...])
                }
            }
            return nil
        }
    }

    static func allInvocations() throws -> [(line: String, args: [String])] {
        var found: [(String, [String])] = []
        for doc in documents {
            let text = try text(doc)
            found += invocations(blocks(text, info: "sh") + inlineCommands(text))
        }
        for script in ["docs/examples/github-actions.yml", "docs/examples/github-actions-matrix.yml", "docs/examples/pre-commit"] {
            found += invocations(scriptCommands(try text(script)))
        }
        return found
    }

    @Test func readmeUsageIsTheHelpText() throws {
        let readme = try Self.text("README.md")
        let start = try #require(readme.range(of: "## Usage\n\n```\n"))
        let end = try #require(readme.range(of: "\n```", range: start.upperBound..<readme.endIndex))
        let help = CommandLineTool.usage
        let expected = help[try #require(help.range(of: "Usage:\n")).lowerBound..<(try #require(help.range(of: "\n\nExit codes:"))).lowerBound]
        #expect(readme[start.upperBound..<end.lowerBound] == expected)
    }

    @Test func everyDocumentedCommandParses() throws {
        let invocations = try Self.allInvocations()
        #expect(invocations.count >= 15, "found only \(invocations.map(\.line))")
        let packs = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Styles").path)
        for (line, args) in invocations {
            // Parsed as the command line parses them: the command, its options, their typed values.
            let invocation: CommandLineTool.Invocation
            do {
                invocation = try CommandLineTool.parse(args)
            } catch {
                Issue.record("\(line): \(error.message)")
                continue
            }
            if case .run(let command) = invocation, let build = (command as? BuildCommand)?.arguments ?? (command as? WatchCommand)?.build.arguments {
                for style in build.styles { #expect(packs.contains(style), "\(line): no style \(style)") }
            }
        }
    }

    @Test func shellWords() {
        #expect(Self.words(#"cvbuild init --name "Ada Lovelace" -o 'my cv.json'  # comment"#) == ["cvbuild", "init", "--name", "Ada Lovelace", "-o", "my cv.json"])
        #expect(Self.words(#"cvbuild schema > profile.schema.json"#) == ["cvbuild", "schema"])
        #expect(Self.words(#"a\ b "c\"d" e#f"#) == ["a b", "c\"d", "e#f"])
    }
}
