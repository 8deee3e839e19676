import CVBuildCLI
import CVTestSupport
import Foundation
import Testing

#if os(Linux)

/// `cvbuild watch` with TeX engines started ahead of time: edits are typeset by an engine that
/// was waiting (the watch says so), the PDFs are byte for byte those of a normal build, a
/// changed preamble falls back to the normal path, and no waiting engine outlives the watch —
/// after it ends, on Ctrl-C, on SIGTERM and on kill -9. Waiting engines are found independently,
/// in /proc: children of the watching process whose working folder holds a named pipe `cv.tex`.
private func isNamedPipe(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO
}

@Suite(.serialized) struct WarmWatchTests {
    /// The waiting engines among the children of `parent`.
    static func waitingEngines(of parent: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 2, Int32(fields[1]) == parent, fields[0] != "Z" else { return false }
            return isNamedPipe("/proc/\(pid)/cwd/cv.tex")
        }
    }

    /// Whether `pid` is gone (or only a zombie nobody waits for yet).
    static func isGone(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].split(separator: " ").first == "Z"
    }

    /// The profile's states, in order: body edits, a preamble edit (the name is PDF metadata),
    /// and a long title that adds a page (and back), so the page count changes twice.
    static func states(of original: String) -> [(String, String)] {
        let title = "Fully Hyperbolic Neural Networks"
        let long = String(repeating: "A sentence that makes the title long enough for the CV to run onto another page", count: 60)
        let renamed = original.replacingOccurrences(of: #""name": "Hexu Zhao""#, with: #""name": "Hexu Q. Zhao""#)
        return [
            ("body edit", original.replacingOccurrences(of: title, with: title + " (revised)")),
            ("preamble edit", renamed.replacingOccurrences(of: title, with: title + " (revised)")),
            ("body edit", renamed.replacingOccurrences(of: title, with: title + " (revised twice)")),
            ("a page more", renamed.replacingOccurrences(of: title, with: title + ". " + long)),
            ("a page less", renamed),
        ]
    }

    static func identity(_ url: URL) -> String? {
        var st = stat()
        guard stat(url.path, &st) == 0 else { return nil }
        return "\(st.st_ino) \(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }

    @Test(.enabled(if: texEnabled)) func editsAreTypesetByWaitingEnginesAsANormalBuildWould() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = try String(contentsOfFile: profilePath("hexu-zhao"), encoding: .utf8)
        let file = dir.appendingPathComponent("cv.json"), out = dir.appendingPathComponent("out")
        try write(original, to: file)
        let pdf = out.appendingPathComponent("cv-full.pdf")
        let states = Self.states(of: original)

        let captured = Captured()
        var tool = CommandLineTool(environment: testEnvironment, stdout: captured.out, stderr: captured.err, color: false)
        tool.watchLimit = states.count + 1
        let done = DispatchSemaphore(value: 0)
        let watcher = tool
        Thread.detachNewThread {
            _ = watcher.run(["watch", file.path, "--out", out.path])
            done.signal()
        }
        func builds() -> Int { captured.stderr.split(separator: "\n").filter { $0.hasPrefix("built ") }.count }
        #expect(waitUntil(seconds: 180) { builds() == 1 }, "the first build did not happen: \(captured.stderr)")

        var seen = Set<Int32>()
        var made: [Data] = []
        for (i, (_, text)) in states.enumerated() {
            // The engines for the next edit are started right after a build; wait for them, as a
            // person editing would.
            #expect(waitUntil(seconds: 60) { Self.waitingEngines(of: getpid()).count == 2 }, "state \(i): no engines waiting")
            seen.formUnion(Self.waitingEngines(of: getpid()))
            let before = Self.identity(pdf)
            try Data(text.utf8).write(to: file, options: .atomic)
            #expect(waitUntil(seconds: 120) { builds() == i + 2 && Self.identity(pdf) != before }, "state \(i) was not built: \(captured.stderr)")
            made.append(try Data(contentsOf: pdf))
        }
        #expect(done.wait(timeout: .now() + 120) == .success)

        // Every build after an edit but the one that changed the preamble was typeset ahead.
        let lines = captured.stderr.split(separator: "\n").filter { $0.hasPrefix("built ") }
        #expect(lines.count == states.count + 1)
        #expect(lines.map { $0.hasSuffix("(TeX started ahead)") } == [false, true, false, true, true, true], "\(captured.stderr)")
        #expect(lines.map { $0.contains(", 2 pages") } == [true, true, true, true, false, true], "\(captured.stderr)")

        // No engine survives the watch.
        #expect(!seen.isEmpty)
        #expect(Self.waitingEngines(of: getpid()).isEmpty)
        #expect(waitUntil(seconds: 10) { seen.allSatisfy(Self.isGone) }, "\(seen.filter { !Self.isGone($0) })")

        // Byte for byte what a normal build of the same profile makes.
        for (i, (what, text)) in states.enumerated() {
            let normal = dir.appendingPathComponent("normal-\(i)")
            let profile = normal.appendingPathComponent("cv.json")
            try write(text, to: profile)
            let run = runTool(["build", profile.path, "--out", normal.path, "--force"])
            #expect(run.code == .success, "\(run.stderr)")
            #expect(try Data(contentsOf: normal.appendingPathComponent("cv-full.pdf")) == made[i], "state \(i) (\(what)) differs from a normal build")
        }
    }

    @Test(.enabled(if: texEnabled), arguments: [SIGINT, SIGTERM, SIGKILL])
    func noWaitingEngineOutlivesTheWatcher(signal: Int32) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let home = dir.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("cv.json")
        try write(try String(contentsOfFile: profilePath("hexu-zhao"), encoding: .utf8), to: file)
        var env = childEnvironment(home: home)
        env["XDG_CACHE_HOME"] = dir.appendingPathComponent("cache").path
        let process = Process()
        process.executableURL = builtExecutable
        process.arguments = ["watch", file.path, "--out", dir.appendingPathComponent("out").path]
        process.currentDirectoryURL = dir
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let watcher = process.processIdentifier
        #expect(waitUntil(seconds: 180) { Self.waitingEngines(of: watcher).count == 2 }, "no engines started ahead")
        let engines = Self.waitingEngines(of: watcher)
        kill(watcher, signal)
        process.waitUntilExit()
        #expect(process.terminationStatus == (signal == SIGKILL ? SIGKILL : 128 + signal))
        #expect(!engines.isEmpty)
        #expect(waitUntil(seconds: 10) { engines.allSatisfy(Self.isGone) }, "engines left behind: \(engines.filter { !Self.isGone($0) })")
    }
}
#endif
