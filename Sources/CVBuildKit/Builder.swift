import CVDocument
import CVModel
import CVRender
import Foundation

public enum OutputFormat: String, CaseIterable, Sendable {
    case pdf, png, tex, json, md, html, jsonresume
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
    /// The engine from the command line, over the profile's and the pack's.
    public var engine: Engine?
    /// Where precompiled preambles are cached; nil typesets the preamble every time.
    public var formatCache: URL?
    /// Where TeX's own caches live (fonts); see `CacheLocation`.
    public var cache: CacheLocation = .default(environment: ProcessInfo.processInfo.environment)
    /// The user's TEXINPUTS, TEXMFHOME and friends, passed to TeX (`--inherit-tex-env`); empty by default.
    public var inheritedTeXVariables: [String: String] = [:]
    /// Confine TeX with Landlock where the kernel has it (`CVBUILD_NO_LANDLOCK=1` turns it off, to
    /// check the second line of defence).
    public var confinesFiles = true
    /// The most one TeX run may write (`--tex-output-limit`).
    public var texOutputLimit = TeXEnvironment.defaultOutputLimit
    /// Keep the TeX log of successful builds too, at `Builder.logURL(for:)` (a failed build's log is always kept).
    /// For checks that read a good build's warnings: overfull boxes, font substitutions.
    public var keepsLogs = false
    /// The resolution of page images (`--format png`), in dots per inch.
    public var dpi = 150
    /// TeX engines started ahead of time (`cvbuild watch`); nil starts each run afresh.
    public var warmEngines: WarmEngines?
    /// Style pack option values from the command line (`--set KEY=VALUE`), in order; they beat the profile's.
    public var design: [(key: String, value: String)] = []
    /// The locale from the command line (`--locale`), over the profile's and a variant's.
    public var locale: Language?

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

/// One output written, or found up to date.
public struct BuildResult: Sendable {
    public var output: URL
    public var pages: Int?
    /// What fitting a page limit did (tightening, dropped content), for the user.
    public var notes: [String] = []
    /// The output already matched its inputs; nothing was written.
    public var upToDate = false
    /// What was lost or doubtful (a lossy export), for the user.
    public var warnings: [Diagnostic] = []
    /// Passes typeset by engines started ahead of time (`cvbuild watch`); 0 on the normal path.
    public var warmPasses = 0
}

/// One output to make: a profile, optionally a variant, in a style.
public struct BuildJob: Sendable {
    public var source: ProfileSource
    public var decoded: DecodedProfile
    public var variant: String?
    /// Everything cut from the profile: the variant's tailoring with the request's on top.
    public var tailoring: Tailoring
    /// The tailoring the request added (`--tag`, `--exclude-tag`, `--since`); part of the output's name.
    public var requestTailoring = Tailoring()
    public var style: String

    public init(source: ProfileSource, decoded: DecodedProfile, variant: String? = nil, tailoring: Tailoring = Tailoring(), style: String) {
        self.source = source
        self.decoded = decoded
        self.variant = variant
        self.tailoring = tailoring
        self.style = style
    }

    /// `ada`, or `ada-industry` for a variant.
    public var stem: String { variant.map { "\(source.stem)-\($0)" } ?? source.stem }
}

/// The pipeline: load → tailor → render → TeX → write, for one profile in one style.
public struct Builder: Sendable {
    public var catalog: StyleCatalog
    public var options: BuildOptions
    /// Rebuild even when the output is up to date.
    public var force = false
    /// The cache folders already warned about in this run.
    let warnedFolders = OnceSet()

    public init(catalog: StyleCatalog, options: BuildOptions, force: Bool = false) {
        self.catalog = catalog
        self.options = options
        self.force = force
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
        try renderDocument(decoded, pack: pack, file: file, tightness: tightness).tex
    }

