import CVModel
import CVRender
import Foundation

/// `cvbuild doctor`: what this machine can typeset, and how to install what is missing.
public struct Doctor {
    public var environment: [String: String]
    public var cache: CacheLocation
    public var styleFolders: [URL]

    public init(environment: [String: String], cache: CacheLocation, styleFolders: [URL]) {
        self.environment = environment
        self.cache = cache
        self.styleFolders = styleFolders
    }

    struct EngineReport {
        var engine: TeXEngine
        var executable: URL?
        var version: String?
        var missing: [TeXRequirement]
        var typesets: Bool
        var problem: String?
        var works: Bool { executable != nil && missing.allSatisfy(\.optional) && typesets }
    }

    func check(_ engine: TeXEngine) -> EngineReport {
        let searchPath = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        var driver = TeXDriver(engine: engine, timeout: 120, sourceDateEpoch: "946684800", searchPath: searchPath)
        driver.cache = cache
        let exe = driver.executable()
        var report = EngineReport(engine: engine, executable: exe, version: nil, missing: [], typesets: false)
        guard let exe else { return report }
        report.version = Captured.run(exe.path, ["--version"], searchPath: searchPath)?
            .split(separator: "\n").first.map(String.init)
        TeXProbe.shared.reset()
        report.missing = TeXProbe.shared.missing(for: engine, searchPath: searchPath)
        guard report.missing.allSatisfy(\.optional) else { return report }
        // A one-line document through the real driver, sandbox and all.
        let tex = "\\documentclass{article}\n" + (engine == .pdflatex ? "\\usepackage[T1]{fontenc}\n\\usepackage{lmodern}\n" : "\\usepackage{fontspec}\n")
            + "\\begin{document}\ncvbuild doctor\n\\end{document}\n"
        guard let pack = try? StylePack.load(from: styleFolders.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("full").path) }?
            .appendingPathComponent("full") ?? URL(fileURLWithPath: "/nonexistent")).get() else {
            report.problem = "the built-in style packs were not found"
            return report
        }
        do {
            _ = try driver.compile(tex: tex, pack: pack, profileFile: nil)
            report.typesets = true
        } catch {
            report.problem = error.diagnostics.first?.message
        }
        return report
    }

    /// The report's lines and whether every engine asked for works (pdflatex when none is named).
    public func run(engines: [TeXEngine]) -> (lines: [String], ok: Bool) {
        var lines: [String] = []
        var ok = true
        let asked = engines.isEmpty ? TeXEngine.allCases : engines
        for engine in asked {
            let r = check(engine)
            let name = engine.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
            if r.works {
                lines.append("\(name) ok       \(r.executable!.path)  \(r.version ?? "")")
                lines.append("          a test document typesets")
            } else {
                lines.append("\(name) MISSING  " + (r.executable.map { "\($0.path)  \(r.version ?? "")" } ?? "not installed"))
                if let problem = r.problem { lines.append("          \(problem)") }
            }
            let optional = r.missing.filter(\.optional)
            let required = r.missing.filter { !$0.optional }
            for m in required { lines.append("          missing \(m.what)") }
            for m in optional { lines.append("          not found: \(m.what)") }
            if engine != .pdflatex, r.executable != nil, optional.isEmpty { lines.append("          fonts for CJK text: Noto Serif CJK SC") }
            if !r.works || !optional.isEmpty {
                lines += TeXRequirement.installCommands(engine: engine, missing: r.missing, engineMissing: r.executable == nil)
                    .map { "          " + $0 }
            }
            if !r.works, engines.isEmpty ? engine == .pdflatex : true { ok = false }
        }
        // Which locales hyphenate: those whose babel file and patterns pdflatex finds.
        let searchPath = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let missingFiles = Set(TeXProbe.shared.missing(for: .pdflatex, searchPath: searchPath).map(\.name))
        let hyphenated = TeXRequirement.languages.filter { !missingFiles.contains($0.ldf) && !missingFiles.contains($0.patterns) }.map(\.locale)
        let unhyphenated = TeXRequirement.languages.map(\.locale).filter { !hyphenated.contains($0) }
        lines.append("locales   en " + hyphenated.joined(separator: " ") + " hyphenate; zh ja with xelatex or lualatex"
                     + (unhyphenated.isEmpty ? "" : "; missing patterns for " + unhyphenated.joined(separator: " ")
                        + " (sudo apt-get install " + TeXRequirement.languages.filter { unhyphenated.contains($0.locale) }.map(\.debian).joined(separator: " ") + ")"))
        let abi = Sandbox.landlockABI
        lines.append("sandbox   " + (abi > 0 ? "Landlock ABI \(abi): TeX reads only TeX Live, fonts and its pack, and writes only its own folder"
                                              : "no Landlock in this kernel: TeX's own switches only (openin_any=p, openout_any=p, no shell escape)"))
        lines.append("limits    \(TeXEnvironment.defaultOutputLimit >> 21) MiB a file, \(TeXEnvironment.defaultOutputLimit >> 20) MiB a run"
                     + (Sandbox.tiesChildToParent ? "; TeX dies with cvbuild" : ""))
        let size = ChildProcess.size(ofFolder: cache.formats.path)
        let count = ((try? FileManager.default.contentsOfDirectory(atPath: cache.formats.path)) ?? []).filter { $0.hasSuffix(".fmt") }.count
        lines.append("cache     \(cache.root.path): \(count) precompiled preamble\(count == 1 ? "" : "s"), \(size >> 20) MiB")
        var folders: [String] = []
        for f in styleFolders.map({ $0.standardized.path }) where FileManager.default.fileExists(atPath: f) && !folders.contains(f) {
            folders.append(f)
        }
        lines.append("packs     " + folders.joined(separator: ", "))
        return (lines, ok)
    }
}
