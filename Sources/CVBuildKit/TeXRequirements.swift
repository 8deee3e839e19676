import CVRender
import Foundation

/// One thing an engine needs to typeset the built-in packs, how to find it, and who provides it.
/// `scripts/install-deps` checks the same list (a test keeps the two in step).
public struct TeXRequirement: Sendable, Equatable {
    public enum Probe: Sendable, Equatable {
        /// A file TeX loads, found with `kpsewhich`.
        case texFile(String)
        /// The engine's format, found with `kpsewhich -engine=E`.
        case format(engine: String, file: String)
        /// A font family, found with `fc-list`.
        case font(String)
    }

    public var probe: Probe
    /// What a user reads: "enumitem.sty", "the Noto Serif CJK SC font".
    public var what: String
    public var debian: String
    public var tlmgr: String?
    public var homebrew: String?
    /// Needed only for some text (CJK); its absence is reported but does not fail the engine.
    public var optional = false

    public var name: String {
        switch probe {
        case .texFile(let f), .format(_, let f), .font(let f): f
        }
    }

    static func file(_ name: String, _ debian: String, tlmgr: String) -> TeXRequirement {
        TeXRequirement(probe: .texFile(name), what: name, debian: debian, tlmgr: tlmgr)
    }

    /// What `engine` needs for the built-in packs, in the order a user should read it.
    public static func needed(by engine: TeXEngine) -> [TeXRequirement] {
        var list: [TeXRequirement] = []
        switch engine {
        case .pdflatex:
            list.append(TeXRequirement(probe: .format(engine: "pdftex", file: "pdflatex.fmt"), what: "the pdflatex format",
                                       debian: "texlive-latex-base", tlmgr: "latex-bin"))
        case .xelatex:
            list.append(TeXRequirement(probe: .format(engine: "xetex", file: "xelatex.fmt"), what: "the xelatex format",
                                       debian: "texlive-xetex", tlmgr: "xetex"))
        case .lualatex:
            list.append(TeXRequirement(probe: .format(engine: "luahbtex", file: "lualatex.fmt"), what: "the lualatex format",
                                       debian: "texlive-luatex", tlmgr: "luatex"))
        }
        list += [
            file("geometry.sty", "texlive-latex-base", tlmgr: "geometry"),
            file("hyperref.sty", "texlive-latex-base", tlmgr: "hyperref"),
            file("pifont.sty", "texlive-latex-base", tlmgr: "psnfss"),
            file("amssymb.sty", "texlive-base", tlmgr: "amsfonts"),
            file("microtype.sty", "texlive-latex-recommended", tlmgr: "microtype"),
            file("xcolor.sty", "texlive-latex-recommended", tlmgr: "xcolor"),
            file("enumitem.sty", "texlive-latex-extra", tlmgr: "enumitem"),
            file("needspace.sty", "texlive-latex-extra", tlmgr: "needspace"),
            // accsupp gives the contact icons of the classic and modern packs an empty /ActualText.
            file("accsupp.sty", "texlive-latex-extra", tlmgr: "accsupp"),
            // marvosym's font, for the contact icons of the classic and modern packs.
            file("umvs.fd", "texlive-fonts-recommended", tlmgr: "marvosym"),
            file("umvs.tfm", "texlive-fonts-recommended", tlmgr: "marvosym"),
        ]
        switch engine {
        case .pdflatex:
            list += [
                file("lmodern.sty", "lmodern", tlmgr: "lm"), file("t1lmr.fd", "lmodern", tlmgr: "lm"),
                file("glyphtounicode.tex", "texlive-base", tlmgr: "pdftex"),
                // Greek in LGR: the encoding, textalpha, and the CB fonts that match Latin Modern.
                file("textalpha.sty", "texlive-lang-greek", tlmgr: "greek-fontenc"),
                file("lgrlmr.fd", "texlive-lang-greek", tlmgr: "cbfonts-fd"),
                file("grmn1000.tfm", "texlive-lang-greek", tlmgr: "cbfonts"),
            ]
        case .xelatex, .lualatex:
            list += [
                file("pzdr.tfm", "texlive-fonts-recommended", tlmgr: "zapfding"),
                file("fontspec.sty", "texlive-latex-recommended", tlmgr: "fontspec"),
                file("lmroman10-regular.otf", "fonts-lmodern", tlmgr: "lm"),
                file("latinmodern-math.otf", "fonts-lmodern", tlmgr: "lm-math"),
                TeXRequirement(probe: .font("CMU Serif"), what: "the CMU Serif font (for Greek)",
                               debian: "fonts-cmu", tlmgr: "cm-unicode", homebrew: "font-computer-modern"),
            ]
            if engine == .lualatex { list.append(file("luaotfload.sty", "texlive-luatex", tlmgr: "luaotfload")) }
            list.append(TeXRequirement(probe: .font("Noto Serif CJK SC"), what: "the Noto Serif CJK SC font (for CJK text)",
                                       debian: "fonts-noto-cjk", tlmgr: nil, homebrew: "font-noto-serif-cjk-sc", optional: true))
        }
        return list + optionalForLocalesAndFonts(engine)
    }

