import CVBuildKit
import CVModel

/// `cvbuild doctor`: what this machine can typeset, and how to install what is missing.
public struct DoctorCommand: ParsableCommand {
    static let engine = Option<Engine>("engine", value: "NAME", help: "check this engine (pdflatex, xelatex or lualatex); may repeat")

    public static let configuration = CommandConfiguration(
        name: "doctor", synopsis: ["doctor [--engine NAME ...]"],
        abstract: "check what this machine can typeset (exit 69 when\npdflatex, or an engine named, cannot) and how to install it",
        options: [engine.spec, BuildArguments.stylesDir.spec])

    public var engines: [Engine]
    public var stylesDirs: [String]

    public init(parsing arguments: ParsedArguments) throws(UsageError) {
        guard arguments.positionals.isEmpty else { throw UsageError("doctor takes no arguments, not '\(arguments.positionals[0])'", hint: "name engines with --engine") }
        engines = try arguments.values(Self.engine)
        stylesDirs = try arguments.values(BuildArguments.stylesDir)
    }

    public func run(_ tool: CommandLineTool) -> ExitCode {
        let doctor = Doctor(environment: tool.environment, cache: CacheLocation.default(environment: tool.environment),
                            styleFolders: tool.catalog(stylesDirs: stylesDirs).searchPath)
        let (lines, ok) = doctor.run(engines: engines)
        lines.forEach(tool.stdout)
        return ok ? .success : .engineMissing
    }
}
