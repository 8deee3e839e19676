import CVBuildKit
import Foundation

/// `cvbuild styles`: the style packs in reach, one a line with its description.
public struct StylesCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        name: "styles", synopsis: ["styles"], abstract: "list the style packs", options: [BuildArguments.stylesDir.spec])

    public var stylesDirs: [String]

    public init(parsing arguments: ParsedArguments) throws(UsageError) {
        guard arguments.positionals.isEmpty else { throw UsageError("styles takes no arguments, not '\(arguments.positionals[0])'") }
        stylesDirs = try arguments.values(BuildArguments.stylesDir)
    }

    public func run(_ tool: CommandLineTool) -> ExitCode {
        let catalog = tool.catalog(stylesDirs: stylesDirs)
        var code = ExitCode.success
        for name in catalog.names() {
            switch catalog.load(name) {
            case .success(let pack):
                tool.stdout(name.padding(toLength: max(12, name.count + 2), withPad: " ", startingAt: 0) + pack.description)
            case .failure(let e):
                tool.report(e.diagnostics)
                code = .invalidInput
            }
        }
        return code
    }
}
