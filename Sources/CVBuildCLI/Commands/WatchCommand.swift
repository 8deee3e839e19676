import CVBuildKit
import Foundation

/// `cvbuild watch`: builds, then builds again whenever a profile or a pack's file changes.
/// Changes are noticed through the system's file notifications (polling twice a second where
/// there are none). For PDFs built with a precompiled preamble, the next TeX run is started
/// ahead of time with the preamble loaded, so that after an edit only the typesetting remains
/// (`WarmEngines`); those engines are stopped when the watch ends, however it ends.
public struct WatchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        name: "watch", synopsis: ["watch [PROFILE.json ...] [options]"], abstract: "rebuild whenever a profile or style pack changes",
        arguments: [BuildArguments.profiles], options: BuildArguments.specs)

    public var build: BuildCommand

    public init(parsing arguments: ParsedArguments) throws(UsageError) {
        build = try BuildCommand(parsing: arguments)
    }

    public func run(_ tool: CommandLineTool) -> ExitCode {
        let warm = WarmEngines()
        defer { warm.shutdown() }
        var last: [String: String] = [:]
        var cycles = 0
        var watcher: FileWatcher?
        var watched: Set<String> = []
        while tool.watchLimit.map({ cycles < $0 }) ?? true {
            let now = fingerprints(tool)
            // Watch before building, so a change made during the build is noticed.
            if watcher == nil || Set(now.keys) != watched {
                watched = Set(now.keys)
                watcher = FileWatcher(files: watched.sorted())
            }
            if now != last {
                if !last.isEmpty && !build.arguments.quiet { tool.stderr("change detected; rebuilding") }
                last = now
                _ = build.run(tool, warmEngines: warm)
                warm.replenish()
                cycles += 1
                continue
            }
            if let watcher {
                // The time-out also catches a folder created after the watch began.
                _ = watcher.wait(timeout: 2)
            } else {
                Thread.sleep(forTimeInterval: 0.5)
            }
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
            var st = stat()
            guard stat(f, &st) == 0 else { out[f] = "missing"; continue }
            #if canImport(Darwin)
            let mtime = st.st_mtimespec
            #else
            let mtime = st.st_mtim
            #endif
            out[f] = "\(st.st_size) \(mtime.tv_sec).\(mtime.tv_nsec) \(st.st_ino)"
        }
        return out
    }
}