    func renderDocument(_ decoded: DecodedProfile, pack: StylePack, file: String?, tightness: Int = 0,
                        measureLevels: [Int] = []) throws(BuildFailure) -> RenderedDocument {
        var profile = decoded.profile
        if let locale = options.locale { profile.locale = locale }
        let design = try resolveDesign([DesignLayer(profile.design, origin: .profile(path: "design"))], pack: pack, decoded: decoded, file: file)
        // A citation order chosen as an option beats the profile's older top-level `citationOrder`.
        if design.chosen.contains("citationOrder") { profile.citationOrder = nil }
        var renderer = LaTeXRenderer(pack: pack, paper: options.paper, tightness: tightness, engine: options.engine, design: design)
        renderer.measureLevels = measureLevels
        if let language = profile.locale, language.needsUnicodeEngine, (options.engine ?? profile.engine) == .pdflatex {
            // Chinese and Japanese need a Unicode engine; said of the option that asked for pdflatex or the locale.
            let message = "the locale \"\(language.rawValue)\" needs xelatex or lualatex; pdflatex cannot set its script"
            if options.engine != nil || options.locale != nil {
                throw BuildFailure(.usage, [Diagnostic(message: message, hint: "use --engine xelatex, or leave --engine out: cvbuild then picks xelatex for this locale")])
            }
            throw BuildFailure(.invalidInput, [Diagnostic(file: file, position: decoded.position(of: "engine"), path: "engine", message: message,
                                                          hint: "set \"engine\": \"xelatex\", or leave engine out: cvbuild then picks xelatex for this locale")])
        }
        var document = renderer.render(renderer.document(profile))
        document.diagnostics = document.diagnostics.map { d in
            var d = d
            d.file = file
            d.position = decoded.position(of: d.path)
            return d
        }
        let errors = document.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw BuildFailure(.invalidInput, errors) }
        return document
    }

    /// The pack's options under `layers` and then the command line's `--set`; an unknown option or a bad value
    /// is an invalid profile (exit 65) at the key or value in the file, or a usage error (exit 64) for `--set`.
    func resolveDesign(_ layers: [DesignLayer], pack: StylePack, decoded: DecodedProfile, file: String?) throws(BuildFailure) -> ResolvedDesign {
        let (design, problems) = pack.resolve(layers + [DesignLayer(options.design, origin: .commandLine)])
        guard !problems.isEmpty else { return design }
        var usage = false
        let diagnostics = problems.map { problem, origin -> Diagnostic in
            switch origin {
            case .commandLine:
                usage = true
                let value = options.design.last { $0.key == problem.option }?.value ?? ""
                return Diagnostic(message: "--set \(problem.option)=\(value): \(problem.message)", hint: problem.hint)
            case .profile(let base):
                let path = "\(base).\(problem.option)"
                var position = decoded.position(of: path)
                if problem.unknownKey, case .object(let members)? = decoded.root?.node(at: base).value,
                   let member = members.first(where: { $0.key == problem.option }) {
                    position = member.keyPosition
                }
                return Diagnostic(file: file, position: position, path: path, message: problem.message, hint: problem.hint)
            }
        }
        throw BuildFailure(usage ? .usage : .invalidInput, diagnostics)
    }

    /// The option values `job` sets: the profile's `design`, then its variant's (each checked where it was written).
    func designLayers(_ job: BuildJob) -> [DesignLayer] {
        var layers = [DesignLayer(job.decoded.profile.design, origin: .profile(path: "design"))]
        if let name = job.variant, let variant = job.decoded.profile.variants.first(where: { $0.name == name }) {
            layers.append(DesignLayer(variant.tailoring.design, origin: .profile(path: "variants.\(name).design")))
        }
        return layers
    }

        /// Where `job`'s output goes: `DIR/` and `BuildJob.outputName`.
    public func outputURL(_ job: BuildJob) -> URL {
        options.outDir.appendingPathComponent(job.outputName(format: options.format))
    }

    /// Builds one profile file in one style (no variant, no tailoring).
    public func build(_ source: ProfileSource, style: String) throws(BuildFailure) -> BuildResult {
        try build(BuildJob(source: source, decoded: try source.load(packNames: catalog.names()), style: style))
    }

