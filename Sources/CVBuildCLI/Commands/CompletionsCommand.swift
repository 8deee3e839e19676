/// `cvbuild completions bash|zsh|fish`: a completion script made from the commands' declarations.
public struct CompletionsCommand: ParsableCommand {
    public enum Shell: String, ArgumentEnumeration {
        case bash, zsh, fish
        public static var noun: String { "shell" }
    }

    public static let configuration = CommandConfiguration(
        name: "completions", synopsis: ["completions bash|zsh|fish"], abstract: "print a completion script for the shell",
        arguments: [ArgumentSpec(label: "bash|zsh|fish", help: "the shell", completion: .values(Shell.allValueStrings))])

    public var shell: Shell

    public init(parsing arguments: ParsedArguments) throws(UsageError) {
        guard arguments.positionals.count == 1 else {
            throw UsageError("completions needs one shell: bash, zsh or fish")
        }
        guard let shell = Shell(argument: arguments.positionals[0]) else { throw Shell.error(parsing: arguments.positionals[0], option: "") }
        self.shell = shell
    }

    public func run(_ tool: CommandLineTool) -> ExitCode {
        tool.stdout(Completions.script(for: shell, commands: CommandLineTool.commands))
        return .success
    }
}
