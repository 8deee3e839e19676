import CVBuildKit
import CVRender
import Foundation

/// `cvbuild styles`: the style packs in reach, one a line with its description; with `--options`,
/// each pack's options with their type, default and allowed values.
public struct StylesCommand: ParsableCommand {
    static let options = Flag("options", help: "list each pack's options (for design and --set): type, default, allowed values")
    public static let configuration = CommandConfiguration(
        name: "styles", synopsis: ["styles [--options]"], abstract: "list the style packs", options: [BuildArguments.stylesDir.spec, options.spec])

    public var stylesDirs: [String]
    public var listsOptions: Bool

    public init(parsing arguments: ParsedArguments) throws(UsageError) {
        guard arguments.positionals.isEmpty else { throw UsageError("styles takes no arguments, not '\(arguments.positionals[0])'") }
        stylesDirs = try arguments.values(BuildArguments.stylesDir)
        listsOptions = arguments.has(Self.options)
    }

    /// The lines `--options` prints for a pack: `  accent        color   #183668   the accent colour`.
    static func optionLines(_ pack: StylePack) -> [String] {
        pack.options.map { o in
            let kind = o.kind.name.padding(toLength: 7, withPad: " ", startingAt: 0)
            let shown = o.kind == .color ? "#" + ((try? o.check(o.defaultValue).get()) ?? o.defaultValue) : o.defaultValue
            let values = o.allowedValues.map { " (" + $0.joined(separator: "|") + ")" } ?? ""
            return "  " + o.name.padding(toLength: 14, withPad: " ", startingAt: 0) + kind + " "
                + shown.padding(toLength: max(14, shown.count + 1), withPad: " ", startingAt: 0) + o.description + values
        }
    }

    public func run(_ tool: CommandLineTool) -> ExitCode {
        let catalog = tool.catalog(stylesDirs: stylesDirs)
        var code = ExitCode.success
        for name in catalog.names() {
            switch catalog.load(name) {
            case .success(let pack):
                tool.stdout(name.padding(toLength: max(12, name.count + 2), withPad: " ", startingAt: 0) + pack.description)
                if listsOptions { for line in Self.optionLines(pack) { tool.stdout(line) } }
            case .failure(let e):
                tool.report(e.diagnostics)
                code = .invalidInput
            }
        }
        return code
    }
}