    public func build(_ job: BuildJob) throws(BuildFailure) -> BuildResult {
        var decoded = job.decoded
        decoded.profile = decoded.profile.tailored(job.tailoring)
        let file: String? = if case .file = job.source.origin { job.source.displayPath } else { nil }
        switch options.format {
        case .json:
            return try writeIfChanged(Data(ProfileEncoder.encode(decoded.profile).utf8), to: outputURL(job))
        case .jsonresume:
            let target = outputURL(job)
            let (value, warnings) = JSONResume.export(decoded.profile)
            var result = try writeIfChanged(Data(JSONWriter.write(value).utf8), to: target)
            result.warnings = warnings.map { $0.with(file: file ?? job.source.displayPath) }
            return result
        case .md, .html:
            let pack = try loadPack(job.style)
            let rules = pack.documentRules(try resolveDesign(designLayers(job), pack: pack, decoded: job.decoded, file: file))
            var profile = decoded.profile
            if let locale = options.locale { profile.locale = locale }
            let text: String
            if options.format == .md {
                let renderer = MarkdownRenderer(flavor: pack.markdown, dateStyle: pack.dateStyle)
                var markdownRules = renderer.documentRules
                markdownRules.quotes = rules.quotes
                text = renderer.render(DocumentBuilder(rules: markdownRules, labels: .of(profile)).build(profile))
            } else {
                let renderer = HTMLRenderer(flavor: pack.htmlFlavor)
                text = renderer.render(DocumentBuilder(rules: renderer.documentRules(rules), labels: .of(profile)).build(profile))
            }
            return try writeIfChanged(Data(text.utf8), to: outputURL(job))
        case .png:
            return try buildPageImages(job)
        case .pdf, .tex:
            break
        }
        let pack = try loadPack(job.style)
        // The profile's and the variant's option values are checked where they were written, before the variant's
        // are merged over the profile's.
        _ = try resolveDesign(designLayers(job), pack: pack, decoded: job.decoded, file: file)
        let document = try renderDocument(decoded, pack: pack, file: file)
        let tex = document.tex
        let target = outputURL(job)
        let warnings = document.diagnostics.filter { $0.severity != .error }
        // A pack with a page limit writes the fitted document, which takes TeX to find.
        if options.format == .tex && pack.pageLimit == nil {
            var result = try writeIfChanged(Data(tex.utf8), to: target)
            result.warnings += warnings
            return result
        }

        var driver = TeXDriver(engine: document.engine, timeout: options.texTimeout, sourceDateEpoch: options.sourceDateEpoch,
                               searchPath: options.searchPath)
        driver.formatCache = options.formatCache
        driver.cache = options.cache
        driver.inheritedTeXVariables = options.inheritedTeXVariables
        driver.outputLimit = options.texOutputLimit
        driver.confinesFiles = options.confinesFiles
        driver.warmEngines = options.warmEngines
        driver.warmSlot = target.path
        let stamp = Stamp(output: target)
        var key = ContentHash()
        key.add(BuildInfo.version)
        key.add(tex)
        key.add(pack.manifestData)
        key.add(document.engine.rawValue)
        key.add(driver.identity() ?? "no engine")
        key.add(options.sourceDateEpoch)
        if options.format == .pdf, !force, stamp.matches(key.hex) {
            var result = BuildResult(output: target, upToDate: true)
            result.warnings = warnings
            return result
        }

        try OutputWriter.prepare(options.outDir)
        let compile = { (tex: String, passes: Int) throws(BuildFailure) -> TeXOutput in
            do {
                var driver = driver
                driver.maxPasses = min(passes, driver.maxPasses)
                return try driver.compile(tex: tex, pack: pack, profileFile: file)
            } catch let failure as BuildFailure {
                let kept = Self.keepLog(of: failure, for: target)
                throw kept.missingCharacters.isEmpty ? kept : Self.traced(kept, to: document, decoded, file: file)
            } catch {
                throw BuildFailure(.internalError, "internal error: \(error)")
            }
        }
        var result: BuildResult
        if let limit = pack.pageLimit {
            let fitted = try PageFitter(builder: self, pack: pack, limit: limit, compile: compile).fit(decoded, file: file)
            let notes = fitted.report + ["fitted in \(fitted.passes) TeX pass\(fitted.passes == 1 ? "" : "es")"]
            if options.format == .tex {
                var result = try writeIfChanged(Data(fitted.tex.utf8), to: target)
                result.notes = notes
                result.warnings += warnings
                return result
            }
            try OutputWriter.write(fitted.output.pdf, to: target)
            if options.keepsLogs { try OutputWriter.write(Data(fitted.output.log.utf8), to: Self.logURL(for: target)) }
            result = BuildResult(output: target, pages: fitted.output.pages, notes: notes)
            result.warmPasses = fitted.output.warmPasses
        } else {
            let output = try compile(tex, driver.maxPasses)
            try OutputWriter.write(output.pdf, to: target)
            if options.keepsLogs { try OutputWriter.write(Data(output.log.utf8), to: Self.logURL(for: target)) }
            result = BuildResult(output: target, pages: output.pages)
            result.warmPasses = output.warmPasses
        }
        if let reason = stamp.record(key.hex, pages: result.pages), warnedFolders.isFirst(stamp.url.deletingLastPathComponent().path) {
            result.warnings.append(stamp.warning(reason))
        }
        result.warnings += warnings
        return result
    }

