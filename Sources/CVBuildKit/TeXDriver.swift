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
        let source = dir.appendingPathComponent("cv.tex")
        do { try Data(tex.utf8).write(to: source) } catch {
            throw BuildFailure(.cannotWrite, "cannot write \(source.path): \(error.localizedDescription)")
        }
        var passes = 0
        var log = ""
        while true {
            passes += 1
            let status = try run(exe, in: dir)
            log = (try? String(contentsOf: dir.appendingPathComponent("cv.log"), encoding: .isoLatin1)) ?? ""
            if status != 0 {
                throw BuildFailure(.texFailed, [TeXLog(log).diagnostic(tex: tex, pack: pack, profileFile: profileFile)])
            }
            if passes >= maxPasses || !TeXLog(log).needsRerun { break }
        }
        guard let pdf = FileManager.default.contents(atPath: dir.appendingPathComponent("cv.pdf").path) else {
            throw BuildFailure(.texFailed, "\(engine.rawValue) produced no PDF", hint: "the document may be empty")
        }
        return TeXOutput(pdf: pdf, pages: TeXLog(log).pages ?? 0, passes: passes)
    }

    private func run(_ exe: URL, in dir: URL) throws(BuildFailure) -> Int32 {
        let process = Process()
        process.executableURL = exe
        process.currentDirectoryURL = dir
        process.arguments = ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "-file-line-error",
                             "cv.tex"]
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = searchPath
        env["openin_any"] = "p"
        env["openout_any"] = "p"
        env["shell_escape"] = "f"
        env["max_print_line"] = "10000"
        env["SOURCE_DATE_EPOCH"] = sourceDateEpoch
        env["FORCE_SOURCE_DATE"] = "1"
        env["TEXMFOUTPUT"] = dir.path
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do { try process.run() } catch {
            throw BuildFailure(.engineMissing, "cannot start \(exe.path): \(error.localizedDescription)",
                               hint: "install TeX Live: \(Self.installCommand(for: engine))")
        }
        ChildProcesses.shared.add(process.processIdentifier)
        defer { ChildProcesses.shared.remove(process.processIdentifier) }
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if done.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                done.wait()
            }
            throw BuildFailure(.texFailed, "\(engine.rawValue) did not finish within the time limit of \(Self.format(timeout)) s and was stopped",
                               hint: "a style pack may loop; raise the limit with --tex-timeout SECONDS")
        }
        return process.terminationStatus
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
