import CVBuildKit
import CVModel
import Foundation

/// The options of `build` and `watch`, declared once, and their typed values.
public struct BuildArguments: Sendable {
    static let style = Option<String>("style", short: "s", value: "NAME", help: "style pack to use (default: full); may repeat", completion: .styleNames)
    static let allStyles = Flag("all-styles", help: "build with every style pack")
    static let out = Option<String>("out", short: "o", value: "DIR",
        help: "output folder (default: build); outputs are DIR/<profile>-<style>.pdf", completion: .directory)
    static let format = Option<OutputFormat>("format", value: "FORMAT", help: """
        pdf (default); tex (the LaTeX source); json (the validated profile
        as canonical JSON, DIR/<profile>.json); md (Markdown: the homepage
        pack as an academicpages page, other packs as a plain CV); html
        (one self-contained web page: the homepage pack as an academic
        homepage, other packs as a web CV); png (an image of each PDF page,
        DIR/<profile>-<style>-<n>.png, needs pdftoppm); jsonresume (DIR/<profile>.resume.json, lossy parts warned)
        """)
    static let dpi = Option<PositiveCount>("dpi", value: "N", help: "the resolution of --format png images (default: 150)")
    static let paper = Option<PaperSize>("paper", value: "letter|a4", help: "paper size (default: the profile's, else the pack's)")
    static let engine = Option<Engine>("engine", value: "NAME", help: """
        pdflatex, xelatex or lualatex (default: the profile's, else the pack's);
        xelatex and lualatex set CJK and other scripts pdflatex cannot
        """)
    static let set = Option<OptionSetting>("set", value: "KEY=VALUE", help: """
        set a style pack option, such as accent=#8B0000, dates=right or
        fontFamily=tgpagella; may repeat; beats the profile's and the
        variant's design (the options: cvbuild styles --options)
        """)
    static let locale = Option<Language>("locale", value: "LANG", help: """
        the language of the words cvbuild adds and of hyphenation: en, de, fr,
        es, it, pt, zh, ja (default: the variant's, else the profile's, else en)
        """)
    static let texTimeout = Option<Seconds>("tex-timeout", value: "S", help: "stop the TeX engine after S seconds (default: 60)")
    static let texOutputLimit = Option<Mebibytes>("tex-output-limit", value: "MIB", help: """
        stop the TeX engine once it has written MIB MiB (default: 256; one
        file may take half of it)
        """)
    static let stylesDir = Option<String>("styles-dir", value: "DIR", help: "also look for style packs in DIR, before the built-in ones", completion: .directory)
    static let tag = Option<String>("tag", value: "T", help: """
        keep untagged items and items tagged T; may repeat; outputs
        are named DIR/<profile>-<style>+tag-T.pdf
        """)
    static let excludeTag = Option<String>("exclude-tag", value: "T", help: "drop items tagged T; may repeat (DIR/…+exclude-tag-T.pdf)")
    static let since = Option<Year>("since", value: "YEAR", help: "drop entries that ended before YEAR (DIR/…+since-YEAR.pdf)")
    static let variant = Option<String>("variant", value: "NAME",
        help: "build the profile's variant NAME (DIR/<profile>-<variant>-<style>.pdf); may repeat")
    static let allVariants = Flag("all-variants", help: """
        build the profile itself (DIR/<profile>-<style>.pdf) and every
        variant it defines
        """)
    static let jobs = Option<PositiveCount>("jobs", short: "j", value: "N", help: "build N outputs at once (default: the number of cores)")
    static let force = Flag("force", short: "f", help: "rebuild outputs that are up to date")
    static let noFormatCache = Flag("no-format-cache", help: "typeset each preamble instead of reusing a precompiled one")
    static let inheritTeXEnv = Flag("inherit-tex-env", help: """
        pass TEXINPUTS, TEXMFHOME and the other TeX variables of the shell to
        TeX (by default cvbuild sets TeX's whole environment itself)
        """)
    static let quiet = Flag("quiet", short: "q", help: "no progress lines")