    /// Builds the PDF into `DIR/.cvbuild/pdf/` (where it is reused while up to date) and draws its
    /// pages as `DIR/<output>-<n>.png`. The images are up to date when the PDF is and a stamp
    /// records their resolution and count.
    private func buildPageImages(_ job: BuildJob) throws(BuildFailure) -> BuildResult {
        var pdfOptions = options
        pdfOptions.format = .pdf
        pdfOptions.outDir = options.outDir.appendingPathComponent(".cvbuild/pdf")
        let pdf = try Builder(catalog: catalog, options: pdfOptions, force: force).build(job)
        let base = job.outputName(format: .pdf).dropLast(4).description
        let pages = pdf.pages ?? Self.pageCount(ofStamp: pdf.output)
        let stamp = options.outDir.appendingPathComponent(".cvbuild/\(base).png.stamp")
        let record = "\(options.dpi) \(pages ?? 0)\n"
        if pdf.upToDate, !force, let pages, FileManager.default.contents(atPath: stamp.path) == Data(record.utf8),
           (1...max(1, pages)).allSatisfy({ FileManager.default.fileExists(atPath: PageImages.url(options.outDir, base: base, page: $0).path) }) {
            var result = BuildResult(output: PageImages.url(options.outDir, base: base, page: 1), pages: pages, upToDate: true)
            result.warnings = pdf.warnings
            return result
        }
        guard let pages else { throw BuildFailure(.internalError, "the page count of \(pdf.output.path) is unknown") }
        let images = try PageImages(searchPath: options.searchPath, dpi: options.dpi, timeout: options.texTimeout)
            .write(pdf: pdf.output, pages: pages, to: options.outDir, base: base)
        try? FileManager.default.createDirectory(at: stamp.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(record.utf8).write(to: stamp, options: .atomic)
        var result = BuildResult(output: images.first ?? PageImages.url(options.outDir, base: base, page: 1), pages: pages, notes: pdf.notes)
        result.warnings = pdf.warnings
        return result
    }

    /// The page count a PDF's stamp recorded, for a PDF found up to date.
    static func pageCount(ofStamp pdf: URL) -> Int? {
        let url = Stamp(output: pdf).url
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        let fields = text.split(whereSeparator: \.isWhitespace)
        return fields.count >= 3 ? Int(fields[2]) : nil
    }

    /// Text outputs are their own stamp: identical bytes mean up to date.
    private func writeIfChanged(_ data: Data, to target: URL) throws(BuildFailure) -> BuildResult {
        if !force, FileManager.default.contents(atPath: target.path) == data {
            return BuildResult(output: target, upToDate: true)
        }
        try OutputWriter.write(data, to: target)
        return BuildResult(output: target)
    }
}

extension Builder {
    /// Where the log of a failed TeX run for `output` is kept.
    public static func logURL(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".cvbuild/logs")
            .appendingPathComponent((output.lastPathComponent as NSString).deletingPathExtension + ".log")
    }

