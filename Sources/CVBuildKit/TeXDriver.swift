import CVModel
import CVRender
import Foundation

/// What one successful engine run produced.
public struct TeXOutput: Sendable {
    public var pdf: Data
    public var pages: Int
    public var passes: Int
    /// The engine's log of the last pass, for callers that read its warnings (overfull boxes,
    /// font substitutions); the build itself keeps logs only on failure.
    public var log: String = ""
    /// Passes typeset by engines started ahead of time (`cvbuild watch`); 0 on the normal path.
    public var warmPasses = 0
    /// What the last pass wrote to `cv.aux`, for the next build's waiting engine.
    var aux: Data?
}

/// Runs a TeX engine on a document in a private folder, safely and with a time limit.
public struct TeXDriver: Sendable {
    public var engine: TeXEngine
    public var timeout: Double
    /// Seconds since 1970 stamped into the PDF, for reproducible output.
    public var sourceDateEpoch: String
    public var maxPasses = 3
    /// Where to look for the engine (a PATH value).
    public var searchPath: String
    /// Where precompiled preambles (TeX formats) are kept; nil compiles the preamble every time.
    public var formatCache: URL?
    /// Where TeX's own caches live (luaotfload's font names, fontconfig's cache).
    public var cache: CacheLocation
    /// The user's TEXINPUTS, TEXMFHOME and friends to pass to TeX (empty: cvbuild sets TeX's whole environment).
    public var inheritedTeXVariables: [String: String] = [:]
    /// The most one TeX run may write, in bytes.
    public var outputLimit = TeXEnvironment.defaultOutputLimit
    /// Confine TeX's file access with Landlock where the kernel has it.
    public var confinesFiles = true
    /// Engines started ahead of time (`cvbuild watch`), used for documents with a precompiled
    /// preamble; `warmSlot` names the output they serve.
    public var warmEngines: WarmEngines?
    public var warmSlot = ""

