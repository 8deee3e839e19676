import CVModel
import CVRender
import Foundation

/// What one successful engine run produced.
public struct TeXOutput: Sendable {
    public var pdf: Data
    public var pages: Int
    public var passes: Int
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

    public init(engine: TeXEngine, timeout: Double, sourceDateEpoch: String,
                searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin") {
        self.engine = engine
        self.timeout = timeout
        self.sourceDateEpoch = sourceDateEpoch
        self.searchPath = searchPath
    }

    /// The Debian packages that provide each engine, for install hints.
    public static func installCommand(for engine: TeXEngine) -> String {
        let base = "apt-get install texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended lmodern"
        switch engine {
        case .pdflatex: return base
        case .xelatex: return base + " texlive-xetex"
        case .lualatex: return base + " texlive-luatex"
        }
    }

    /// The engine's executable on PATH, if installed.
    public func executable() -> URL? {
        for dir in searchPath.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent(engine.rawValue)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
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
            throw BuildFailure(.engineMissing, "\(engine.rawValue) is not installed",
                               hint: "install TeX Live: \(Self.installCommand(for: engine))")
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
            do {
                return try run(source: body, in: dir, exe: exe, format: format, pack: pack, tex: tex, profileFile: profileFile)
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
            let status = try run(exe, in: dir, arguments: format.map { ["-fmt=" + $0.deletingPathExtension().path] } ?? [])
            let data = FileManager.default.contents(atPath: dir.appendingPathComponent("cv.log").path) ?? Data()
            log = String(data: data, encoding: .utf8) ?? String(decoding: data, as: UTF8.self)
            if status != 0 {
                throw BuildFailure(.texFailed, [TeXLog(log).diagnostic(tex: tex, pack: pack, profileFile: profileFile)])
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
        return TeXOutput(pdf: pdf, pages: TeXLog(log).pages ?? 0, passes: passes)
    }

    /// The cached format for the document's preamble (made on first use) and the body to typeset
    /// with it; nil when formats are off, the engine cannot use one, or making it failed.
    /// A preamble that runs past the time limit is reported, not retried.
    func preparedFormat(for tex: String, exe: URL) throws(BuildFailure) -> (URL, String)? {
        guard engine == .pdflatex, let cache = formatCache,
              let split = tex.range(of: "\n\\begin{document}\n") else { return nil }
        let preamble = String(tex[..<split.lowerBound]) + "\n"
        let body = String(tex[tex.index(after: split.lowerBound)...])
        var key = ContentHash()
        key.add(CommandLineTool.version)
        key.add(identity() ?? "")
        key.add(preamble)
        let format = cache.appendingPathComponent("\(key.hex).fmt")
        let failed = cache.appendingPathComponent("\(key.hex).failed")
        if FileManager.default.fileExists(atPath: format.path) { return (format, body) }
        if FileManager.default.fileExists(atPath: failed.path) { return nil }
        guard (try? FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)) != nil,
              let dir = try? TemporaryDirectory.make() else { return nil }
        defer { TemporaryDirectory.remove(dir) }
        var status: Int32 = -1
        if (try? Data((preamble + "\\dump\n").utf8).write(to: dir.appendingPathComponent("pre.tex"))) != nil {
            do {
                status = try run(exe, in: dir, arguments: ["-ini", "-jobname=cvfmt", "&pdflatex"], file: "pre.tex")
            } catch where error.timedOut {
                throw error  // the preamble itself runs away
            } catch {
                status = -1
            }
        }
        guard status == 0 else {
            _ = FileManager.default.createFile(atPath: failed.path, contents: Data())
            return nil
        }
        // Another build may be making the same format: rename is atomic, so either copy wins.
        let partial = cache.appendingPathComponent("\(key.hex).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).partial")
        guard (try? FileManager.default.moveItem(at: dir.appendingPathComponent("cvfmt.fmt"), to: partial)) != nil,
              rename(partial.path, format.path) == 0 else {
            try? FileManager.default.removeItem(at: partial)
            return FileManager.default.fileExists(atPath: format.path) ? (format, body) : nil
        }
        return (format, body)
    }

    /// The default format cache: `$CVBUILD_CACHE`, else `$XDG_CACHE_HOME/cvbuild`, else `~/.cache/cvbuild`.
    public static func defaultFormatCache(environment: [String: String]) -> URL {
        if let dir = environment["CVBUILD_CACHE"], !dir.isEmpty { return URL(fileURLWithPath: dir).appendingPathComponent("formats") }
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        return base.appendingPathComponent("cvbuild/formats")
    }

    private func run(_ exe: URL, in dir: URL, arguments: [String] = [], file: String = "cv.tex") throws(BuildFailure) -> Int32 {
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = searchPath
        env["openin_any"] = "p"
        env["openout_any"] = "p"
        env["shell_escape"] = "f"
        env["max_print_line"] = "10000"
        env["SOURCE_DATE_EPOCH"] = sourceDateEpoch
        env["FORCE_SOURCE_DATE"] = "1"
        env["TEXMFOUTPUT"] = dir.path
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run(exe.path, ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "-file-line-error"]
                                           + arguments + [file], in: dir.path, environment: env, timeout: timeout)
        } catch {
            throw BuildFailure(.engineMissing, "cannot start \(exe.path): \(error)",
                               hint: "install TeX Live: \(Self.installCommand(for: engine))")
        }
        switch outcome {
        case .exited(let status): return status
        case .signalled(let signal): throw BuildFailure(.texFailed, "\(engine.rawValue) was stopped by signal \(signal)")
        case .timedOut:
            var failure = BuildFailure(.texFailed, "\(engine.rawValue) did not finish within the time limit of \(Self.format(timeout)) s and was stopped",
                                       hint: "a style pack may loop; raise the limit with --tex-timeout SECONDS")
            failure.timedOut = true
            throw failure
        }
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
