import CSandbox
import CVRender
import Foundation

/// Typesetting with an engine started ahead of time (`WarmEngines`), for `cvbuild watch`.
///
/// A waiting engine was started as `ENGINE -fmt=FORMAT -no-parse-first-line cv.tex` in a
/// private folder where `cv.tex` is a named pipe: it has loaded the format and blocks reading
/// the pipe. A build writes the body (what follows the preamble, exactly as the normal path
/// typesets it with the same format) into the pipe, so the engine, its arguments, environment,
/// sandbox, file names and job name are those of the normal path, and so are the output bytes.
/// (`-no-parse-first-line`: TeX would otherwise open the main file once to look for a `%&`
/// line, and the pipe would lose that first read; the body never starts with `%&`.)
///
/// The packs print "Page n of N" from the page count the previous pass wrote to `cv.aux`, and
/// ask for another pass when it changed. The normal path starts without an `.aux`, so a CV of
/// two pages always takes two passes there. A waiting engine is given the `.aux` of the
/// output's last build instead: while the page count stays the same, the one warm pass reads
/// what the normal path's last pass reads and is its last pass too; when the count changes,
/// the output's second waiting engine runs the next pass with the new `.aux`.
extension TeXDriver {
    /// Everything that makes two waiting engines interchangeable.
    func warmSetup(exe: URL, format: URL, pack: StylePack) -> String {
        let placeholder = URL(fileURLWithPath: "/cvbuild-run")
        let environment = self.environment
        let sandbox = environment.sandbox(runIn: placeholder, engine: exe, packFolder: pack.directory, confinesFiles: confinesFiles)
        let variables = environment.variables(runIn: placeholder).merging(environment.luaVariables(for: sandbox)) { $1 }
        var key = ContentHash()
        key.add(exe.path)
        key.add(identity() ?? "")
        key.add(format.path)
        // A remade format replaces the file by renaming (its modification time changes with every use).
        var st = stat()
        key.add(stat(format.path, &st) == 0 ? "\(st.st_ino) \(st.st_size)" : "missing")
        key.add(variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n"))
        key.add("\(sandbox.readPaths) \(sandbox.writePaths) \(sandbox.maxFileSize) \(String(describing: sandbox.maxFolderSize)) \(sandbox.confinesFiles)")
        key.add("\(timeout) \(maxPasses)")
        return key.hex
    }

    /// Starts one engine that loads `format` and waits on the pipe `cv.tex` in a folder of its own.
    func startWaitingEngine(exe: URL, format: URL, pack: StylePack) -> WarmEngines.Waiting? {
        guard let dir = try? TemporaryDirectory.make() else { return nil }
        let pipe = dir.appendingPathComponent("cv.tex")
        guard mkfifo(pipe.path, 0o600) == 0 else { TemporaryDirectory.remove(dir); return nil }
        let environment = self.environment
        let sandbox = environment.sandbox(runIn: dir, engine: exe, packFolder: pack.directory, confinesFiles: confinesFiles)
        do {
            let process = try ChildProcess.start(
                exe.path, Self.engineArguments + ["-no-parse-first-line", "-fmt=" + format.deletingPathExtension().path, "cv.tex"],
                in: dir.path, environment: environment.variables(runIn: dir).merging(environment.luaVariables(for: sandbox)) { $1 },
                sandbox: sandbox, output: dir.appendingPathComponent(Self.terminalFile).path)
            return WarmEngines.Waiting(folder: dir, process: process)
        } catch {
            TemporaryDirectory.remove(dir)
            return nil
        }
    }

    /// Typesets `body` with waiting engines of this setup; nil when there are none (they are
    /// started for the next build) or the run did not succeed cleanly, and the caller takes the
    /// normal path, which also reports any error.
    func typesetWarm(body: String, exe: URL, format: URL, pack: StylePack, warm: WarmEngines) -> TeXOutput? {
        let setup = warmSetup(exe: exe, format: format, pack: pack)
        let driver = self
        let launch: WarmEngines.Launch = { driver.startWaitingEngine(exe: exe, format: format, pack: pack) }
        var aux = warm.aux(for: warmSlot, setup: setup)
        var passes = 0
        var log = ""
        while true {
            guard let engine = warm.take(slot: warmSlot, setup: setup, launch: launch) else { return nil }
            defer { TemporaryDirectory.remove(engine.folder) }
            passes += 1
            if let aux, (try? aux.write(to: engine.folder.appendingPathComponent("cv.aux"))) == nil {
                engine.process.stop()
                return nil
            }
            let pipe = engine.folder.appendingPathComponent("cv.tex").path
            let pid = engine.process.pid
            let bytes = Array(body.utf8)
            let timeoutMilliseconds = Int32(min(timeout * 1000, Double(Int32.max)))
            // Fed from another thread: a body larger than the pipe holds is written while the
            // engine reads it, and the engine's time limit runs meanwhile.
            let fed = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                _ = bytes.withUnsafeBufferPointer { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { cv_feed_fifo(pipe, $0.baseAddress, $0.count, pid, timeoutMilliseconds) }
                }
                fed.signal()
            }
            let outcome = engine.process.wait(timeout: timeout)
            fed.wait()
            guard outcome == .exited(0) else { return nil }
            let data = FileManager.default.contents(atPath: engine.folder.appendingPathComponent("cv.log").path) ?? Data()
            log = String(data: data, encoding: .utf8) ?? String(decoding: data, as: UTF8.self)
            aux = FileManager.default.contents(atPath: engine.folder.appendingPathComponent("cv.aux").path)
            if passes >= maxPasses || !TeXLog(log).needsRerun {
                guard TeXLog(log).missingCharacters.isEmpty,
                      let pdf = FileManager.default.contents(atPath: engine.folder.appendingPathComponent("cv.pdf").path) else { return nil }
                warm.finished(slot: warmSlot, setup: setup, launch: launch, aux: aux, warm: true)
                var output = TeXOutput(pdf: pdf, pages: TeXLog(log).pages ?? 0, passes: passes, log: log)
                output.warmPasses = passes
                return output
            }
        }
    }

    /// After a build on the normal path with `format`: keeps its `.aux` and starts waiting engines.
    func warmUp(after output: TeXOutput, exe: URL, format: URL, pack: StylePack, warm: WarmEngines) {
        let setup = warmSetup(exe: exe, format: format, pack: pack)
        let driver = self
        warm.finished(slot: warmSlot, setup: setup, launch: { driver.startWaitingEngine(exe: exe, format: format, pack: pack) },
                      aux: output.aux, warm: false)
    }
}