    /// Writes the failed run's log beside the outputs and names it in the first diagnostic.
    static func keepLog(of failure: BuildFailure, for output: URL) -> BuildFailure {
        guard let log = failure.log, !failure.diagnostics.isEmpty else { return failure }
        let url = logURL(for: output)
        let note: String
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(log.utf8).write(to: url, options: .atomic)
            note = "the TeX log is kept at \(url.path)"
        } catch {
            note = "the TeX log could not be kept at \(url.path) (\(FileErrorReason.of(error)))"
        }
        var kept = failure
        kept.diagnostics[0].hint = kept.diagnostics[0].hint.map { "\($0); \(note)" } ?? note
        return kept
    }

    /// Points "no font has X" at the profile fields that hold X.
    static func traced(_ failure: BuildFailure, to document: RenderedDocument, _ decoded: DecodedProfile, file: String?) -> BuildFailure {
        var diagnostics: [Diagnostic] = []
        for (path, text) in document.texts {
            let missing = failure.missingCharacters.filter { text.contains($0) }
            guard !missing.isEmpty else { continue }
            let list = quoted(missing.compactMap(\.unicodeScalars.first))
            diagnostics.append(Diagnostic(file: file, position: decoded.position(of: path), path: path,
                message: "no installed font has \(list)",
                hint: "install a font that covers these characters (such as Debian's fonts-noto-core or fonts-noto-color-emoji), or replace them"))
        }
        var traced = failure
        if !diagnostics.isEmpty { traced.diagnostics = diagnostics }
        return traced
    }
}

/// What an output was built from: `DIR/.cvbuild/<output>.stamp` holds the inputs' hash, the
/// output's size (and a PDF's page count), so an unchanged build is skipped and a replaced or deleted output is rebuilt.
struct Stamp {
    var output: URL

    var url: URL {
        output.deletingLastPathComponent().appendingPathComponent(".cvbuild").appendingPathComponent(output.lastPathComponent + ".stamp")
    }

    func matches(_ key: String) -> Bool {
        guard let text = try? String(contentsOf: url, encoding: .utf8),
              let size = (try? FileManager.default.attributesOfItem(atPath: output.path))?[.size] as? Int else { return false }
        let fields = text.split(whereSeparator: \.isWhitespace)
        return fields.count >= 2 && fields[0] == key && Int(fields[1]) == size
    }

    /// Records the key, the output's size and (for a PDF) its page count; returns why it could not be recorded, if it could not.
    func record(_ key: String, pages: Int? = nil) -> String? {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: output.path))?[.size] as? Int else { return nil }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("\(key) \(size)\(pages.map { " \($0)" } ?? "")\n".utf8).write(to: url, options: .atomic)
            return nil
        } catch {
            return OutputWriter.fileInPlaceOfFolder(url.deletingLastPathComponent()).map { "\($0) is a file, not a folder" }
                ?? FileErrorReason.of(error)
        }
    }

    /// What the user is told, once a run for each folder, when stamps cannot be written there:
    /// the build goes on without them, and every run rebuilds its outputs.
    func warning(_ reason: String) -> Diagnostic {
        let folder = url.deletingLastPathComponent()
        return Diagnostic(.warning, file: folder.path, message: "cannot write the build cache (\(reason)), so outputs in \(folder.deletingLastPathComponent().path) are built without it and rebuilt on every run",
                          hint: "make \(folder.path) a writable folder, or remove it")
    }
}

