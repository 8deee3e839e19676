import CVBuildKit
import CVModel
import Foundation

/// `cvbuild init`: writes a starter profile, never over an existing file.
public struct InitCommand: ParsableCommand {
    static let name = Option<String>("name", value: "\"Full Name\"", help: "the CV's owner (default: Your Name)")

    public static let configuration = CommandConfiguration(
        name: "init", synopsis: ["init [--name \"Full Name\"] [FILE]"], abstract: "write a starter profile (default Profiles/<name>.json)",
        arguments: [ArgumentSpec(label: "FILE", help: "where to write it (default: Profiles/<name>.json)", completion: .file(extensions: ["json"]))],
        options: [name.spec])

    public var ownerName: String
    public var file: String?

    public init(parsing arguments: ParsedArguments) throws(UsageError) {
        guard arguments.positionals.count <= 1 else { throw UsageError("init takes at most one file name") }
        ownerName = try arguments.value(Self.name) ?? "Your Name"
        guard !ownerName.allSatisfy(\.isWhitespace) else { throw UsageError("--name must not be empty") }
        file = arguments.positionals.first
    }

    public func run(_ tool: CommandLineTool) -> ExitCode {
        let slug = Section.slug(ownerName)
        let path = file ?? "Profiles/\(slug.isEmpty ? "profile" : slug).json"
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            tool.report([Diagnostic(file: path, message: "cannot create the folder")])
            return .cannotWrite
        }
        let bytes = Array(ProfileEncoder.encode(StarterProfile.make(name: ownerName)).utf8)
        // O_EXCL: never overwrite an existing file, not even one created a moment ago.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            let exists = errno == EEXIST
            tool.report([Diagnostic(file: path, message: exists ? "already exists; not overwritten" : "cannot be written",
                                    hint: exists ? "choose another file name, or remove this one first" : nil)])
            return .cannotWrite
        }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else {
            tool.report([Diagnostic(file: path, message: "cannot be written")])
            return .cannotWrite
        }
        tool.stderr("wrote \(path); build it with: cvbuild build \(path)")
        return .success
    }
}
