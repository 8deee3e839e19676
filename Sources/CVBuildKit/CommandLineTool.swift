import CVModel
import CVRender
import Foundation

/// The `cvbuild` command line. The executable only calls `main`; a Swift CV calls it with its own profile.
public struct CommandLineTool {
    public static let version = "0.1.0"

    public static let commands = ["build", "check", "styles", "schema", "init", "help"]
    public static let specs: [Arguments.Spec] = [
        .init("style", value: true, short: "s"), .init("out", value: true, short: "o"), .init("format", value: true),
        .init("tex-timeout", value: true), .init("paper", value: true), .init("styles-dir", value: true),
        .init("all-styles"), .init("name", value: true), .init("quiet", short: "q"), .init("help", short: "h"), .init("version"),
    ]

    public static let usage = """
    cvbuild \(version) — a CV kept as code, typeset with TeX Live.

    Usage:
      cvbuild [build] [PROFILE.json ...] [options]   build PDFs (default: every Profiles/*.json)
      cvbuild check [PROFILE.json ...]               validate profiles only
      cvbuild styles                                 list the style packs
      cvbuild schema                                 print the profile format as a JSON Schema
      cvbuild init [--name "Full Name"] [FILE]       write a starter profile (default Profiles/<name>.json)
      cvbuild --help | --version

    Build options:
      -s, --style NAME        style pack to use (default: full); may repeat
          --all-styles        build with every style pack
      -o, --out DIR           output folder (default: build); outputs are DIR/<profile>-<style>.pdf
          --format pdf|tex|json
                              write PDFs (default), the LaTeX source, or the validated profile
                              as canonical JSON (DIR/<profile>.json)
          --paper letter|a4   paper size (default: the profile's, else the pack's)
          --tex-timeout S     stop the TeX engine after S seconds (default: 60)
          --styles-dir DIR    also look for style packs in DIR, before the built-in ones
      -q, --quiet             no progress lines

    Exit codes: 0 ok · 1 a TeX run failed · 64 usage error · 65 invalid profile or pack ·
    66 profile missing · 69 TeX engine not installed · 70 internal error · 73 output not writable
    """