    /// The arguments every engine run starts with.
    static let engineArguments = ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "-file-line-error"]

    public init(engine: TeXEngine, timeout: Double, sourceDateEpoch: String,
                searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin") {
        self.engine = engine
        self.timeout = timeout
        self.sourceDateEpoch = sourceDateEpoch
        self.searchPath = searchPath
        self.cache = CacheLocation.default(environment: ProcessInfo.processInfo.environment)
    }

    /// The TeX environment and sandbox for this driver.
    public var environment: TeXEnvironment {
        var env = TeXEnvironment(searchPath: searchPath, sourceDateEpoch: sourceDateEpoch, cache: cache)
        env.inherited = inheritedTeXVariables
        env.outputLimit = outputLimit
        return env
    }

    /// A program on `searchPath`.
    static func find(_ program: String, searchPath: String) -> String? {
        for dir in searchPath.split(separator: ":") {
            let candidate = "\(dir)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The engine's executable on PATH, if installed.
    public func executable() -> URL? {
        Self.find(engine.rawValue, searchPath: searchPath).map { URL(fileURLWithPath: $0) }
    }

    /// Identifies the installed engine (path, size, modification time), so outputs are
    /// rebuilt when TeX Live changes.
    public func identity() -> String? {
        guard let exe = executable()?.resolvingSymlinksInPath(),
              let attributes = try? FileManager.default.attributesOfItem(atPath: exe.path) else { return nil }
        let size = attributes[.size] as? Int ?? 0
        let date = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(exe.path) \(size) \(date)"
    }

    /// Compiles `tex`. On failure the error names the first TeX error, traced to the profile
    /// path (from the `%@` markers) or to the pack's style file.
    public func compile(tex: String, pack: StylePack, profileFile: String?) throws(BuildFailure) -> TeXOutput {
        guard let exe = executable() else {
            throw BuildFailure(.engineMissing, [Diagnostic(message: "\(engine.rawValue) is not installed",
                hint: "install it:\n" + TeXRequirement.installCommands(engine: engine, missing: [], engineMissing: true).joined(separator: "\n"))])
        }
        let missing = TeXProbe.shared.missing(for: engine, searchPath: searchPath).filter { !$0.optional }
        if !missing.isEmpty {
            throw BuildFailure(.engineMissing, [Diagnostic(
                message: "\(engine.rawValue) cannot typeset the packs: missing \(missing.map(\.what).joined(separator: ", "))",
                hint: "install them:\n" + TeXRequirement.installCommands(engine: engine, missing: missing, engineMissing: false).joined(separator: "\n")
                    + "\n`cvbuild doctor` checks every engine")])
        }

        let dir: URL
        do { dir = try TemporaryDirectory.make() } catch {
            throw BuildFailure(.cannotWrite, "cannot create a temporary folder: \(error.localizedDescription)")
        }
        defer { TemporaryDirectory.remove(dir) }
        // With a precompiled preamble, only the body is typeset. When that run reports a TeX
        // error, the whole document runs again so the error points into the full source;
        // a time-out or missing glyphs would only repeat, so they are reported at once.
        if let (format, body) = try preparedFormat(for: tex, exe: exe) {
            if let warm = warmEngines, let output = typesetWarm(body: body, exe: exe, format: format, pack: pack, warm: warm) {
                return output
            }
            do {
                let output = try run(source: body, in: dir, exe: exe, format: format, pack: pack, tex: tex, profileFile: profileFile)
                if let warm = warmEngines { warmUp(after: output, exe: exe, format: format, pack: pack, warm: warm) }
                return output
            } catch where error.timedOut || !error.missingCharacters.isEmpty {
                throw error
            } catch {}
        }
        return try run(source: tex, in: dir, exe: exe, format: nil, pack: pack, tex: tex, profileFile: profileFile)
    }

    private func run(source text: String, in dir: URL, exe: URL, format: URL?, pack: StylePack, tex: String,
                     profileFile: String?) throws(BuildFailure) -> TeXOutput {
        let source = dir.appendingPathComponent("cv.tex")
        do { try Data(text.utf8).write(to: source) } catch {
            throw BuildFailure(.cannotWrite, "cannot write \(source.path): \(error.localizedDescription)")
        }
        var passes = 0
        var log = ""
        while true {
            passes += 1
            let status = try run(exe, in: dir, arguments: format.map { ["-fmt=" + $0.deletingPathExtension().path] } ?? [], pack: pack)
            let data = FileManager.default.contents(atPath: dir.appendingPathComponent("cv.log").path) ?? Data()
            log = String(data: data, encoding: .utf8) ?? String(decoding: data, as: UTF8.self)
            if status != 0 {
                let terminal = FileManager.default.contents(atPath: dir.appendingPathComponent(Self.terminalFile).path)
                    .map { String(decoding: $0.prefix(1 << 20), as: UTF8.self) } ?? ""
                if TeXLog(log).firstFailure == nil {
                    if let line = TeXLog.fatalLine(inTerminal: terminal) { log += "\n" + line + "\n" }
                    log += "\n---- what \(engine.rawValue) printed last ----\n" + String(terminal.suffix(4000))
                }
                var diagnostic = TeXLog(log).diagnostic(tex: tex, pack: pack, profileFile: profileFile)
                if TeXLog(log).firstFailure == nil, let file = TeXLog.sandboxDenial(inTerminal: terminal) {
                    // Not the profile's fault: the pack (or a package it loads) reached outside what TeX may read or write.
                    // Without Landlock the refusal is the file's own permissions, not the sandbox's.
                    let denier = confinesFiles && Sandbox.landlockABI >= 1 ? "the sandbox" : "the file's permissions"
                    diagnostic = Diagnostic(file: pack.stylePath, message: "\(denier) denied \(engine.rawValue) access to \(file), so TeX stopped",
                                            hint: "style pack \"\(pack.name)\" (or a package it loads) reads or writes outside the folders TeX may use: "
                                                + "TeX Live, fonts, the pack's own folder and the caches; put the file in the pack's folder")
                }
                var failure = BuildFailure(.texFailed, [diagnostic])
                failure.log = log
                throw failure
            }
            if passes >= maxPasses || !TeXLog(log).needsRerun { break }
        }
        let missing = TeXLog(log).missingCharacters
        if !missing.isEmpty {
            let list = quoted(missing.compactMap(\.unicodeScalars.first))
            var failure = BuildFailure(.invalidInput, [Diagnostic(file: profileFile,
                message: "\(engine.rawValue) has no font with \(list); the PDF would show gaps",
                hint: "install a font that covers these characters (such as Debian's fonts-noto-core), or replace them")])
            failure.missingCharacters = missing
            throw failure
        }
        guard let pdf = FileManager.default.contents(atPath: dir.appendingPathComponent("cv.pdf").path) else {
            throw BuildFailure(.texFailed, "\(engine.rawValue) produced no PDF", hint: "the document may be empty")
        }
        var output = TeXOutput(pdf: pdf, pages: TeXLog(log).pages ?? 0, passes: passes, log: log)
        output.aux = FileManager.default.contents(atPath: dir.appendingPathComponent("cv.aux").path)
        return output
    }

    /// The cached format for the document's preamble (made on first use) and the body to typeset
    /// with it; nil when formats are off, the engine cannot use one, or making it failed.
    /// A format is named by the engine, its version and the preamble, and is valid while every
    /// file the preamble loaded (recorded with `-recorder`: path, size, modification time) is
    /// unchanged, so an updated TeX Live package rebuilds it. A `.failed` marker expires the same way.
    /// A preamble that runs past the time limit is reported, not retried.
    func preparedFormat(for tex: String, exe: URL) throws(BuildFailure) -> (URL, String)? {
        guard engine == .pdflatex, let cache = formatCache,
              let split = tex.range(of: "\n\\begin{document}\n") else { return nil }
        let preamble = String(tex[..<split.lowerBound]) + "\n"
        // pdfTeX does not dump its colour stacks: the colour that color.sty/xcolor push while
        // loading is pushed again, so the PDF is byte-identical to one typeset without the format.
        let body = "\\makeatletter\\ifdefined\\set@color\\set@color\\fi\\makeatother\n" + String(tex[tex.index(after: split.lowerBound)...])
        var key = ContentHash()
        key.add(BuildInfo.version)
        key.add(identity() ?? "")
        key.add(preamble)
        key.add(inheritedTeXVariables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n"))
        let store = FormatStore(folder: cache)
        let format = store.format(key.hex)
        let failed = store.failed(key.hex)
        if FileManager.default.fileExists(atPath: format.path) {
            if store.isCurrent(key.hex, marker: format) {
                store.touch(format)
                return (format, body)
            }
            store.remove(key.hex)
        }
        if FileManager.default.fileExists(atPath: failed.path) {
            if store.isCurrent(key.hex, marker: failed) { return nil }
            store.remove(key.hex)
        }
        guard (try? FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)) != nil,
              let dir = try? TemporaryDirectory.make() else { return nil }
        defer { TemporaryDirectory.remove(dir) }
        var status: Int32 = -1
        if (try? Data((preamble + "\\dump\n").utf8).write(to: dir.appendingPathComponent("pre.tex"))) != nil {
            do {
                status = try run(exe, in: dir, arguments: ["-ini", "-recorder", "-jobname=cvfmt", "&pdflatex"], file: "pre.tex")
            } catch where error.timedOut {
                throw error  // the preamble itself runs away
            } catch {
                status = -1
            }
        }
        let inputs = FormatStore.inputs(recordedIn: dir.appendingPathComponent("cvfmt.fls"))
        guard status == 0 else {
            store.record(key.hex, inputs: inputs, failed: true)
            return nil
        }
        // Another build may be making the same format: rename is atomic, so either copy wins.
        let partial = cache.appendingPathComponent("\(key.hex).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).partial")
        guard (try? FileManager.default.moveItem(at: dir.appendingPathComponent("cvfmt.fmt"), to: partial)) != nil else {
            try? FileManager.default.removeItem(at: partial)
            return FileManager.default.fileExists(atPath: format.path) ? (format, body) : nil
        }
        store.record(key.hex, inputs: inputs, failed: false)
        guard rename(partial.path, format.path) == 0 else {
            try? FileManager.default.removeItem(at: partial)
            return FileManager.default.fileExists(atPath: format.path) ? (format, body) : nil
        }
        store.prune(keeping: key.hex)
        return (format, body)
    }

    private func run(_ exe: URL, in dir: URL, arguments: [String] = [], file: String = "cv.tex",
                     pack: StylePack? = nil) throws(BuildFailure) -> Int32 {
        let environment = self.environment
        let sandbox = environment.sandbox(runIn: dir, engine: exe, packFolder: pack?.directory, confinesFiles: confinesFiles)
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run(exe.path, Self.engineArguments
                                           + arguments + [file], in: dir.path,
                                           environment: environment.variables(runIn: dir).merging(environment.luaVariables(for: sandbox)) { $1 },
                                           timeout: timeout, sandbox: sandbox,
                                           output: dir.appendingPathComponent(Self.terminalFile).path)
        } catch {
            throw BuildFailure(.engineMissing, "cannot start \(exe.path): \(error)",
                               hint: "`cvbuild doctor` checks the TeX installation")
        }
        switch outcome {
        case .exited(let status): return status
        case .signalled(let signal):
            var failure = BuildFailure(.texFailed, "\(engine.rawValue) was stopped by signal \(signal)")
            failure.log = Self.log(in: dir, file: file)
            throw failure
        case .outputLimitExceeded:
            var failure = BuildFailure(.texFailed,
                "\(engine.rawValue) wrote more than cvbuild allows (\(Self.mib(environment.maxFileSize)) MiB in one file, \(Self.mib(environment.outputLimit)) MiB in all) and was stopped",
                hint: "a style pack may write in a loop (\\write, \\openout); raise the limit with --tex-output-limit MIB")
            failure.timedOut = true
            failure.log = Self.log(in: dir, file: file)
            throw failure
        case .timedOut:
            var failure = BuildFailure(.texFailed, "\(engine.rawValue) did not finish within the time limit of \(Self.format(timeout)) s and was stopped",
                                       hint: "a style pack may loop; raise the limit with --tex-timeout SECONDS")
            failure.timedOut = true
            failure.log = Self.log(in: dir, file: file)
            throw failure
        }
    }

    /// What the engine printed on its terminal, kept beside its log: fatal errors (a file it
    /// may not open) reach only the terminal.
    static let terminalFile = "cvbuild-terminal.txt"

    /// The log TeX wrote for `file` in `dir` (possibly cut off), for keeping after a failure.
    static func log(in dir: URL, file: String) -> String? {
        let name = (file as NSString).deletingPathExtension + ".log"
        let candidates = [name, "cvfmt.log"].map { dir.appendingPathComponent($0).path }
        for path in candidates {
            if let data = FileManager.default.contents(atPath: path) { return String(decoding: data.prefix(4 << 20), as: UTF8.self) }
        }
        return nil
    }

    static func mib(_ bytes: UInt64) -> String { format(Double(bytes) / 1_048_576) }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
