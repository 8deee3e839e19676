import CVDocument
import CVBuildKit
import CVModel
import Foundation

/// `cvbuild import jsonresume|bibtex FILE`: a profile from another format.
public struct ImportCommand: ParsableCommand {
    public enum Kind: String, ArgumentEnumeration {
        case jsonresume, bibtex
        public static var noun: String { "import format" }
    }

    static let name = Option<String>("name", value: "\"Owner Name\"", help: "bibtex only: the owner, whose name is marked in author lists")
    static let out = Option<String>("out", short: "o", value: "PROFILE.json", help: "write the profile here (default: standard output)",
                                    completion: .file(extensions: ["json"]))
    static let locale = Option<Language>("locale", value: "LANG", help: "title the sections made in LANG's words (en, de, fr, es, it, pt, zh, ja)\nand set the profile's locale")
    static let force = Flag("force", short: "f", help: "overwrite PROFILE.json if it exists")
    static let strict = Flag("strict", help: "bibtex only: fail on any broken entry or a file that is not UTF-8\n(by default broken entries are skipped with a warning)")

    public static let configuration = CommandConfiguration(
        name: "import", synopsis: ["import jsonresume FILE [--locale LANG] [-o PROFILE.json]", "import bibtex FILE.bib [--name \"Owner Name\"] [--strict] [--locale LANG] [-o PROFILE.json]"],
        abstract: "write a profile from a JSON Resume or a BibTeX file\n(to standard output without -o; --force overwrites)",
        arguments: [ArgumentSpec(label: "jsonresume|bibtex", help: "the format of FILE", completion: .values(Kind.allValueStrings)),
                    ArgumentSpec(label: "FILE", help: "the file to read", completion: .file(extensions: ["json", "bib"]))],
        options: [name.spec, strict.spec, locale.spec, out.spec, force.spec])

    public var kind: Kind
    public var file: String
    public var ownerName: String?
    public var out: String?
    public var force: Bool
    public var strict: Bool
    public var locale: Language?

    public init(parsing arguments: ParsedArguments) throws(UsageError) {
        let p = arguments.positionals
        guard let first = p.first, let kind = Kind(argument: first) else {
            throw UsageError("usage: cvbuild import jsonresume|bibtex FILE [-o PROFILE.json]",
                             hint: p.first.flatMap { nearest($0, in: Kind.allValueStrings) }.map { "did you mean \"\($0)\"?" }
                                ?? "name the format of the file: jsonresume or bibtex")
        }
        let usage = Self.configuration.synopsis[kind == .jsonresume ? 0 : 1]
        guard p.count >= 2 else {
            throw UsageError("cvbuild import \(kind.rawValue) needs the file to read", hint: "usage: cvbuild " + usage)
        }
        guard p.count == 2 else {
            throw UsageError("cvbuild import \(kind.rawValue) reads one file, not \(p.count - 1)", hint: "usage: cvbuild " + usage)
        }
        self.kind = kind
        file = p[1]
        ownerName = try arguments.value(Self.name)
        if kind == .jsonresume && ownerName != nil {
            throw UsageError("option '--name' does not apply to cvbuild import jsonresume", hint: "the owner's name is the résumé's basics.name")
        }
        strict = arguments.has(Self.strict)
        if kind == .jsonresume && strict {
            throw UsageError("option '--strict' does not apply to cvbuild import jsonresume", hint: "a JSON Resume with an error is never imported")
        }
        out = try arguments.value(Self.out)
        locale = try arguments.value(Self.locale)
        force = arguments.has(Self.force)
    }

    public func run(_ tool: CommandLineTool) -> ExitCode {
        guard let data = FileManager.default.contents(atPath: file) else {
            tool.report([Diagnostic(file: file, message: "no such file")])
            return .inputMissing
        }
        let profile: Profile?, diagnostics: [Diagnostic]
        switch kind {
        case .jsonresume:
            (profile, diagnostics) = JSONResume.importProfile(Array(data), file: file)
            tool.report(diagnostics)
        case .bibtex:
            let read = BibTeXImporter.profile(bibBytes: Array(data), file: file, ownerName: ownerName, strict: strict)
            (profile, diagnostics) = (read.profile, read.diagnostics)
            tool.report(diagnostics)
            tool.stderr("\(file): \(read.result.summary)")
        }
        guard var profile, !diagnostics.contains(where: { $0.severity == .error }) else { return .invalidInput }
        if let locale { profile = Labels.locale(locale).localizingImport(profile) }
        let json = ProfileEncoder.encode(profile)
        guard let out else {
            tool.stdout(json.trimmingCharacters(in: .newlines))
            return .success
        }
        if FileManager.default.fileExists(atPath: out) && !force {
            tool.report([Diagnostic(file: out, message: "already exists; not overwritten", hint: "add --force to replace it")])
            return .cannotWrite
        }
        do { try OutputWriter.write(Data(json.utf8), to: URL(fileURLWithPath: out)) } catch {
            return tool.fail(error)
        }
        tool.stderr("wrote \(out)")
        return .success
    }
}
