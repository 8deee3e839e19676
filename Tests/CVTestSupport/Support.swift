import CVBuildCLI
import Foundation


public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The built-in style packs: every folder of `Styles/` that holds a manifest, sorted. Tests that cover
/// every pack take their cases from here, so a new pack is covered without a hand list.
public let builtInPacks: [String] = {
    let styles = packageRoot.appendingPathComponent("Styles")
    let items = (try? FileManager.default.contentsOfDirectory(atPath: styles.path)) ?? []
    return items.filter { FileManager.default.fileExists(atPath: styles.appendingPathComponent("\($0)/pack.json").path) }.sorted()
}()

/// The most pages a built-in pack's manifest allows (its `pageLimit`), read from the manifest as JSON; nil for no limit.
public func pageLimit(ofPack name: String) -> Int? {
    let url = packageRoot.appendingPathComponent("Styles/\(name)/pack.json")
    guard let data = FileManager.default.contents(atPath: url.path),
          let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
    return manifest["pageLimit"] as? Int
}

public final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var _out: [String] = []
    private var _err: [String] = []
    public init() {}
    public func out(_ s: String) { lock.withLock { _out.append(s) } }
    public func err(_ s: String) { lock.withLock { _err.append(s) } }
    public var stdout: String { lock.withLock { _out.joined(separator: "\n") } }
    public var stderr: String { lock.withLock { _err.joined(separator: "\n") } }
}

public struct ToolRun {
    public var code: ExitCode
    public var stdout: String
    public var stderr: String
}

/// The environment every test runs cvbuild with: the machine's, but with a `HOME` and cache
/// folder of this test run's own, so no test reads or writes the user's `~/.cache`.
public let testEnvironment: [String: String] = {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cvtest-home-\(getpid())-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: root.appendingPathComponent("home"), withIntermediateDirectories: true)
    var env = ProcessInfo.processInfo.environment
    env["HOME"] = root.appendingPathComponent("home").path
    env["XDG_CACHE_HOME"] = root.appendingPathComponent("cache").path
    env["CVBUILD_CACHE"] = nil
    for name in ["TEXINPUTS", "TEXMFHOME", "TEXMFVAR", "TEXMFCONFIG", "TEXMFCACHE"] { env[name] = nil }
    return env
}()

/// Runs the command line in-process, as the executable would.
public func runTool(_ args: [String], environment: [String: String] = testEnvironment, workingDirectory: URL? = nil) -> ToolRun {
    let captured = Captured()
    var tool = CommandLineTool(environment: environment, stdout: captured.out, stderr: captured.err, color: false)
    if let workingDirectory { tool.workingDirectory = workingDirectory }
    let code = tool.run(args)
    return ToolRun(code: code, stdout: captured.stdout, stderr: captured.stderr)
}

public func temporaryFolder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cvtest-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

public func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}

public func profilePath(_ name: String) -> String { packageRoot.appendingPathComponent("Profiles/\(name).json").path }

/// Runs a helper program (pdftotext, pdfinfo) and returns its standard output.
public func runProgram(_ name: String, _ args: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [name] + args
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// The `cvbuild` executable this test run built, next to the test bundle.
public var builtExecutable: URL {
    var dir = Bundle.main.bundleURL
    for _ in 0..<3 where !FileManager.default.fileExists(atPath: dir.appendingPathComponent("cvbuild").path) {
        dir = dir.deletingLastPathComponent()
    }
    return dir.appendingPathComponent("cvbuild")
}

public struct ChildRun {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs `executable` in `directory` with exactly `environment` (nothing inherited), and waits.
/// The working folder is the child's own; this process's stays as it is.
public func runChild(_ executable: String, _ args: [String], in directory: URL, environment: [String: String]) throws -> ChildRun {
    let scratch = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let out = scratch.appendingPathComponent("stdout"), err = scratch.appendingPathComponent("stderr")
    FileManager.default.createFile(atPath: out.path, contents: nil)
    FileManager.default.createFile(atPath: err.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = args
    process.currentDirectoryURL = directory
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = outHandle
    process.standardError = errHandle
    try process.run()
    process.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    return ChildRun(status: process.terminationStatus,
                    stdout: try String(contentsOf: out, encoding: .utf8), stderr: try String(contentsOf: err, encoding: .utf8))
}

/// A small environment for child processes: their own HOME, a PATH, and nothing of cvbuild's.
public func childEnvironment(home: URL, pathFirst: [URL] = []) -> [String: String] {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    return ["HOME": home.path, "PATH": (pathFirst.map(\.path) + [path]).joined(separator: ":"), "LC_ALL": "C.UTF-8",
            "TMPDIR": FileManager.default.temporaryDirectory.path]
}

public func pdfText(_ url: URL) throws -> String { try runProgram("pdftotext", ["-enc", "UTF-8", url.path, "-"]) }

public func pdfPages(_ url: URL) throws -> Int? {
    let info = try runProgram("pdfinfo", [url.path])
    let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
    return line.flatMap { Int($0.split(separator: " ").last ?? "") }
}

/// TeX integration tests run unless CVBUILD_SKIP_TEX=1; a missing engine then fails them (as in CI).
public let texEnabled = ProcessInfo.processInfo.environment["CVBUILD_SKIP_TEX"] != "1"

/// A copy of the built-in `full` pack in a fresh folder, with `edit` applied to its style file.
public func copyOfFullPack(editing edit: (String) -> String = { $0 }) throws -> URL {
    let dir = try temporaryFolder()
    let pack = dir.appendingPathComponent("full")
    try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
    let source = packageRoot.appendingPathComponent("Styles/full")
    try FileManager.default.copyItem(at: source.appendingPathComponent("pack.json"), to: pack.appendingPathComponent("pack.json"))
    let style = try String(contentsOf: source.appendingPathComponent("style.tex"), encoding: .utf8)
    try write(edit(style), to: pack.appendingPathComponent("style.tex"))
    return dir
}
