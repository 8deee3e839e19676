import CVModel

/// `cvbuild help [COMMAND]`: the overview, or one command's help.
public struct HelpCommand: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(name: "help", synopsis: ["help [COMMAND]"], abstract: "show the help of COMMAND (also: cvbuild COMMAND --help)",
                             arguments: [ArgumentSpec(label: "COMMAND", help: "a command", completion: .commandNames)])
    }

    public var command: String?

    public init(parsing arguments: ParsedArguments) throws(UsageError) {
        guard arguments.positionals.count <= 1 else { throw UsageError("help takes at most one command") }
        command = arguments.positionals.first
        if let command, !CommandLineTool.commandNames.contains(command) {
            throw UsageError("unknown command '\(command)'", hint: nearest(command, in: CommandLineTool.commandNames).map { "did you mean '\($0)'?" }
                             ?? "commands: " + CommandLineTool.commandNames.joined(separator: ", "))
        }
    }

    public func run(_ tool: CommandLineTool) -> ExitCode {
        tool.stdout(command.flatMap(CommandLineTool.help(for:)) ?? CommandLineTool.usage)
        return .success
    }
}
