/// One subcommand: its declaration (name, synopsis, arguments, options), parsed into a typed
/// value, then run. Help text and completion scripts are generated from the declaration, so
/// what the parser takes is what help shows and shells complete.
public protocol ParsableCommand: Sendable {
    static var configuration: CommandConfiguration { get }
    /// Reads the typed values; a value that does not parse is a usage error.
    init(parsing arguments: ParsedArguments) throws(UsageError)
    func run(_ tool: CommandLineTool) -> ExitCode
}

/// What help and completions know of a command.
public struct CommandConfiguration: Sendable {
    public var name: String
    /// Usage lines without the leading `cvbuild `: `build [PROFILE.json ...] [options]`.
    public var synopsis: [String]
    /// What the command does; `\n` starts a new line.
    public var abstract: String
    public var arguments: [ArgumentSpec]
    /// The command's own options; `--help` and `--version` are added to every command.
    public var options: [OptionSpec]

    public init(name: String, synopsis: [String], abstract: String, arguments: [ArgumentSpec] = [], options: [OptionSpec] = []) {
        self.name = name
        self.synopsis = synopsis
        self.abstract = abstract
        self.arguments = arguments
        self.options = options
    }

    /// Every option the command takes, `--help` and `--version` last.
    public var allOptions: [OptionSpec] { options + [CommonFlags.help.spec, CommonFlags.version.spec] }
}

/// Flags every command takes.
public enum CommonFlags {
    public static let help = Flag("help", short: "h", help: "show this help")
    public static let version = Flag("version", help: "print cvbuild's version")
}