    public var environment: [String: String]
    public var stdout: (String) -> Void
    public var stderr: (String) -> Void
    public var color: Bool
    /// Profiles given in code (a Swift CV); used when no profile path is named.
    public var builtInProfiles: [ProfileSource]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                stdout: @escaping (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) },
                stderr: @escaping (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) },
                color: Bool? = nil, builtInProfiles: [ProfileSource] = []) {
        self.environment = environment
        self.stdout = stdout
        self.stderr = stderr
        self.color = color ?? (isatty(2) != 0 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb")
        self.builtInProfiles = builtInProfiles
    }

    /// Runs the command and returns its exit code. Never calls `exit`.
    public func run(_ args: [String]) -> ExitCode {
        let parsed: Arguments
        do {
            parsed = try Arguments.parse(args, commands: Self.commands, specs: Self.specs)
        } catch {
            return usageError(error.message, hint: error.hint)
        }
        if parsed.has("help") || parsed.command == "help" { stdout(Self.usage); return .success }
        if parsed.has("version") { stdout("cvbuild \(Self.version)"); return .success }
        switch parsed.command ?? "build" {
        case "styles": return styles(parsed)
        case "schema": stdout(ProfileSchema.json().trimmingCharacters(in: .newlines)); return .success
        case "init": return initProfile(parsed)
        case "check": return check(parsed)
        default: return build(parsed)
        }
    }

    /// Runs with the process arguments and exits with the code.
    public static func main(builtInProfiles: [ProfileSource] = []) -> Never {
        ChildProcesses.shared.installSignalHandlers()
        let tool = CommandLineTool(builtInProfiles: builtInProfiles)
        exit(tool.run(Array(CommandLine.arguments.dropFirst())).rawValue)
    }

    // MARK: - Commands

    func styles(_ args: Arguments) -> ExitCode {
        let catalog = self.catalog(args)
        var code = ExitCode.success
        for name in catalog.names() {
            switch catalog.load(name) {
            case .success(let pack):
                stdout(name.padding(toLength: max(12, name.count + 2), withPad: " ", startingAt: 0) + pack.description)
            case .failure(let e):
                report(e.diagnostics)
                code = .invalidInput
            }
        }
        return code
    }

    func check(_ args: Arguments) -> ExitCode {
        let sources: [ProfileSource]
        switch profileSources(args) {
        case .success(let s): sources = s
        case .failure(let f): report(f.diagnostics); return f.code
        }
        var worst = ExitCode.success
        for source in sources {
            do {
                _ = try source.load()
                if !args.has("quiet") { stderr("\(source.displayPath): ok") }
            } catch {
                report(error.diagnostics)
                worst = max(worst, error.code)
            }
        }
        return worst
    }

    func build(_ args: Arguments) -> ExitCode {
        let options: BuildOptions
        switch buildOptions(args) {
        case .success(let o): options = o
        case .failure(let f): report(f.diagnostics); return f.code
        }
        let sources: [ProfileSource]
        switch profileSources(args) {
        case .success(let s): sources = s
        case .failure(let f): report(f.diagnostics); return f.code
        }
        let catalog = self.catalog(args)
        var styles = args.values("style").isEmpty ? ["full"] : args.values("style")
        if args.has("all-styles") { styles = catalog.names() }
        let builder = Builder(catalog: catalog, options: options)
        var worst = ExitCode.success
        for source in sources {
            for style in styles {
                let started = Date()
                do {
                    let result = try builder.build(source, style: style)
                    if !args.has("quiet") {
                        let pages = result.pages.map { ", \($0) page\($0 == 1 ? "" : "s")" } ?? ""
                        stderr("built \(relative(result.output))\(pages) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
                        for note in result.notes { stderr("  \(note)") }
                    }
                } catch {
                    report(error.diagnostics)
                    worst = max(worst, error.code)
                }
            }
        }
        return worst
    }

    func initProfile(_ args: Arguments) -> ExitCode {
        guard args.positionals.count <= 1 else { return usageError("init takes at most one file name") }
        let name = args.value("name") ?? "Your Name"
        guard !name.allSatisfy(\.isWhitespace) else { return usageError("--name must not be empty") }
        let slug = Section.slug(name)
        let path = args.positionals.first ?? "Profiles/\(slug.isEmpty ? "profile" : slug).json"
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            report([Diagnostic(file: path, message: "cannot create the folder")])
            return .cannotWrite
        }
        let bytes = Array(ProfileEncoder.encode(StarterProfile.make(name: name)).utf8)
        // O_EXCL: never overwrite an existing file, not even one created a moment ago.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            let exists = errno == EEXIST
            report([Diagnostic(file: path, message: exists ? "already exists; not overwritten" : "cannot be written",
                               hint: exists ? "choose another file name, or remove this one first" : nil)])
            return .cannotWrite
        }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else {
            report([Diagnostic(file: path, message: "cannot be written")])
            return .cannotWrite
        }
        stderr("wrote \(path); build it with: cvbuild build \(path)")
        return .success
    }

    // MARK: - Helpers

    func usageError(_ message: String, hint: String? = nil) -> ExitCode {
        report([Diagnostic(message: message, hint: hint)])
        return .usage
    }

    func buildOptions(_ args: Arguments) -> Result<BuildOptions, BuildFailure> {
        let format: OutputFormat
        if let f = args.value("format") {
            guard let parsed = OutputFormat(rawValue: f) else {
                return .failure(BuildFailure(.usage, "unknown format '\(f)'", hint: "use pdf, tex or json"))
            }
            format = parsed
        } else {
            format = .pdf
        }
        var timeout = 60.0
        if let t = args.value("tex-timeout") {
            guard let parsed = Double(t), parsed > 0, parsed.isFinite else {
                return .failure(BuildFailure(.usage, "--tex-timeout needs a positive number of seconds, not '\(t)'"))
            }
            timeout = parsed
        }
        var paper: PaperSize?
        if let p = args.value("paper") {
            guard let parsed = PaperSize(rawValue: p) else {
                return .failure(BuildFailure(.usage, "unknown paper size '\(p)'", hint: "use letter or a4"))
            }
            paper = parsed
        }
        let out = args.value("out") ?? "build"
        return .success(BuildOptions(outDir: URL(fileURLWithPath: out), format: format, texTimeout: timeout, paper: paper,
                                     sourceDateEpoch: environment["SOURCE_DATE_EPOCH"], searchPath: environment["PATH"]))
    }

    func profileSources(_ args: Arguments) -> Result<[ProfileSource], BuildFailure> {
        if !args.positionals.isEmpty { return .success(args.positionals.map(ProfileSource.file)) }
        if !builtInProfiles.isEmpty { return .success(builtInProfiles) }
        let dir = "Profiles"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        if names.isEmpty {
            return .failure(BuildFailure(.inputMissing, "no profiles found in \(dir)/",
                                         hint: "name a profile: cvbuild build PROFILE.json"))
        }
        return .success(names.map { ProfileSource.file("\(dir)/\($0)") })
    }

    /// Style folders: `--styles-dir` first, then `$CVBUILD_STYLES`, `./Styles`, and the packs shipped with cvbuild.
    func catalog(_ args: Arguments) -> StyleCatalog {
        var dirs = args.values("styles-dir").map { URL(fileURLWithPath: $0) }
        if let env = environment["CVBUILD_STYLES"] {
            dirs += env.split(separator: ":").map { URL(fileURLWithPath: String($0)) }
        }
        dirs.append(URL(fileURLWithPath: "Styles"))
        dirs += Self.builtInStyleDirectories()
        return StyleCatalog(searchPath: dirs)
    }

    /// Where the shipped packs live: beside an installed binary, or in the source tree it was built from.
    static func builtInStyleDirectories() -> [URL] {
        var dirs: [URL] = []
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        dirs.append(exe.deletingLastPathComponent().appendingPathComponent("../share/cvbuild/Styles").standardized)
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        dirs.append(sourceRoot.appendingPathComponent("Styles"))
        return dirs
    }

    func relative(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return url.path.hasPrefix(cwd) ? String(url.path.dropFirst(cwd.count)) : url.path
    }

    func report(_ diagnostics: [Diagnostic]) {
        for d in diagnostics {
            var text = d.description
            if color {
                let tint = d.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
                text = text.replacingOccurrences(of: "\(d.severity.rawValue):", with: "\(tint)\(d.severity.rawValue):\u{1B}[0m")
            }
            stderr("cvbuild: " + text)
        }
    }
}
