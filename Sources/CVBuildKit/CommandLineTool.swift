import CVModel
import CVRender
import Foundation

/// The `cvbuild` command line. The executable only calls `main`; a Swift CV calls it with its own profile.
public struct CommandLineTool: Sendable {
    public static let version = "0.1.0"

    public static let commands = ["build", "check", "watch", "styles", "schema", "init", "import", "doctor", "cache", "help"]
    public static let specs: [Arguments.Spec] = [
        .init("style", value: true, short: "s"), .init("out", value: true, short: "o"), .init("format", value: true),
        .init("tex-timeout", value: true), .init("paper", value: true), .init("styles-dir", value: true),
        .init("all-styles"), .init("name", value: true), .init("tag", value: true), .init("exclude-tag", value: true),
        .init("variant", value: true), .init("all-variants"), .init("since", value: true), .init("jobs", value: true, short: "j"),
        .init("force", short: "f"), .init("engine", value: true), .init("no-format-cache"), .init("inherit-tex-env"), .init("tex-output-limit", value: true), .init("quiet", short: "q"), .init("help", short: "h"), .init("version"),
    ]

    public static let usage = """
    cvbuild \(version) — a CV kept as code, typeset with TeX Live.

    Usage:
      cvbuild [build] [PROFILE.json ...] [options]   build PDFs (default: every Profiles/*.json)
      cvbuild check [PROFILE.json ...]               validate profiles only (fast: for pre-commit hooks)
      cvbuild watch [PROFILE.json ...] [options]     rebuild whenever a profile or style pack changes
      cvbuild styles                                 list the style packs
      cvbuild schema                                 print the profile format as a JSON Schema
      cvbuild init [--name "Full Name"] [FILE]       write a starter profile (default Profiles/<name>.json)
      cvbuild import jsonresume FILE [-o PROFILE.json]
      cvbuild import bibtex FILE.bib [--name "Owner Name"] [-o PROFILE.json]
                                                     write a profile from a JSON Resume or a BibTeX file
                                                     (to standard output without -o; --force overwrites)
      cvbuild doctor [--engine NAME ...]             check what this machine can typeset (exit 69 when
                                                     pdflatex, or an engine named, cannot) and how to install it
      cvbuild cache [clean]                          show (or empty) the cache of precompiled preambles and
                                                     TeX's font caches
      cvbuild --help | --version

    Build options:
      -s, --style NAME        style pack to use (default: full); may repeat
          --all-styles        build with every style pack
      -o, --out DIR           output folder (default: build); outputs are DIR/<profile>-<style>.pdf
          --format FORMAT     pdf (default); tex (the LaTeX source); json (the validated profile
                              as canonical JSON, DIR/<profile>.json); md (Markdown: the homepage
                              pack as an academicpages page, other packs as a plain CV);
                              jsonresume (DIR/<profile>.resume.json, lossy parts warned)
          --paper letter|a4   paper size (default: the profile's, else the pack's)
          --engine NAME       pdflatex, xelatex or lualatex (default: the profile's, else the pack's);
                              xelatex and lualatex set CJK and other scripts pdflatex cannot
          --tex-timeout S     stop the TeX engine after S seconds (default: 60)
          --tex-output-limit MIB
                              stop the TeX engine once it has written MIB MiB (default: 256; one
                              file may take half of it)
          --styles-dir DIR    also look for style packs in DIR, before the built-in ones
          --tag T             keep untagged items and items tagged T; may repeat
          --exclude-tag T     drop items tagged T; may repeat
          --since YEAR        drop entries that ended before YEAR
          --variant NAME      build the profile's variant NAME (DIR/<profile>-<variant>-<style>.pdf); may repeat
          --all-variants      build the profile itself (DIR/<profile>-<style>.pdf) and every
                              variant it defines
      -j, --jobs N            build N outputs at once (default: the number of cores)
      -f, --force             rebuild outputs that are up to date
          --no-format-cache   typeset each preamble instead of reusing a precompiled one
          --inherit-tex-env   pass TEXINPUTS, TEXMFHOME and the other TeX variables of the shell to
                              TeX (by default cvbuild sets TeX's whole environment itself)
      -q, --quiet             no progress lines

    Exit codes: 0 ok · 1 a TeX run failed · 64 usage error · 65 invalid profile or pack ·
    66 profile missing · 69 TeX engine not installed · 70 internal error · 73 output not writable
    """

