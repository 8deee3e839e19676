import CVBuildKit

/// `cvbuild cache [clean]`: what the cache of precompiled preambles holds, or empties it.
public struct CacheCommand: ParsableCommand {
    public enum Action: String, ArgumentEnumeration {
        case clean
        public static var noun: String { "cache action" }
    }

    public static let configuration = CommandConfiguration(
        name: "cache", synopsis: ["cache [clean]"], abstract: "show (or empty) the cache of precompiled preambles and\nTeX's font caches",
        arguments: [ArgumentSpec(label: "clean", help: "empty the cache", completion: .values(Action.allValueStrings))])

    public var action: Action?

    public init(parsing arguments: ParsedArguments) throws(UsageError) {
        guard arguments.positionals.count <= 1 else { throw UsageError("cache takes at most one action") }
        if let word = arguments.positionals.first {
            guard let action = Action(argument: word) else {
                throw UsageError("unknown cache action '\(word)'", hint: "use `cvbuild cache` or `cvbuild cache clean`")
            }
            self.action = action
        }
    }

    public func run(_ tool: CommandLineTool) -> ExitCode {
        let location = CacheLocation.default(environment: tool.environment)
        switch action {
        case nil:
            let s = location.summary()
            tool.stdout("\(location.root.path): \(s.formats) precompiled preamble\(s.formats == 1 ? "" : "s"), "
                        + "\(s.bytes >> 20) MiB (formats are pruned past \(s.pruneLimit >> 20) MiB)")
        case .clean:
            tool.stdout("removed \(location.clean() >> 10) KiB from \(location.root.path)")
        }
        return .success
    }
}