/// Writes outputs atomically: a file is replaced only by a complete new one.
public enum OutputWriter {
    static func prepare(_ dir: URL) throws(BuildFailure) {
        if let file = fileInPlaceOfFolder(dir) {
            throw BuildFailure(.cannotWrite, file == dir.path ? "is a file, not a folder: outputs go into a folder"
                                                              : "is a file, not a folder, so the output folder \(dir.path) cannot be made in it",
                               file: file, hint: "choose a folder with --out DIR")
        }
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw BuildFailure(.cannotWrite, "cannot create the output folder: \(FileErrorReason.of(error))", file: dir.path,
                               hint: "choose another folder with --out DIR")
        }
        guard FileManager.default.isWritableFile(atPath: dir.path) else {
            throw BuildFailure(.cannotWrite, "the output folder is not writable", file: dir.path,
                               hint: "choose another folder with --out DIR")
        }
        removeOrphanedPartials(in: dir)
    }

    /// The path of `dir`, or of the nearest folder above it, that exists as something other than
    /// a folder (a regular file, say), so that no folder can be made there.
    static func fileInPlaceOfFolder(_ dir: URL) -> String? {
        var url = dir.standardizedFileURL
        while true {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
                return isFolder.boolValue ? nil : url.path
            }
            let parent = url.deletingLastPathComponent()
            guard parent.path != url.path else { return nil }
            url = parent
        }
    }

    /// `.<output>.<n>.<pid>.partial` files whose writer is gone (killed mid-write).
    static func removeOrphanedPartials(in dir: URL) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        where name.hasPrefix(".") && name.hasSuffix(".partial") {
            let parts = name.dropLast(".partial".count).split(separator: ".")
            guard let pid = parts.last.flatMap({ Int32($0) }), pid != getpid(), !TemporaryDirectory.isAlive(pid) else { continue }
            try? FileManager.default.removeItem(at: dir.appendingPathComponent(name))
        }
    }

    /// Numbers the partial files of this process, so two writes never share one.
    private static let serial = Serial()

    /// A partial file of its own for one write of `target`: `.<output>.<n>.<pid>.partial`.
    static func partialURL(for target: URL) -> URL {
        target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(serial.next()).\(getpid()).partial")
    }

    /// Writes `data` to a partial file of its own, then renames it over `target`. A failure names
    /// the step that failed (creating, writing or renaming) and its path.
    public static func write(_ data: Data, to target: URL) throws(BuildFailure) {
        let dir = target.deletingLastPathComponent()
        try prepare(dir)
        let temp = partialURL(for: target)
        // An interrupt removes it with the temporary folders.
        ChildProcesses.shared.addTemporary(temp.path)
        defer { ChildProcesses.shared.removeTemporary(temp.path) }
        func fail(_ operation: String) -> BuildFailure {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temp)
            return BuildFailure(.cannotWrite, "\(operation): \(reason)", file: target.path)
        }
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fail("cannot create the temporary file \(temp.path)") }
        var written = 0
        let complete = data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Bool in
            while written < bytes.count {
                let n = Foundation.write(fd, bytes.baseAddress! + written, bytes.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return true
        }
        guard complete else { let failure = fail("cannot write the temporary file \(temp.path)"); close(fd); throw failure }
        guard close(fd) == 0 else { throw fail("cannot write the temporary file \(temp.path)") }
        guard rename(temp.path, target.path) == 0 else { throw fail("cannot rename \(temp.path) to \(target.path)") }
    }
}

/// The system's reason for a failed file operation ("Permission denied"), from Foundation's error.
enum FileErrorReason {
    static func of(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }
}

/// Keys seen before in this run, so that a warning about one folder is given once.
final class OnceSet: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<String> = []
    func isFirst(_ key: String) -> Bool { lock.withLock { seen.insert(key).inserted } }
}

final class Serial: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { value += 1; return value } }
}