    public var environment: [String: String]
    public var stdout: @Sendable (String) -> Void
    public var stderr: @Sendable (String) -> Void
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
        case "import": return importProfile(parsed)
        case "check": return check(parsed)
        case "doctor": return doctor(parsed)
        case "cache": return cache(parsed)
        case "watch": return watch(parsed)
        default: return build(parsed)
        }
    }

    /// Runs with the process arguments and exits with the code.
    public static func main(builtInProfiles: [ProfileSource] = []) -> Never {
        ChildProcesses.shared.installSignalHandlers()
        TemporaryDirectory.removeOrphans()
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

    func doctor(_ args: Arguments) -> ExitCode {
        var engines: [Engine] = []
        for e in args.values("engine") {
            guard let engine = Engine(rawValue: e) else { return usageError("unknown engine '\(e)'", hint: "use pdflatex, xelatex or lualatex") }
            engines.append(engine)
        }
        let doctor = Doctor(environment: environment, cache: CacheLocation.default(environment: environment),
                            styleFolders: catalog(args).searchPath)
        let (lines, ok) = doctor.run(engines: engines)
        lines.forEach(stdout)
        return ok ? .success : .engineMissing
    }

    func cache(_ args: Arguments) -> ExitCode {
        let location = CacheLocation.default(environment: environment)
        switch args.positionals.first {
        case nil:
            let formats = ((try? FileManager.default.contentsOfDirectory(atPath: location.formats.path)) ?? []).filter { $0.hasSuffix(".fmt") }
            stdout("\(location.root.path): \(formats.count) precompiled preamble\(formats.count == 1 ? "" : "s"), "
                   + "\(ChildProcess.size(ofFolder: location.root.path) >> 20) MiB (formats are pruned past \(FormatStore.defaultLimit >> 20) MiB)")
            return .success
        case "clean":
            var removed: UInt64 = 0
            for folder in [location.formats, location.texmfVar, location.fontconfig] {
                removed += FormatStore(folder: folder).clean()
            }
            stdout("removed \(removed >> 10) KiB from \(location.root.path)")
            return .success
        case let other?:
            return usageError("unknown cache action '\(other)'", hint: "use `cvbuild cache` or `cvbuild cache clean`")
        }
    }

    func check(_ args: Arguments) -> ExitCode {
        let sources: [ProfileSource]
        switch profileSources(args) {
        case .success(let s): sources = s
        case .failure(let f): report(f.diagnostics); return f.code
        }
        var worst = ExitCode.success
        let packNames = catalog(args).names()
        for source in sources {
            do {
                let decoded = try source.load(packNames: packNames)
                report(decoded.warnings)
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
        // Outputs are named after the profile's file name: two profiles of one name would overwrite each other.
        var byStem: [String: [String]] = [:]
        for source in sources { byStem[source.stem, default: []].append(source.displayPath) }
        let clashes = byStem.filter { $0.value.count > 1 }.sorted { $0.key < $1.key }
        if !clashes.isEmpty {
            report(clashes.map { stem, paths in
                Diagnostic(message: "\(paths.count) profiles are named \"\(stem)\" (\(paths.joined(separator: ", "))); their outputs would overwrite each other",
                           hint: "rename one, or build them in separate runs with different --out folders")
            })
            return .usage
        }
        var jobsWanted = ProcessInfo.processInfo.activeProcessorCount
        if let j = args.value("jobs") {
            guard let n = Int(j), n > 0 else { return usageError("--jobs needs a positive whole number, not '\(j)'") }
            jobsWanted = n
        }
        var since: Int?
        if let s = args.value("since") {
            guard let y = Int(s), (1000...9999).contains(y) else { return usageError("--since needs a year such as 2018, not '\(s)'") }
            since = y
        }
        let catalog = self.catalog(args)
        let builder = Builder(catalog: catalog, options: options, force: args.has("force"))
        let cliTailoring = Tailoring(tags: args.values("tag"), excludeTags: args.values("exclude-tag"), since: since)

        var worst = ExitCode.success
        var jobs: [BuildJob] = []
        var unplanned = 0  // profiles that failed before any output was attempted
        for source in sources {
            let decoded: DecodedProfile
            do { decoded = try source.load(packNames: catalog.names()) } catch {
                report(error.diagnostics)
                worst = max(worst, error.code)
                unplanned += 1
                continue
            }
            report(decoded.warnings)
            switch plan(args, source: source, decoded: decoded, tailoring: cliTailoring, catalog: catalog) {
            case .success(let planned): jobs += planned
            case .failure(let f): report(f.diagnostics); worst = max(worst, f.code); unplanned += 1
            }
        }
        let outcomes = run(jobs, builder: builder, workers: jobsWanted, quiet: args.has("quiet"))
        let failed = outcomes.filter { $0 != nil && $0 != .success }.count + unplanned
        worst = outcomes.compactMap { $0 }.reduce(worst, max)
        if jobs.count + unplanned > 1 && !args.has("quiet") {
            let built = outcomes.filter { $0 == .success }.count
            let upToDate = outcomes.filter { $0 == nil }.count
            stderr("\(built) built, \(upToDate) up to date, \(failed) failed")
        }
        return worst
    }

    /// The outputs one profile asks for: itself, the variants named, or itself and every variant
    /// (`--all-variants`) × the styles.
    func plan(_ args: Arguments, source: ProfileSource, decoded: DecodedProfile, tailoring: Tailoring,
              catalog: StyleCatalog) -> Result<[BuildJob], BuildFailure> {
        let profile = decoded.profile
        let tags = profile.allTags
        for tag in tailoring.tags + tailoring.excludeTags where !tags.contains(tag) {
            return .failure(BuildFailure(.usage, "no entry in the profile has the tag \"\(tag)\"", file: source.displayPath,
                hint: nearest(tag, in: tags).map { "did you mean \"\($0)\"?" } ?? (tags.isEmpty ? "this profile has no tags" : "tags in this profile: " + tags.joined(separator: ", "))))
        }
        var variants: [Variant?] = [nil]
        if args.has("all-variants") {
            // The untailored CV and every variant, so one command serves a folder of profiles.
            variants += profile.variants.map(Optional.some)
        } else if !args.values("variant").isEmpty {
            variants = []
            for name in args.values("variant") {
                guard let v = profile.variants.first(where: { $0.name == name }) else {
                    let names = profile.variants.map(\.name)
                    return .failure(BuildFailure(.usage, "unknown variant \"\(name)\"", file: source.displayPath,
                        hint: nearest(name, in: names).map { "did you mean \"\($0)\"?" } ?? (names.isEmpty ? "the profile defines no variants" : "variants: " + names.joined(separator: ", "))))
                }
                variants.append(v)
            }
        }
        let chosen = args.has("all-styles") ? catalog.names() : args.values("style")
        var jobs: [BuildJob] = []
        for variant in variants {
            for style in chosen.isEmpty ? [variant?.style ?? "full"] : chosen {
                let t = (variant?.tailoring ?? Tailoring()).merged(with: tailoring)
                jobs.append(BuildJob(source: source, decoded: decoded, variant: variant?.name, tailoring: t, style: style))
            }
        }
        return .success(jobs)
    }

    /// Runs jobs on `workers` threads; one line per output as it finishes. Returns, per job,
    /// nil when it was up to date, else its exit code.
    func run(_ jobs: [BuildJob], builder: Builder, workers: Int, quiet: Bool) -> [ExitCode?] {
        let results = Results(count: jobs.count)
        let group = DispatchGroup()
        let next = Results.Counter()
        for _ in 0..<min(workers, jobs.count) {
            group.enter()
            Thread.detachNewThread {
                while let i = next.take(below: jobs.count) {
                    let started = Date()
                    var lines: [String] = []
                    var outcome: ExitCode?
                    do {
                        let result = try builder.build(jobs[i])
                        outcome = result.upToDate ? nil : .success
                        if !quiet {
                            lines += format(result.warnings)
                            if result.upToDate {
                                lines.append("up to date \(relative(result.output))")
                            } else {
                                let pages = result.pages.map { ", \($0) page\($0 == 1 ? "" : "s")" } ?? ""
                                lines.append("built \(relative(result.output))\(pages) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
                                lines += result.notes.map { "  " + $0 }
                            }
                        }
                    } catch let failure as BuildFailure {
                        outcome = failure.code
                        lines = format(failure.diagnostics)
                    } catch {
                        outcome = .internalError
                        lines = format([Diagnostic(message: "internal error: \(error)")])
                    }
                    results.set(i, outcome) { for l in lines { stderr(l) } }
                }
                group.leave()
            }
        }
        group.wait()
        return results.values
    }

    func watch(_ args: Arguments) -> ExitCode {
        let interval = 0.5
        var last: [String: String] = [:]
        var cycles = 0
        while watchLimit.map({ cycles < $0 }) ?? true {
            let now = watchedFingerprints(args)
            if now != last {
                if !last.isEmpty && !args.has("quiet") { stderr("change detected; rebuilding") }
                last = now
                _ = build(args)
                cycles += 1
            }
            Thread.sleep(forTimeInterval: interval)
        }
        return .success
    }

    /// Size and modification time of every profile and every file of every pack in reach.
    func watchedFingerprints(_ args: Arguments) -> [String: String] {
        var files: [String] = []
        if case .success(let sources) = profileSources(args) {
            files += sources.compactMap { if case .file(let u) = $0.origin { u.path } else { nil } }
        }
        let catalog = self.catalog(args)
        for name in catalog.names() {
            if let dir = catalog.directory(of: name) {
                files += ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).map { dir.appendingPathComponent($0).path }
            }
        }
        var out: [String: String] = [:]
        for f in files {
            let a = try? FileManager.default.attributesOfItem(atPath: f)
            out[f] = "\(a?[.size] as? Int ?? -1) \((a?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        }
        return out
    }

    func importProfile(_ args: Arguments) -> ExitCode {
        guard args.positionals.count == 2, ["jsonresume", "bibtex"].contains(args.positionals[0]) else {
            return usageError("usage: cvbuild import jsonresume|bibtex FILE [-o PROFILE.json]",
                              hint: args.positionals.first.flatMap { nearest($0, in: ["jsonresume", "bibtex"]) }.map { "did you mean \"\($0)\"?" })
        }
        let (kind, path) = (args.positionals[0], args.positionals[1])
        guard let data = FileManager.default.contents(atPath: path) else {
            report([Diagnostic(file: path, message: "no such file")])
            return .inputMissing
        }
        let (profile, diagnostics) = kind == "jsonresume"
            ? JSONResume.importProfile(Array(data), file: path)
            : BibTeXImporter.profile(bibText: String(decoding: data, as: UTF8.self), file: path, ownerName: args.value("name"))
        report(diagnostics)
        guard let profile, !diagnostics.contains(where: { $0.severity == .error }) else { return .invalidInput }
        let json = ProfileEncoder.encode(profile)
        guard let out = args.value("out") else {
            stdout(json.trimmingCharacters(in: .newlines))
            return .success
        }
        if FileManager.default.fileExists(atPath: out) && !args.has("force") {
            report([Diagnostic(file: out, message: "already exists; not overwritten", hint: "add --force to replace it")])
            return .cannotWrite
        }
        do { try OutputWriter.write(Data(json.utf8), to: URL(fileURLWithPath: out)) } catch {
            report(error.diagnostics)
            return error.code
        }
        stderr("wrote \(out)")
        return .success
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
                return .failure(BuildFailure(.usage, "unknown format '\(f)'",
                    hint: "use " + OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")))
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
        var outputLimit = TeXEnvironment.defaultOutputLimit
        if let l = args.value("tex-output-limit") {
            guard let parsed = Double(l), parsed >= 1, parsed <= 1_048_576 else {
                return .failure(BuildFailure(.usage, "--tex-output-limit needs a number of MiB from 1 to 1048576, not '\(l)'"))
            }
            outputLimit = UInt64(parsed * 1_048_576)
        }
        var paper: PaperSize?
        if let p = args.value("paper") {
            guard let parsed = PaperSize(rawValue: p) else {
                return .failure(BuildFailure(.usage, "unknown paper size '\(p)'", hint: "use letter or a4"))
            }
            paper = parsed
        }
        var engine: Engine?
        if let e = args.value("engine") {
            guard let parsed = Engine(rawValue: e) else {
                let names = Engine.allCases.map(\.rawValue)
                return .failure(BuildFailure(.usage, "unknown engine '\(e)'",
                    hint: nearest(e, in: names).map { "did you mean '\($0)'?" } ?? "use " + names.joined(separator: ", ")))
            }
            engine = parsed
        }
        let out = args.value("out") ?? "build"
        var options = BuildOptions(outDir: URL(fileURLWithPath: out), format: format, texTimeout: timeout, paper: paper,
                                   sourceDateEpoch: environment["SOURCE_DATE_EPOCH"], searchPath: environment["PATH"])
        options.engine = engine
        options.cache = CacheLocation.default(environment: environment)
        options.texOutputLimit = outputLimit
        options.confinesFiles = environment["CVBUILD_NO_LANDLOCK"] == nil
        if args.has("inherit-tex-env") {
            options.inheritedTeXVariables = environment.filter { TeXEnvironment.userTeXVariables.contains($0.key) }
        }
        if !args.has("no-format-cache") { options.formatCache = options.cache.formats }
        return .success(options)
    }

    func profileSources(_ args: Arguments) -> Result<[ProfileSource], BuildFailure> {
        if !args.positionals.isEmpty { return .success(args.positionals.map(ProfileSource.file)) }
        if !builtInProfiles.isEmpty { return .success(builtInProfiles) }
        let dir = "Profiles"
        let folder = workingDirectory.appendingPathComponent(dir)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        if names.isEmpty {
            return .failure(BuildFailure(.inputMissing, "no profiles found in \(dir)/",
                                         hint: "name a profile: cvbuild build PROFILE.json"))
        }
        return .success(names.map { name in
            var source = ProfileSource.file(folder.appendingPathComponent(name).path)
            source.displayPath = "\(dir)/\(name)"
            return source
        })
    }

    /// Style folders: `--styles-dir` first, then `$CVBUILD_STYLES`, `./Styles`, and the packs shipped with cvbuild.
    func catalog(_ args: Arguments) -> StyleCatalog {
        var dirs = args.values("styles-dir").map { URL(fileURLWithPath: $0) }
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

    func relative(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return url.path.hasPrefix(cwd) ? String(url.path.dropFirst(cwd.count)) : url.path
    }

    func report(_ diagnostics: [Diagnostic]) {
        for line in format(diagnostics) { stderr(line) }
    }

    func format(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { d in
            var text = d.description
            if color {
                let tint = d.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
                text = text.replacingOccurrences(of: "\(d.severity.rawValue):", with: "\(tint)\(d.severity.rawValue):\u{1B}[0m")
            }
            return "cvbuild: " + text
        }
    }
}

/// Per-job outcomes filled in by worker threads; output lines are printed under the same lock.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [ExitCode?]

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: ExitCode?, print: () -> Void) {
        lock.withLock {
            storage[i] = value
            print()
        }
    }

    var values: [ExitCode?] { lock.withLock { storage } }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func take(below limit: Int) -> Int? {
            lock.withLock {
                guard value < limit else { return nil }
                defer { value += 1 }
                return value
            }
        }
    }
}
