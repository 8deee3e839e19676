import Foundation

/// Where cvbuild keeps what outlives one build: precompiled preambles (`formats/`) and the
/// caches TeX itself writes (`texmf-var/` for luaotfload's font names, `fontconfig/`).
/// `$CVBUILD_CACHE`, else `$XDG_CACHE_HOME/cvbuild`, else `~/.cache/cvbuild`.
public struct CacheLocation: Sendable, Equatable {
    public var root: URL

    public init(root: URL) { self.root = root }

    public static func `default`(environment: [String: String]) -> CacheLocation {
        if let dir = environment["CVBUILD_CACHE"], !dir.isEmpty { return CacheLocation(root: URL(fileURLWithPath: dir)) }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return CacheLocation(root: URL(fileURLWithPath: xdg).appendingPathComponent("cvbuild"))
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return CacheLocation(root: home.appendingPathComponent(".cache/cvbuild"))
    }

    public var formats: URL { root.appendingPathComponent("formats") }
    public var texmfVar: URL { root.appendingPathComponent("texmf-var") }
    public var fontconfig: URL { root.appendingPathComponent("fontconfig") }
}

/// The environment and sandbox a TeX run gets. cvbuild sets every variable itself, so the
/// same inputs give the same PDF on any machine: `TEXINPUTS`, `TEXMFHOME` and the rest of the
/// user's TeX settings do not leak in unless `--inherit-tex-env` passes them on purpose.
public struct TeXEnvironment: Sendable {
    /// The user's variables that `--inherit-tex-env` passes to TeX (and whose folders it may read).
    public static let userTeXVariables = ["TEXINPUTS", "TEXMFHOME", "TEXMFLOCAL", "TEXFONTS", "TFMFONTS", "T1FONTS",
                                          "ENCFONTS", "TEXFORMATS", "BIBINPUTS", "BSTINPUTS", "OSFONTDIR", "TEXMFCNF"]
    /// The most a TeX run may write in all (`--tex-output-limit`), and in one file (half of it).
    public static let defaultOutputLimit: UInt64 = 256 << 20
    public var outputLimit: UInt64 = TeXEnvironment.defaultOutputLimit
    public var maxFileSize: UInt64 { outputLimit / 2 }

    public var searchPath: String
    public var sourceDateEpoch: String
    public var cache: CacheLocation
    /// The user's TeX variables to pass on (`--inherit-tex-env`); TeX may also read their folders.
    public var inherited: [String: String] = [:]

    public init(searchPath: String, sourceDateEpoch: String, cache: CacheLocation) {
        self.searchPath = searchPath
        self.sourceDateEpoch = sourceDateEpoch
        self.cache = cache
    }

    /// The variables for a run in `dir`.
    public func variables(runIn dir: URL) -> [String: String] {
        var env: [String: String] = [
            "PATH": searchPath,
            "HOME": dir.path,
            "LC_ALL": "C",
            "TEXMFHOME": dir.appendingPathComponent("texmf-home").path,
            "TEXMFVAR": cache.texmfVar.path,
            "TEXMFCACHE": cache.texmfVar.path,
            "TEXMFCONFIG": cache.texmfVar.appendingPathComponent("config").path,
            "XDG_CACHE_HOME": cache.fontconfig.path,
            "openin_any": "p",
            "openout_any": "p",
            "shell_escape": "f",
            "max_print_line": "10000",
            "error_line": "254",
            "half_error_line": "238",
            "SOURCE_DATE_EPOCH": sourceDateEpoch,
            "FORCE_SOURCE_DATE": "1",
            "TEXMFOUTPUT": dir.path,
        ]
        for (name, value) in inherited where Self.userTeXVariables.contains(name) { env[name] = value }
        return env
    }

    /// The same paths for the Lua restriction that lualatex documents run first (see `LuaSandbox`).
    public func luaVariables(for sandbox: Sandbox) -> [String: String] {
        ["CVBUILD_TEX_READABLE": sandbox.readPaths.joined(separator: ":"),
         "CVBUILD_TEX_WRITABLE": sandbox.writePaths.filter { $0 != "/dev/null" }.joined(separator: ":")]
    }

    /// What a TeX run in `dir` may read and write: the TeX Live trees, fonts and system
    /// libraries, the pack's folder, the format cache (read); its own folder and TeX's caches (write).
    public func sandbox(runIn dir: URL, engine executable: URL, packFolder: URL?, confinesFiles: Bool) -> Sandbox {
        var reads = [
            "/usr/bin", "/bin", "/usr/lib", "/lib", "/lib64", "/usr/lib64", "/usr/libexec",
            "/usr/share/texlive", "/usr/share/texmf", "/usr/share/texmf-dist", "/var/lib/texmf", "/etc/texmf",
            "/usr/share/fonts", "/usr/local/share/fonts", "/usr/share/fontconfig", "/etc/fonts", "/var/cache/fontconfig",
            "/usr/share/poppler", "/usr/share/ghostscript", "/usr/share/X11/fonts",
            "/usr/local/texlive", "/opt/texlive", "/Library/TeX", "/usr/local/Cellar", "/opt/homebrew",
            "/etc/ld.so.cache", "/etc/localtime", "/dev/urandom", "/dev/random",
            cache.formats.path,
        ]
        // An engine installed elsewhere (a TeX Live tree in a home folder): its tree, found
        // from <root>/bin/<platform>/<engine>.
        let resolved = executable.resolvingSymlinksInPath()
        let tree = resolved.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        if !reads.contains(where: { resolved.path.hasPrefix($0 + "/") }) { reads.append(tree.path) }
        if let packFolder { reads.append(packFolder.resolvingSymlinksInPath().path) }
        for value in inherited.values {
            for part in value.split(separator: ":") where part.hasPrefix("/") {
                reads.append(String(part).replacingOccurrences(of: "//", with: ""))
            }
        }
        for folder in [cache.texmfVar, cache.fontconfig] {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let writes = [dir.resolvingSymlinksInPath().path, cache.texmfVar.path, cache.fontconfig.path, "/dev/null"]
        return Sandbox(readPaths: reads, writePaths: writes, maxFileSize: maxFileSize,
                       watchedFolder: dir.path, maxFolderSize: outputLimit, confinesFiles: confinesFiles)
    }
}
