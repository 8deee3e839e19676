import CVBuildKit
import Foundation

/// `cvbuild watch`: builds, then builds again whenever a profile or a pack's file changes.
public struct WatchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        name: "watch", synopsis: ["watch [PROFILE.json ...] [options]"], abstract: "rebuild whenever a profile or style pack changes",
        arguments: [BuildArguments.profiles], options: BuildArguments.specs)

    public var build: BuildCommand

    public init(parsing arguments: ParsedArguments) throws(UsageError) {
        build = try BuildCommand(parsing: arguments)
    }

    public func run(_ tool: CommandLineTool) -> ExitCode {
        var last: [String: String] = [:]
        var cycles = 0
        while tool.watchLimit.map({ cycles < $0 }) ?? true {
            let now = fingerprints(tool)
            if now != last {
                if !last.isEmpty && !build.arguments.quiet { tool.stderr("change detected; rebuilding") }
                last = now
                _ = build.run(tool)
                cycles += 1
            }
            Thread.sleep(forTimeInterval: 0.5)
        }
        return .success
    }

    /// Size and modification time of every profile and every file of every pack in reach.
    func fingerprints(_ tool: CommandLineTool) -> [String: String] {
        var files: [String] = []
        if case .success(let sources) = tool.profileSources(build.arguments.profiles) {
            files += sources.compactMap { if case .file(let u) = $0.origin { u.path } else { nil } }
        }
        let catalog = tool.catalog(stylesDirs: build.arguments.stylesDirs)
        for name in catalog.names() {
            if let dir = catalog.directory(of: name) {
                files += ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).map { dir.appendingPathComponent($0).path }
            }
        }
        var out: [String: String] = [:]
        for f in files {
            let a = try? FileManager.default.attributesOfItem(atPath: f)
            out[f] = "\(a?[.size] as? Int ?? -1) \((a?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        }
        return out
    }
}
