import CVBuildKit
import CVModel
import CVRender
import Foundation

// cvbuild-bench: the figures in docs/PERFORMANCE.md. Medians over repeated runs.
//   swift run -c release cvbuild-bench [--quick] [--only render|e2e|fit|watch|batch|scaling|markup|throughput]

let quick = CommandLine.arguments.contains("--quick")
/// `--only render|e2e|fit|watch|batch|scaling|markup|throughput` runs one part.
let only: String? = CommandLine.arguments.firstIndex(of: "--only").flatMap { i in
    i + 1 < CommandLine.arguments.count ? CommandLine.arguments[i + 1] : nil
}
func part(_ name: String) -> Bool { only == nil || only == name }
let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("cvbuild")
let references = ["hanqing-zhu", "hanxian-huang", "zhaorui-zhang", "hexu-zhao", "qinghao-hu"]
let work = FileManager.default.temporaryDirectory.appendingPathComponent("cvbuild-bench-\(getpid())")
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: work) }

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func time(_ body: () throws -> Void) rethrows -> Double {
    let t = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9
}

func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }
func sec(_ s: Double) -> String { String(format: "%.3f s", s) }

/// Runs a program, returning its exit status.
/// Foundation's Process notices a child's exit late on Linux (tens of milliseconds), which
/// would swamp these figures; ChildProcess waits with waitpid.
@discardableResult
func run(_ exe: URL, _ args: [String], in dir: URL? = nil, env: [String: String] = [:]) throws -> Int32 {
    let environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
    switch try ChildProcess.run(exe.path, args, in: (dir ?? root).path, environment: environment) {
    case .exited(let status): return status
    default: return -1
    }
}

func which(_ name: String) -> URL {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        let u = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: u.path) { return u }
    }
    return URL(fileURLWithPath: "/usr/bin/\(name)")
}

/// The largest resident set of any finished child process so far, in MiB.
func childPeakMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// User and system time of every finished child process so far (cvbuild and the engines it ran), in seconds.
func childCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

func selfPeakMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

let pdflatex = which("pdflatex")
let pack = try StylePack.load(from: root.appendingPathComponent("Styles/full")).get()
let repeats = quick ? 3 : 9
print("cvbuild-bench (\(quick ? "quick" : "full") run; medians of \(repeats) unless noted)")
print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB")
print("")

// 1. Profile → .tex, in process.
if part("render") { print("## Profile → .tex (read, validate, render; in process)") }
for name in references where part("render") {
    let data = try Data(contentsOf: root.appendingPathComponent("Profiles/\(name).json"))
    let t = median((0..<max(repeats, 21)).map { _ in
        time { _ = LaTeXRenderer(pack: pack).render(try! ProfileDecoder.decode(Array(data)).get().profile) }
    })
    print("  \(name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(ms(t))")
}
print("")

// 2. End to end against one bare pdflatex pass on the same .tex.
let cache = work.appendingPathComponent("cache")
if part("e2e") { print("## One PDF end to end vs one bare pdflatex pass on the same .tex") }
for name in ["hexu-zhao", "qinghao-hu"] where part("e2e") {
    let profile = root.appendingPathComponent("Profiles/\(name).json").path
    let out = work.appendingPathComponent("e2e")
    try run(binary, ["build", profile, "--format", "tex", "--out", out.path, "--force"])
    let texDir = work.appendingPathComponent("bare-\(name)")
    try FileManager.default.createDirectory(at: texDir, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: out.appendingPathComponent("\(name)-full.tex"), to: texDir.appendingPathComponent("cv.tex"))
    let e2eRepeats = quick ? repeats : 15
    try run(pdflatex, ["-interaction=nonstopmode", "cv.tex"], in: texDir)  // warm the file cache
    let bare = median(try (0..<e2eRepeats).map { _ in try time { try run(pdflatex, ["-interaction=nonstopmode", "cv.tex"], in: texDir) } })
    try run(binary, ["build", profile, "--out", out.path, "--force"], env: ["CVBUILD_CACHE": cache.path])  // warm the format cache
    let cached = median(try (0..<e2eRepeats).map { _ in
        try time { try run(binary, ["build", profile, "--out", out.path, "--force", "--quiet"], env: ["CVBUILD_CACHE": cache.path]) }
    })
    try run(binary, ["build", profile, "--out", out.path, "--force", "--quiet", "--no-format-cache"])
    let uncached = median(try (0..<e2eRepeats).map { _ in
        try time { try run(binary, ["build", profile, "--out", out.path, "--force", "--quiet", "--no-format-cache"]) }
    })
    print("  \(name): bare pdflatex \(sec(bare)); cvbuild with format cache \(sec(cached)) (\(String(format: "%.2f", cached / bare))×); without \(sec(uncached)) (\(String(format: "%.2f", uncached / bare))×)")
}
print("")

