import CVBuildCLI
import CVTestSupport
import Foundation
import Testing

/// `scripts/package`: the release archive's layout, and that its binary builds a CV with the
/// packs it carries. By default the archive wraps the binary this test run built; with
/// `CVBUILD_PACKAGE_TEST=1` the script makes the real release build (statically linked Swift
/// runtime, minutes on a small machine; in a scratch folder of its own, since `swift test`
/// holds `.build`), and its binary must build a CV with the toolchain's libraries out of reach
/// and `ldd` must name none of them.
@Suite(.serialized) struct PackageScriptTests {
    static let full = ProcessInfo.processInfo.environment["CVBUILD_PACKAGE_TEST"] == "1"
    static var version: String {
        let source = (try? String(contentsOf: packageRoot.appendingPathComponent("Sources/CVBuildKit/BuildFailure.swift"), encoding: .utf8)) ?? ""
        let line = source.split(separator: "\n").first { $0.contains("static let version = ") } ?? ""
        return line.split(separator: "\"").dropFirst().first.map(String.init) ?? ""
    }
    static var archiveName: String { "cvbuild-\(version)-linux-\(machine())" }

    static func machine() -> String {
        var u = utsname()
        uname(&u)
        return withUnsafeBytes(of: &u.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    func package(_ args: [String], in dir: URL, home: URL) throws -> ChildRun {
        try runChild("/bin/bash", [packageRoot.appendingPathComponent("scripts/package").path] + args,
                     in: dir, environment: childEnvironment(home: home))
    }

    /// Makes the archive (release build or this run's binary), unpacks it into `dir/unpacked`.
    func unpackedArchive(in dir: URL, home: URL) throws -> URL {
        let out = dir.appendingPathComponent("dist")
        let build = Self.full ? ["--scratch-path", dir.appendingPathComponent("swiftpm").path] : ["--binary", builtExecutable.path]
        let run = try package(build + ["--out", out.path], in: dir, home: home)
        #expect(run.status == 0, "\(run.stderr)")
        let archive = out.appendingPathComponent("\(Self.archiveName).tar.gz")
        #expect(FileManager.default.fileExists(atPath: archive.path))
        let check = try runChild("/usr/bin/sha256sum", ["-c", "\(Self.archiveName).tar.gz.sha256"], in: out, environment: childEnvironment(home: home))
        #expect(check.status == 0, "\(check.stdout) \(check.stderr)")
        let unpacked = dir.appendingPathComponent("unpacked")
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
        let tar = try runChild("/bin/tar", ["-xzf", archive.path, "-C", unpacked.path], in: dir, environment: childEnvironment(home: home))
        #expect(tar.status == 0, "\(tar.stderr)")
        return unpacked.appendingPathComponent(Self.archiveName)
    }

    @Test func dryRunNamesTheStaticBuildAndTheArchive() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try package(["--dry-run", "--out", dir.path], in: dir, home: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("swift build -c release --product cvbuild --static-swift-stdlib"), "\(run.stdout)")
        #expect(run.stdout.contains("archive: \(dir.path)/\(Self.archiveName).tar.gz"), "\(run.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        let bad = try package(["--frobnicate"], in: dir, home: dir)
        #expect(bad.status == 64 && bad.stderr.contains("unknown argument '--frobnicate'"))
    }

    @Test(.enabled(if: texEnabled)) func archiveBinaryBuildsACVWithItsOwnPacks() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let home = dir.appendingPathComponent("home"), elsewhere = dir.appendingPathComponent("elsewhere")
        for d in [home, elsewhere] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
        let top = try unpackedArchive(in: dir, home: home)
        let bin = top.appendingPathComponent("bin/cvbuild")
        #expect(FileManager.default.isExecutableFile(atPath: bin.path))

        // Every file of every pack, byte for byte.
        let source = packageRoot.appendingPathComponent("Styles")
        let files = FileManager.default.subpaths(atPath: source.path)!.filter { !$0.hasSuffix("/") }
        #expect(!files.isEmpty)
        for file in files {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: source.appendingPathComponent(file).path, isDirectory: &isDir), !isDir.boolValue else { continue }
            #expect(FileManager.default.contents(atPath: top.appendingPathComponent("share/cvbuild/Styles/\(file)").path)
                    == FileManager.default.contents(atPath: source.appendingPathComponent(file).path), "\(file)")
        }
        for doc in ["README.md", "CHANGELOG.md"] {
            #expect(FileManager.default.contents(atPath: top.appendingPathComponent(doc).path)
                    == FileManager.default.contents(atPath: packageRoot.appendingPathComponent(doc).path), "\(doc)")
        }
        // Completion scripts in the places each shell looks, each in its shell's own syntax (bash -n judges bash's).
        let bash = top.appendingPathComponent("share/bash-completion/completions/cvbuild")
        let syntax = try runChild("/bin/bash", ["-n", bash.path], in: dir, environment: childEnvironment(home: home))
        #expect(syntax.status == 0, "\(syntax.stderr)")
        #expect(try String(contentsOf: bash, encoding: .utf8).contains("complete -F"))
        #expect(try String(contentsOf: top.appendingPathComponent("share/zsh/site-functions/_cvbuild"), encoding: .utf8).hasPrefix("#compdef cvbuild"))
        #expect(try String(contentsOf: top.appendingPathComponent("share/fish/vendor_completions.d/cvbuild.fish"), encoding: .utf8).contains("complete -c cvbuild"))

        // The binary lists the archive's packs and builds a CV from another folder. With the
        // release build, the run has no Swift on PATH, no library path, and nothing else inherited.
        var env = Self.full ? ["HOME": home.path, "PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": "", "LC_ALL": "C.UTF-8"]
                            : childEnvironment(home: home)
        env["TMPDIR"] = FileManager.default.temporaryDirectory.path
        let styles = try runChild(bin.path, ["styles"], in: elsewhere, environment: env)
        #expect(styles.status == 0, "\(styles.stderr)")
        #expect(styles.stdout.split(separator: "\n").map { String($0.prefix { $0 != " " }) } == builtInPacks)
        let built = try runChild(bin.path, ["build", profilePath("hexu-zhao"), "--out", elsewhere.appendingPathComponent("out").path],
                                 in: elsewhere, environment: env)
        #expect(built.status == 0, "\(built.stderr)")
        let pdf = elsewhere.appendingPathComponent("out/hexu-zhao-full.pdf")
        #expect(try pdfText(pdf).contains("Hexu Zhao"))

        if Self.full {
            let ldd = try runChild("/usr/bin/ldd", [bin.path], in: dir, environment: env)
            #expect(ldd.status == 0, "\(ldd.stderr)")
            let swiftLibraries = ldd.stdout.split(separator: "\n").filter { $0.contains("libswift") || $0.contains("libFoundation") || $0.contains("libdispatch") || $0.contains("/opt/swift") }
            #expect(swiftLibraries.isEmpty, "\(ldd.stdout)")
        }
    }
}
