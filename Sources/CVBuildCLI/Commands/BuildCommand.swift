import CVBuildKit
import CVModel
import Foundation

/// `cvbuild build`: every profile named (or every `Profiles/*.json`) in the styles, variants and
/// format asked for; one progress line per output.
public struct BuildCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        name: "build", synopsis: ["[build] [PROFILE.json ...] [options]"], abstract: "build PDFs (default: every Profiles/*.json)",
        arguments: [BuildArguments.profiles], options: BuildArguments.specs + [shardOption.spec])

    static let shardOption = Option<Shard>("shard", value: "K/N", help: """
        build only part K of N of the outputs (profiles × variants × styles),
        split by expected cost; N machines with 1/N … N/N build each once
        """)

    public var arguments: BuildArguments
    public var shard: Shard?

    public init(parsing arguments: ParsedArguments) throws(UsageError) {
        self.arguments = try BuildArguments(parsing: arguments)
        self.shard = try arguments.value(Self.shardOption)
    }

    public func run(_ tool: CommandLineTool) -> ExitCode { run(tool, warmEngines: nil) }

    /// Builds; `warmEngines` (from `watch`) typesets with TeX engines started ahead of time.
    func run(_ tool: CommandLineTool, warmEngines: WarmEngines?) -> ExitCode {
        let a = arguments
        let sources: [ProfileSource]
        switch tool.profileSources(a.profiles) {
        case .success(let s): sources = s
        case .failure(let f): return tool.fail(f)
        }
        do { try BuildPlan.checkDistinctNames(sources) } catch { return tool.fail(error) }
        let catalog = tool.catalog(stylesDirs: a.stylesDirs)
        var options = a.options(environment: tool.environment)
        options.warmEngines = warmEngines
        let builder = Builder(catalog: catalog, options: options, force: a.force)

        var worst = ExitCode.success
        var plan = BuildPlan(format: a.format)
        var unplanned = 0  // profiles that failed before any output was attempted
        let packNames = catalog.names()
        for source in sources {
            do {
                let decoded = try source.load(packNames: packNames)
                tool.report(decoded.warnings)
                try plan.add(try BuildPlan.jobs(for: source, decoded: decoded, request: a.request, catalog: catalog))
            } catch {
                worst = max(worst, tool.fail(error))
                unplanned += 1
            }
        }
        let quiet = a.quiet
        var jobs = plan.jobs
        if let shard {
            var model = CostModel(catalog: catalog)
            jobs = plan.jobs(in: shard) { model.cost(of: $0, format: a.format) }
            if !quiet { tool.stderr("shard \(shard): \(jobs.count) of \(plan.jobs.count) outputs") }
        }
        let console = tool.console
        let outcomes = builder.run(jobs, workers: a.jobs ?? ProcessInfo.processInfo.activeProcessorCount) { event in
            var lines: [String] = []
            switch event.outcome {
            case .failed(let failure):
                lines = console.format(failure.diagnostics)
            case .upToDate(let result):
                if !quiet { lines = console.format(result.warnings) + ["up to date \(tool.relative(result.output))"] }
            case .built(let result):
                if !quiet {
                    let pages = result.pages.map { ", \($0) page\($0 == 1 ? "" : "s")" } ?? ""
                    lines = console.format(result.warnings)
                    let ahead = result.warmPasses > 0 ? " (TeX started ahead)" : ""
                    lines.append("built \(tool.relative(result.output))\(pages) in \(String(format: "%.2f", event.seconds)) s\(ahead)")
                    lines += result.notes.map { "  " + $0 }
                }
            }
            lines.forEach(tool.stderr)
        }
        var built = 0, upToDate = 0, failed = unplanned
        for outcome in outcomes {
            switch outcome {
            case .built: built += 1
            case .upToDate: upToDate += 1
            case .failed(let f): failed += 1; worst = max(worst, ExitCode(f.kind))
            }
        }
        if outcomes.count + unplanned > 1 && !quiet {
            tool.stderr("\(built) built, \(upToDate) up to date, \(failed) failed")
        }
        return worst
    }
}