    static let specs: [OptionSpec] = [
        style.spec, allStyles.spec, out.spec, format.spec, dpi.spec, paper.spec, engine.spec, set.spec, locale.spec, texTimeout.spec, texOutputLimit.spec,
        stylesDir.spec, tag.spec, excludeTag.spec, since.spec, variant.spec, allVariants.spec, jobs.spec, force.spec,
        noFormatCache.spec, inheritTeXEnv.spec, quiet.spec,
    ]

    static let profiles = ArgumentSpec(label: "PROFILE.json ...", help: "profiles (default: every Profiles/*.json)",
                                       completion: .file(extensions: ["json"]))

    public var profiles: [String]
    public var styles: [String]
    public var allStyles: Bool
    public var out: String
    public var format: OutputFormat
    public var dpi: Int?
    public var paper: PaperSize?
    public var engine: Engine?
    public var settings: [OptionSetting]
    public var locale: Language?
    public var texTimeout: Double
    public var texOutputLimit: UInt64
    public var stylesDirs: [String]
    public var tags: [String]
    public var excludeTags: [String]
    public var since: Int?
    public var variants: [String]
    public var allVariants: Bool
    public var jobs: Int?
    public var force: Bool
    public var noFormatCache: Bool
    public var inheritTeXEnv: Bool
    public var quiet: Bool

    init(parsing a: ParsedArguments) throws(UsageError) {
        profiles = a.positionals
        styles = try a.values(Self.style)
        allStyles = a.has(Self.allStyles)
        out = try a.value(Self.out) ?? "build"
        format = try a.value(Self.format) ?? .pdf
        dpi = try a.value(Self.dpi)?.value
        if let dpi {
            guard format == .png else { throw UsageError("option '--dpi' applies only to --format png", hint: "add --format png, or leave out --dpi") }
            guard dpi <= 2400 else { throw UsageError("--dpi \(dpi) is more than 2400", hint: "150 suits a preview, 300 a print") }
        }
        paper = try a.value(Self.paper)
        engine = try a.value(Self.engine)
        settings = try a.values(Self.set)
        locale = try a.value(Self.locale)
        texTimeout = try a.value(Self.texTimeout)?.value ?? 60
        texOutputLimit = try a.value(Self.texOutputLimit)?.bytes ?? TeXEnvironment.defaultOutputLimit
        stylesDirs = try a.values(Self.stylesDir)
        tags = try a.values(Self.tag)
        excludeTags = try a.values(Self.excludeTag)
        since = try a.value(Self.since)?.value
        variants = try a.values(Self.variant)
        allVariants = a.has(Self.allVariants)
        jobs = try a.value(Self.jobs)?.value
        force = a.has(Self.force)
        noFormatCache = a.has(Self.noFormatCache)
        inheritTeXEnv = a.has(Self.inheritTeXEnv)
        quiet = a.has(Self.quiet)
    }

    /// What the kit needs to build, from these arguments and the environment.
    func options(environment: [String: String]) -> CVBuildKit.BuildOptions {
        var options = CVBuildKit.BuildOptions(outDir: URL(fileURLWithPath: out), format: format, texTimeout: texTimeout, paper: paper,
                                              sourceDateEpoch: environment["SOURCE_DATE_EPOCH"], searchPath: environment["PATH"])
        options.engine = engine
        if let dpi { options.dpi = dpi }
        options.design = settings.map { ($0.key, $0.value) }
        options.locale = locale
        options.cache = CacheLocation.default(environment: environment)
        options.texOutputLimit = texOutputLimit
        options.confinesFiles = environment["CVBUILD_NO_LANDLOCK"] == nil
        if inheritTeXEnv {
            options.inheritedTeXVariables = environment.filter { TeXEnvironment.userTeXVariables.contains($0.key) }
        }
        if !noFormatCache { options.formatCache = options.cache.formats }
        return options
    }

    var request: BuildRequest {
        BuildRequest(variants: allVariants ? .all : variants.isEmpty ? .profile : .named(variants),
                     styles: allStyles ? .all : styles.isEmpty ? .default : .named(styles),
                     tailoring: Tailoring(tags: tags, excludeTags: excludeTags, since: since))
    }
}
