import CVBuildKit
import CVModel
import CVRender
import Foundation

/// The `cvbuild` command line: finds the command, parses its typed arguments, runs it, prints,
/// and returns the exit code. The executable only calls `main`; a Swift CV calls it with its own profile.
public struct CommandLineTool: Sendable {
    public static let version = BuildInfo.version

    /// Every subcommand, in the order help lists them.
    public static let commands: [any ParsableCommand.Type] = [
        BuildCommand.self, CheckCommand.self, WatchCommand.self, StylesCommand.self, SchemaCommand.self,
        InitCommand.self, ImportCommand.self, DoctorCommand.self, CacheCommand.self, CompletionsCommand.self, HelpCommand.self,
    ]

    public static var commandNames: [String] { commands.map { $0.configuration.name } }

    /// `cvbuild --help`.
    public static var usage: String { Help.overview(commands) }

    /// The help of one command (`cvbuild build --help`), nil for an unknown name.
    public static func help(for name: String) -> String? { command(named: name).map(Help.command) }

    static func command(named name: String) -> (any ParsableCommand.Type)? {
        commands.first { $0.configuration.name == name }
    }

    public var environment: [String: String]
    public var stdout: @Sendable (String) -> Void
    public var stderr: @Sendable (String) -> Void
    /// Colour diagnostics (by default: standard error is a terminal and `NO_COLOR` is not set).
    public var color: Bool
    /// Profiles given in code (a Swift CV); used when no profile path is named.
    public var builtInProfiles: [ProfileSource]
    /// The folder `Profiles/` and `Styles/` are looked up in (the process's working folder).
    public var workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    /// Stops `watch` after this many builds (for tests); nil watches until interrupted.
    public var watchLimit: Int?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                stdout: @escaping @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) },
                stderr: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) },
                color: Bool? = nil, builtInProfiles: [ProfileSource] = []) {
        self.environment = environment
        self.stdout = stdout
        self.stderr = stderr
        self.color = color ?? Self.wantsColor(environment: environment, isTerminal: isatty(2) != 0)
        self.builtInProfiles = builtInProfiles
    }

    /// Colour only on a terminal, never when `NO_COLOR` is set (to anything) or `TERM` is `dumb`.
    public static func wantsColor(environment: [String: String], isTerminal: Bool) -> Bool {
        Console.wantsColor(environment: environment, isTerminal: isTerminal)
    }

    /// What a command line asks for.
    public enum Invocation: Sendable {
        case overview
        case help(any ParsableCommand.Type)
        case version
        case run(any ParsableCommand)
    }

    /// Finds the command and parses its arguments. The first word names the command; without
    /// one the command is `build`, so `cvbuild`, `cvbuild -s cv` and `cvbuild Profiles/ada.json`
    /// build. A first word that is neither a command nor a profile's path is a usage error.
    public static func parse(_ args: [String], workingDirectory: URL? = nil) throws(UsageError) -> Invocation {
        guard let first = args.first else { return .run(try BuildCommand(parsing: ParsedArguments(command: "build"))) }
        if first == "--help" || first == "-h" { return .overview }
        if first == "--version" { return .version }
        let type: any ParsableCommand.Type
        var rest = args[...]
        if let named = command(named: first) {
            type = named
            rest = rest.dropFirst()
        } else if first.hasPrefix("-") || looksLikeProfile(first) {
            type = BuildCommand.self
        } else {
            throw UsageError("unknown command '\(first)'", hint: nearest(first, in: commandNames).map { "did you mean '\($0)'?" }
                             ?? "commands: " + commandNames.joined(separator: ", ") + "; to build a profile, name its file")
        }
        let config = type.configuration
        let elsewhere = commands.flatMap { $0.configuration.options }
        let parsed = try ParsedArguments.parse(Array(rest), command: config.name, specs: config.allOptions, elsewhere: elsewhere)
        if parsed.has(CommonFlags.help) { return .help(type) }
        if parsed.has(CommonFlags.version) { return .version }
        return .run(try type.init(parsing: parsed))
    }

    /// A bare first word is a profile to build when it is a file, a path, or a `.json` or `.swift` name.
    static func looksLikeProfile(_ word: String) -> Bool {
        word.hasSuffix(".json") || word.hasSuffix(".swift") || word.contains("/") || FileManager.default.fileExists(atPath: word)
    }

    /// Runs the command and returns its exit code. Never calls `exit`.
    public func run(_ args: [String]) -> ExitCode {
        let invocation: Invocation
        do {
            invocation = try Self.parse(args)
        } catch {
            return usageError(error)
        }
        switch invocation {
        case .overview: stdout(Self.usage); return .success
        case .help(let type): stdout(Help.command(type)); return .success
        case .version: stdout("cvbuild \(Self.version)"); return .success
        case .run(let command): return command.run(self)
        }
    }

    /// Runs with the process arguments and exits with the code: the only place cvbuild exits.
    public static func main(builtInProfiles: [ProfileSource] = []) -> Never {
        Signals.exitCleanlyOnInterrupt()
        BuildCleanup.removeOrphanedTemporaries()
        let tool = CommandLineTool(builtInProfiles: builtInProfiles)
        exit(tool.run(Array(CommandLine.arguments.dropFirst())).rawValue)
    }

    // MARK: - Printing

    var console: Console { Console(color: color) }

    func report(_ diagnostics: [Diagnostic]) {
        for line in console.format(diagnostics) { stderr(line) }
    }

    func usageError(_ error: UsageError) -> ExitCode {
        report([Diagnostic(message: error.message, hint: error.hint)])
        return .usage
    }

    func usageError(_ message: String, hint: String? = nil) -> ExitCode {
        usageError(UsageError(message, hint: hint))
    }

    /// Prints a failure's diagnostics and returns its exit code.
    func fail(_ failure: BuildFailure) -> ExitCode {
        report(failure.diagnostics)
        return ExitCode(failure.kind)
    }

    func relative(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return url.path.hasPrefix(cwd) ? String(url.path.dropFirst(cwd.count)) : url.path
    }

    // MARK: - Shared lookups

    func profileSources(_ paths: [String]) -> Result<[ProfileSource], BuildFailure> {
        if !paths.isEmpty { return .success(paths.map(ProfileSource.file)) }
        if !builtInProfiles.isEmpty { return .success(builtInProfiles) }
        let dir = "Profiles"
        let folder = workingDirectory.appendingPathComponent(dir)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        if names.isEmpty {
            return .failure(BuildFailure(.inputMissing, "no profiles found in \(dir)/", hint: "name a profile: cvbuild build PROFILE.json"))
        }
        return .success(names.map { name in
            var source = ProfileSource.file(folder.appendingPathComponent(name).path)
            source.displayPath = "\(dir)/\(name)"
            return source
        })
    }

    /// Style folders: `--styles-dir` first, then `$CVBUILD_STYLES`, `./Styles`, and the packs shipped with cvbuild.
    func catalog(stylesDirs: [String]) -> StyleCatalog {
        var dirs = stylesDirs.map { URL(fileURLWithPath: $0) }
        if let env = environment["CVBUILD_STYLES"] {
            dirs += env.split(separator: ":").map { URL(fileURLWithPath: String($0)) }
        }
        dirs.append(workingDirectory.appendingPathComponent("Styles"))
        dirs += Self.builtInStyleDirectories()
        return StyleCatalog(searchPath: dirs)
    }

    /// Where the shipped packs live: `../share/cvbuild/Styles` from the installed binary, or the
    /// source tree it was built from.
    static func builtInStyleDirectories() -> [URL] {
        var dirs: [URL] = []
        dirs.append(executableFile().deletingLastPathComponent().appendingPathComponent("../share/cvbuild/Styles").standardized)
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        dirs.append(sourceRoot.appendingPathComponent("Styles"))
        return dirs
    }

    /// The running executable, symbolic links resolved. Not `argv[0]`: run from `PATH` that is a
    /// bare name, which would resolve against the working folder.
    static func executableFile() -> URL {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        #endif
        if let url = Bundle.main.executableURL { return url.resolvingSymlinksInPath() }
        return URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    }
}
