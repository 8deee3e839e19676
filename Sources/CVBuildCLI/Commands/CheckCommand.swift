import CVBuildKit

/// `cvbuild check`: validates profiles, writes nothing.
public struct CheckCommand: ParsableCommand {
    static let quiet = Flag("quiet", short: "q", help: "no line for a valid profile")

    public static let configuration = CommandConfiguration(
        name: "check", synopsis: ["check [PROFILE.json ...]"], abstract: "validate profiles only (fast: for pre-commit hooks)",
        arguments: [BuildArguments.profiles], options: [quiet.spec, BuildArguments.stylesDir.spec])

    public var profiles: [String]
    public var quiet: Bool
    /// Where the style packs a variant may name are looked up, besides the built-in ones.
    public var stylesDirs: [String]

    public init(parsing arguments: ParsedArguments) throws(UsageError) {
        profiles = arguments.positionals
        quiet = arguments.has(Self.quiet)
        stylesDirs = try arguments.values(BuildArguments.stylesDir)
    }

    public func run(_ tool: CommandLineTool) -> ExitCode {
        let sources: [ProfileSource]
        switch tool.profileSources(profiles) {
        case .success(let s): sources = s
        case .failure(let f): return tool.fail(f)
        }
        var worst = ExitCode.success
        let packNames = tool.catalog(stylesDirs: stylesDirs).names()
        for source in sources {
            do {
                let decoded = try source.load(packNames: packNames)
                tool.report(decoded.warnings)
                if !quiet { tool.stderr("\(source.displayPath): ok") }
            } catch {
                worst = max(worst, tool.fail(error))
            }
        }
        return worst
    }
}
