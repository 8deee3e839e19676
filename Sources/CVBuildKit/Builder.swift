import CVModel
import CVRender
import Foundation

public enum OutputFormat: String, CaseIterable, Sendable {
    case pdf, tex, json
}

/// What a build needs besides the profile and the style.
public struct BuildOptions: Sendable {
    public var outDir: URL
    public var format: OutputFormat
    public var texTimeout: Double
    public var paper: PaperSize?
    public var sourceDateEpoch: String
    /// Where to look for the TeX engine (a PATH value).
    public var searchPath: String

    public init(outDir: URL, format: OutputFormat = .pdf, texTimeout: Double = 60, paper: PaperSize? = nil,
                sourceDateEpoch: String? = nil, searchPath: String? = nil) {
        self.outDir = outDir
        self.format = format
        self.texTimeout = texTimeout
        self.paper = paper
        self.sourceDateEpoch = sourceDateEpoch ?? ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] ?? "946684800"
        self.searchPath = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    }
}

/// One output written.
public struct BuildResult: Sendable {
    public var output: URL
    public var pages: Int?
    /// What fitting a page limit did (tightening, dropped content), for the user.
    public var notes: [String] = []
}

/// The pipeline: load → render → TeX → write, for one profile in one style.
public struct Builder: Sendable {
    public var catalog: StyleCatalog
    public var options: BuildOptions

    public init(catalog: StyleCatalog, options: BuildOptions) {
        self.catalog = catalog
        self.options = options
    }

    public func loadPack(_ style: String) throws(BuildFailure) -> StylePack {
        switch catalog.load(style) {
        case .success(let pack): return pack
        case .failure(let e):
            let unknown = catalog.directory(of: style) == nil
            throw BuildFailure(unknown ? .usage : .invalidInput, e.diagnostics)
        }
    }

    /// Renders the `.tex`; text the engine cannot set is an invalid profile (exit 65).
    public func render(_ decoded: DecodedProfile, pack: StylePack, file: String?, tightness: Int = 0) throws(BuildFailure) -> String {
        let document = LaTeXRenderer(pack: pack, paper: options.paper, tightness: tightness).render(decoded.profile)
        if !document.diagnostics.isEmpty {
            throw BuildFailure(.invalidInput, document.diagnostics.map { d in
                var d = d
                d.file = file
                d.position = decoded.position(of: d.path)
                return d
            })
        }
        return document.tex
    }

    public func outputURL(stem: String, style: String) -> URL {
        if options.format == .json { return options.outDir.appendingPathComponent("\(stem).json") }
        return options.outDir.appendingPathComponent("\(stem)-\(style).\(options.format.rawValue)")
    }

    public func build(_ source: ProfileSource, style: String) throws(BuildFailure) -> BuildResult {
        let decoded = try source.load()
        if options.format == .json {
            let target = outputURL(stem: source.stem, style: style)
            try OutputWriter.write(Data(ProfileEncoder.encode(decoded.profile).utf8), to: target)
            return BuildResult(output: target, pages: nil)
        }
        let pack = try loadPack(style)
        let file: String? = if case .file = source.origin { source.displayPath } else { nil }
        let tex = try render(decoded, pack: pack, file: file)
        let target = outputURL(stem: source.stem, style: pack.name)
        switch options.format {
        case .json, .tex:
            try OutputWriter.write(Data(tex.utf8), to: target)
            return BuildResult(output: target, pages: nil)
        case .pdf:
            try OutputWriter.prepare(options.outDir)
            let driver = TeXDriver(engine: pack.engine, timeout: options.texTimeout, sourceDateEpoch: options.sourceDateEpoch,
                                   searchPath: options.searchPath)
            let compile = { (tex: String) throws(BuildFailure) -> TeXOutput in
                try driver.compile(tex: tex, pack: pack, profileFile: file)
            }
            if let limit = pack.pageLimit {
                let fitted = try PageFitter(builder: self, pack: pack, limit: limit, compile: compile).fit(decoded, file: file)
                try OutputWriter.write(fitted.output.pdf, to: target)
                return BuildResult(output: target, pages: fitted.output.pages, notes: fitted.report)
            }
            let output = try compile(tex)
            try OutputWriter.write(output.pdf, to: target)
            return BuildResult(output: target, pages: output.pages)
        }
    }
}

/// Writes outputs atomically: a file is replaced only by a complete new one.
enum OutputWriter {
    static func prepare(_ dir: URL) throws(BuildFailure) {
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw BuildFailure(.cannotWrite, "cannot create the output folder", file: dir.path,
                               hint: "choose another folder with --out DIR")
        }
        guard FileManager.default.isWritableFile(atPath: dir.path) else {
            throw BuildFailure(.cannotWrite, "the output folder is not writable", file: dir.path,
                               hint: "choose another folder with --out DIR")
        }
    }

    static func write(_ data: Data, to target: URL) throws(BuildFailure) {
        let dir = target.deletingLastPathComponent()
        try prepare(dir)
        let temp = dir.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).partial")
        do {
            try data.write(to: temp)
            guard rename(temp.path, target.path) == 0 else {
                throw NSError(domain: NSPOSIXErrorDomain, code: Int(errno))
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw BuildFailure(.cannotWrite, "cannot write the output: \(error.localizedDescription)", file: target.path)
        }
    }
}
