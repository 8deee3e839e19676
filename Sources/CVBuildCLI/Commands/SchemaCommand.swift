import CVModel
import Foundation

/// `cvbuild schema`: the profile format as a JSON Schema, on standard output.
public struct SchemaCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        name: "schema", synopsis: ["schema"], abstract: "print the profile format as a JSON Schema")

    public init(parsing arguments: ParsedArguments) throws(UsageError) {
        guard arguments.positionals.isEmpty else { throw UsageError("schema takes no arguments, not '\(arguments.positionals[0])'") }
    }

    public func run(_ tool: CommandLineTool) -> ExitCode {
        tool.stdout(ProfileSchema.json().trimmingCharacters(in: .newlines))
        return .success
    }
}