// 2b. Fitting a page: the one-page pack against the full pack, same profile, side by side.
if part("fit") {
    print("## Fitting one page vs the full pack, same profile (format cache warm; runs alternate)")
    let out = work.appendingPathComponent("fit")
    let fitRepeats = quick ? 3 : 9
    var ratios: [Double] = []
    for name in references {
        let profile = root.appendingPathComponent("Profiles/\(name).json").path
        func build(_ style: String) throws -> Double {
            try time { try run(binary, ["build", profile, "--style", style, "--out", out.path, "--force", "--quiet"], env: ["CVBUILD_CACHE": cache.path]) }
        }
        _ = try build("full"); _ = try build("one-page")  // warm the format caches
        var full: [Double] = [], onePage: [Double] = []
        for _ in 0..<fitRepeats {
            full.append(try build("full"))
            onePage.append(try build("one-page"))
        }
        let ratio = median(onePage) / median(full)
        ratios.append(ratio)
        print("  \(name.padding(toLength: 14, withPad: " ", startingAt: 0)) full \(sec(median(full))); one-page \(sec(median(onePage))) (\(String(format: "%.2f", ratio))×)")
    }
    print("  largest ratio \(String(format: "%.2f", ratios.max() ?? 0))×")
    print("")
}
// 2b. Edit to PDF under `watch` (from the profile's change to the new PDF in place), against one
// bare pdflatex pass on the same .tex and a normal build, in one run.
if part("watch") { print("## Edit to PDF: watch vs one bare pdflatex pass vs a normal build (full style)") }
for name in ["hexu-zhao"] where part("watch") {
    let dir = work.appendingPathComponent("watch-\(name)")
    let profile = dir.appendingPathComponent("cv.json")
    let original = try String(contentsOf: root.appendingPathComponent("Profiles/\(name).json"), encoding: .utf8)
    let edits = quick ? 5 : 15
    // Each edit changes the text of an entry (not the preamble): the title of the first
    // publication, or failing that the start of the summary.
    func edited(_ i: Int) -> String {
        if let range = original.range(of: #""title": ""#, options: [], range: original.range(of: #""type": "publication""#).map { $0.upperBound..<original.endIndex }) {
            var text = original
            text.replaceSubrange(range, with: #""title": "Edit \#(i): "#)
            return text
        }
        return original.replacingOccurrences(of: #""summary": ""#, with: #""summary": "Edit \#(i): "#)
    }
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try Data(edited(0).utf8).write(to: profile)
    let env = ["CVBUILD_CACHE": cache.path]

    // One bare pdflatex pass on the .tex cvbuild writes (after a warm-up pass that writes the .aux).
    let texOut = dir.appendingPathComponent("tex")
    try run(binary, ["build", profile.path, "--format", "tex", "--out", texOut.path, "--force", "--quiet"])
    let bareDir = dir.appendingPathComponent("bare")
    try FileManager.default.createDirectory(at: bareDir, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: texOut.appendingPathComponent("cv-full.tex"), to: bareDir.appendingPathComponent("cv.tex"))
    try run(pdflatex, ["-interaction=nonstopmode", "cv.tex"], in: bareDir)

    // A normal build, end to end, with the format cache warm, of a copy of the profile in a folder of its own.
    let normalDir = dir.appendingPathComponent("normal")
    try FileManager.default.createDirectory(at: normalDir, withIntermediateDirectories: true)
    try Data(edited(0).utf8).write(to: normalDir.appendingPathComponent("cv.json"))
    let normalBuild = ["build", normalDir.appendingPathComponent("cv.json").path, "--out", normalDir.path, "--force", "--quiet"]
    try run(binary, normalBuild, env: env)

    // watch: edit, then wait for the new PDF to be renamed into place (seen through the folder's notifications).
    let watchOut = dir.appendingPathComponent("watch")
    try FileManager.default.createDirectory(at: watchOut, withIntermediateDirectories: true)
    let pdf = watchOut.appendingPathComponent("cv-full.pdf")
    func identity() -> String? {
        var st = stat()
        guard stat(pdf.path, &st) == 0 else { return nil }
        #if canImport(Darwin)
        let mtime = st.st_mtimespec
        #else
        let mtime = st.st_mtim
        #endif
        return "\(st.st_ino) \(st.st_size) \(mtime.tv_sec).\(mtime.tv_nsec)"
    }
    let log = dir.appendingPathComponent("watch.log")
    let watcher = try ChildProcess.start(binary.path, ["watch", profile.path, "--out", watchOut.path], in: dir.path,
                                         environment: ProcessInfo.processInfo.environment.merging(env) { $1 }, output: log.path)
    let notices = FileWatcher(files: [pdf.path])
    var waited = 0
    while identity() == nil && waited < 1200 { Thread.sleep(forTimeInterval: 0.05); waited += 1 }

    // Rounds of one bare pass, one normal build and one edit under watch, so that the three
    // medians see the same load on a shared machine.
    var bares: [Double] = [], normals: [Double] = [], latencies: [Double] = []
    for i in 1...edits {
        // A person's pause between saves: the watch's next engine is ready by then, and loading
        // it does not overlap the bare pass or the normal build either.
        Thread.sleep(forTimeInterval: 0.7)
        bares.append(try time { try run(pdflatex, ["-interaction=nonstopmode", "cv.tex"], in: bareDir) })
        normals.append(try time { try run(binary, normalBuild, env: env) })
        let before = identity()
        let staged = dir.appendingPathComponent("cv.json.new")
        try Data(edited(i).utf8).write(to: staged)
        let started = DispatchTime.now().uptimeNanoseconds
        rename(staged.path, profile.path)
        while identity() == before {
            if let notices { _ = notices.wait(timeout: 0.05) } else { Thread.sleep(forTimeInterval: 0.001) }
        }
        latencies.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
    }
    let bare = median(bares), normal = median(normals)
    Thread.sleep(forTimeInterval: 0.3)
    kill(watcher.pid, SIGTERM)
    _ = watcher.wait(timeout: 10)
    let watchLog = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    let built = watchLog.split(separator: "\n").filter { $0.hasPrefix("built ") }.dropFirst()
    let ahead = built.filter { $0.hasSuffix("(TeX started ahead)") }.count
    // The last PDF against a normal build of the same profile.
    let checkOut = dir.appendingPathComponent("check")
    try run(binary, ["build", profile.path, "--out", checkOut.path, "--force", "--quiet"], env: env)
    let identical = FileManager.default.contents(atPath: pdf.path) == FileManager.default.contents(atPath: checkOut.appendingPathComponent("cv-full.pdf").path)
    let edit = median(latencies)
    print("  \(name) (\(edits) rounds): bare pdflatex pass \(sec(bare)); normal build \(sec(normal)) (\(String(format: "%.2f", normal / bare))×); watch edit → PDF \(sec(edit)) (\(String(format: "%.2f", edit / bare))×)")
    print("    watch: typeset ahead \(ahead) of \(built.count) rebuilds; edit → PDF min \(sec(latencies.min() ?? 0)), max \(sec(latencies.max() ?? 0)); last PDF \(identical ? "identical to" : "DIFFERS from") a normal build")
}
if part("watch") { print("") }

// 3. No-op rebuild and 4. --jobs 1 vs 2 over the reference profiles in every style.
if part("batch") {
print("## Batch: 5 reference profiles × 3 styles")
let batch = work.appendingPathComponent("batch")
let profiles = references.map { root.appendingPathComponent("Profiles/\($0).json").path }
try run(binary, ["build"] + profiles + ["--all-styles", "--out", batch.path], env: ["CVBUILD_CACHE": cache.path])
let noop = median(try (0..<max(repeats, 11)).map { _ in
    try time { try run(binary, ["build"] + profiles + ["--all-styles", "--out", batch.path, "--quiet"], env: ["CVBUILD_CACHE": cache.path]) }
})
let outputs = try FileManager.default.contentsOfDirectory(atPath: batch.path).filter { $0.hasSuffix(".pdf") }.count
print("  no-op rebuild of \(outputs) outputs: \(ms(noop))")
let jobRepeats = quick ? 1 : 3
var jobTimes: [Int: Double] = [:]
for jobs in [1, 2] {
    jobTimes[jobs] = median(try (0..<jobRepeats).map { _ in
        try time { try run(binary, ["build"] + profiles + ["--all-styles", "--out", batch.path, "--force", "--quiet", "--jobs", "\(jobs)"],
                           env: ["CVBUILD_CACHE": cache.path]) }
    })
}
print("  --force --jobs 1: \(sec(jobTimes[1]!)); --jobs 2: \(sec(jobTimes[2]!)); speed-up \(String(format: "%.2f", jobTimes[1]! / jobTimes[2]!))× (median of \(jobRepeats))")
print("")
}

// 5. Scaling with generated profiles.
if part("scaling") {
    print("## Scaling: generated profiles of N publications (full style)")
    print("  N       read JSON   render .tex  TeX (1 pass)  pages  peak memory (cvbuild / TeX)")
}
for n in (quick ? [100, 1000] : [100, 1000, 10_000]) where part("scaling") {
    let pubs = (0..<n).map { i in
        Entry(.publication(Publication(title: "Paper \(i): on systems, compilers & 100% reproducible builds",
                                       authors: ["Ada Example", "Bob Sample", "Carol Third", "Dan Fourth"], venue: "Proceedings of ExampleConf",
                                       key: "C\(n - i)", dates: .on(.month(2000 + i % 25, 1 + i % 12)))))
    }
    let profile = Profile(name: "Ada Example", sections: [Section(title: "Publications", entries: pubs)])
    let json = ProfileEncoder.encode(profile)
    let file = work.appendingPathComponent("gen-\(n).json")
    try Data(json.utf8).write(to: file)
    let runs = n >= 10_000 ? 5 : repeats
    let read = median((0..<runs).map { _ in time { _ = try! ProfileDecoder.decode(json).get() } })
    let decoded = try ProfileDecoder.decode(json).get().profile
    let render = median((0..<runs).map { _ in time { _ = LaTeXRenderer(pack: pack).render(decoded) } })
    let renderPeak = selfPeakMiB()
    let out = work.appendingPathComponent("gen-out")
    try run(binary, ["build", file.path, "--format", "tex", "--out", out.path, "--force"])
    let texDir = work.appendingPathComponent("gen-tex-\(n)")
    try FileManager.default.createDirectory(at: texDir, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: out.appendingPathComponent("gen-\(n)-full.tex"), to: texDir.appendingPathComponent("cv.tex"))
    let tex = try time { try run(pdflatex, ["-interaction=nonstopmode", "cv.tex"], in: texDir) }
    let texPeak = childPeakMiB()
    let log = (try? String(contentsOf: texDir.appendingPathComponent("cv.log"), encoding: .isoLatin1)) ?? ""
    let pages = TeXLog(log).pages ?? 0
    print("  \(String(n).padding(toLength: 7, withPad: " ", startingAt: 0)) \(ms(read).padding(toLength: 11, withPad: " ", startingAt: 0)) \(ms(render).padding(toLength: 12, withPad: " ", startingAt: 0)) \(sec(tex).padding(toLength: 13, withPad: " ", startingAt: 0)) \(String(pages).padding(toLength: 6, withPad: " ", startingAt: 0)) \(String(format: "%.0f", renderPeak)) MiB / \(String(format: "%.0f", texPeak)) MiB")
}

// 6. Hostile markup: one field of 64 KiB (the longest a field may be), read and validated as `check` does.
if part("markup") {
    print("")
    print("## Hostile markup: one 64 KiB field, read and validated (as check) / parsed alone")
    func repeated(_ piece: String) -> String {
        String(String(repeating: piece, count: ProfileDecoder.maxTextBytes / piece.utf8.count + 1).prefix(ProfileDecoder.maxTextBytes))
    }
    // The mixture is seeded, so every run measures the same text.
    var seed: UInt64 = 1
    func nextPiece(_ pieces: [String]) -> String {
        seed = seed &* 6364136223846793005 &+ 1442695040888963407
        return pieces[Int((seed >> 33) % UInt64(pieces.count))]
    }
    var mixture = ""
    while mixture.utf8.count < ProfileDecoder.maxTextBytes {
        mixture += nextPiece(["[a](", "*", "**a", "`", "\\", "[", "](", "a", " ", "**", ")", "]", "(", "*a*", "[b](u)"])
    }
    let shapes: [(String, String)] = [
        ("[a](", repeated("[a](")), ("*", repeated("*")), ("**", repeated("**")), ("**a", repeated("**a")),
        ("`", repeated("`")), ("\\", repeated("\\")), ("[", repeated("[")), ("](", repeated("](")),
        ("nested [", String(repeating: "[", count: 13_000) + "x" + String(repeating: "](u)", count: 13_000)),
        ("mixture", String(mixture.prefix(ProfileDecoder.maxTextBytes))),
    ]
    for (name, text) in shapes {
        let json = ProfileEncoder.encode(Profile(name: "Ada Example", sections: [
            Section(title: "Text", entries: [Entry(.paragraph(Markup(text)))]),
        ]))
        let outcome: String = switch ProfileDecoder.decode(json) {  // also the warm-up
        case .success: "valid"
        case .failure: "rejected: too deep"
        }
        let check = median((0..<max(repeats, 11)).map { _ in time { _ = ProfileDecoder.decode(json) } })
        let parse = median((0..<max(repeats, 11)).map { _ in time { _ = Markup(text) } })
        print("  \(name.padding(toLength: 9, withPad: " ", startingAt: 0)) \(String(text.utf8.count)) bytes: check \(ms(check)), parse \(ms(parse)) (\(outcome))")
    }
}


// 7. Throughput per core: the 15 reference outputs (5 profiles × 3 packs) built with --jobs 1,
//    as CVs a second, for each output format; PDFs with a warm format cache and without one.
//    With --shard, each of N runners builds about 1/N of a batch; docs/SCALING.md does the arithmetic.
if part("throughput") {
    print("")
    print("## Throughput of one core (--jobs 1 --force): 5 reference profiles × 3 packs")
    let profiles = references.map { root.appendingPathComponent("Profiles/\($0).json").path }
    let out = work.appendingPathComponent("throughput")
    let throughputRepeats = quick ? 1 : 5
    let cases: [(String, [String], [String: String])] = [
        ("pdf, format cache warm", [], ["CVBUILD_CACHE": cache.path]),
        ("pdf, --no-format-cache", ["--no-format-cache"], ["CVBUILD_CACHE": cache.path]),
        ("png at 150 dpi, cache warm", ["--format", "png"], ["CVBUILD_CACHE": cache.path]),
        ("html", ["--format", "html"], [:]),
        ("md", ["--format", "md"], [:]),
    ]
    for (label, extra, env) in cases {
        let args = ["build"] + profiles + ["--all-styles", "--out", out.path, "--force", "--quiet", "--jobs", "1"] + extra
        try run(binary, args, env: env)  // warm-up (and the format cache)
        var cpu: [Double] = []
        let t = median(try (0..<throughputRepeats).map { _ in
            let before = childCPUSeconds()
            defer { cpu.append(childCPUSeconds() - before) }
            return try time { try run(binary, args, env: env) }
        })
        let count = references.count * 3
        let c = median(cpu)
        print("  \(label.padding(toLength: 28, withPad: " ", startingAt: 0)) wall \(sec(t)) for \(count): \(String(format: "%.2f", Double(count) / t)) CVs/s; "
              + "CPU \(sec(c)): \(String(format: "%.2f", Double(count) / c)) CVs per CPU-second (medians of \(throughputRepeats))")
    }
}