    /// The languages with hyphenation patterns: their babel file, pattern file, Debian and TeX Live packages.
    static let languages: [(locale: String, ldf: String, patterns: String, debian: String, tlmgr: String)] = [
        ("de", "ngerman.ldf", "hyph-de-1996.tex", "texlive-lang-german", "collection-langgerman"),
        ("fr", "french.ldf", "hyph-fr.tex", "texlive-lang-french", "collection-langfrench"),
        ("es", "spanish.ldf", "hyph-es.tex", "texlive-lang-spanish", "collection-langspanish"),
        ("it", "italian.ldf", "hyph-it.tex", "texlive-lang-italian", "collection-langitalian"),
        ("pt", "portuguese.ldf", "hyph-pt.tex", "texlive-lang-portuguese", "collection-langportuguese"),
    ]

    /// What a locale other than English (its babel or polyglossia files and patterns) and the fontFamily
    /// option's fonts need: reported by `doctor` when missing, but only the builds that use them fail.
    static func optionalForLocalesAndFonts(_ engine: TeXEngine) -> [TeXRequirement] {
        var list: [TeXRequirement] = []
        func optional(_ name: String, _ what: String, _ debian: String, _ tlmgr: String) {
            list.append(TeXRequirement(probe: .texFile(name), what: what, debian: debian, tlmgr: tlmgr, optional: true))
        }
        if engine != .pdflatex { optional("polyglossia.sty", "polyglossia.sty (locales)", "texlive-latex-extra", "polyglossia") }
        for l in languages {
            if engine == .pdflatex { optional(l.ldf, "\(l.ldf) (locale \(l.locale))", l.debian, l.tlmgr) }
            optional(l.patterns, "\(l.patterns) (hyphenation for locale \(l.locale))", l.debian, l.tlmgr)
        }
        for font in FontFamily.all where font.package != nil {
            if engine == .pdflatex {
                optional(font.file, "\(font.file) (fontFamily \(font.name))", font.debianPackage, "tex-gyre")
            } else if let otf = font.openTypeFile {
                optional(otf, "\(otf) (fontFamily \(font.name))", "fonts-texgyre", "tex-gyre")
            }
        }
        return list
    }

    /// The commands that install `missing` (with the engine itself when it is absent) on Debian
    /// or Ubuntu, with TeX Live's own manager, and on macOS.
    public static func installCommands(engine: TeXEngine, missing: [TeXRequirement], engineMissing: Bool) -> [String] {
        var debian = missing.map(\.debian)
        var tlmgr = missing.compactMap(\.tlmgr)
        if engineMissing {
            debian.insert(needed(by: engine)[0].debian, at: 0)
            tlmgr.insert(needed(by: engine)[0].tlmgr ?? "", at: 0)
        }
        debian = unique(debian)
        tlmgr = unique(tlmgr.filter { !$0.isEmpty })
        var lines = ["Debian/Ubuntu: sudo apt-get install --no-install-recommends \(debian.joined(separator: " "))"]
        if !tlmgr.isEmpty { lines.append("TeX Live:      tlmgr install \(tlmgr.joined(separator: " "))") }
        let casks = unique(missing.compactMap(\.homebrew))
        lines.append("macOS:         brew install --cask mactex-no-gui" + (casks.isEmpty ? "" : " \(casks.joined(separator: " "))")
                     + " (MacTeX)")
        return lines
    }

    private static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}

/// Checks requirements on this machine with `kpsewhich` and `fc-list`, once per process and engine.
public final class TeXProbe: @unchecked Sendable {
    public static let shared = TeXProbe()
    private let lock = NSLock()
    private var cache: [String: [TeXRequirement]] = [:]

    /// The requirements of `engine` not met on this machine (optional ones included).
    public func missing(for engine: TeXEngine, searchPath: String) -> [TeXRequirement] {
        let key = "\(engine.rawValue)\u{0}\(searchPath)"
        if let known = lock.withLock({ cache[key] }) { return known }
        let needed = TeXRequirement.needed(by: engine)
        var missing: [TeXRequirement] = []
        let files = needed.compactMap { if case .texFile(let f) = $0.probe { f } else { nil } }
        let found = Set(Self.lines(of: "kpsewhich", files, searchPath: searchPath).map { ($0 as NSString).lastPathComponent })
        for r in needed {
            switch r.probe {
            case .texFile(let f):
                if !found.contains(f) { missing.append(r) }
            case .format(let e, let f):
                if Self.lines(of: "kpsewhich", ["-engine=\(e)", f], searchPath: searchPath).isEmpty { missing.append(r) }
            case .font(let family):
                if Self.lines(of: "fc-list", [family, "family"], searchPath: searchPath).isEmpty { missing.append(r) }
            }
        }
        lock.withLock { cache[key] = missing }
        return missing
    }

    /// Forgets what was found (after an install, or in tests).
    public func reset() { lock.withLock { cache = [:] } }

    /// The non-empty lines a helper program prints, or none when it is not installed.
    static func lines(of program: String, _ arguments: [String], searchPath: String) -> [String] {
        guard let exe = TeXDriver.find(program, searchPath: searchPath) else { return [] }
        return (Captured.run(exe, arguments, searchPath: searchPath) ?? "")
            .split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }
}

/// Runs a small helper program and captures its standard output (kpsewhich, fc-list, --version).
enum Captured {
    static func run(_ executable: String, _ arguments: [String], searchPath: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = searchPath
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
