import CVBuildCLI
import CVBuildKit
import CVTestSupport
import Foundation
import Testing

/// The plan makes each output once, and parallel jobs never share a temporary file.
@Suite struct BuildPlanTests {
    /// Files in `dir` (hidden ones too), without the `.cvbuild` bookkeeping folder.
    func files(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != ".cvbuild" }.sorted()
    }

    /// These two runs used to collide on one partial file (`--format json --all-styles -j 3`
    /// wrote the same JSON once per style, concurrently). Each must pass 20 times in 20, run as
    /// the built executable (a process of its own, as users run it).
    @Test(arguments: [
        (["--format", "json", "--all-styles", "-j", "3"], "example.json"),
        (["--style", "full", "--style", "full", "--format", "tex", "-j", "3"], "example-full.tex"),
    ])
    func repeatedRunsAllPass(options: [String], output: String) throws {
        var failures: [String] = []
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        for i in 0..<20 {
            let dir = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let run = try runChild(builtExecutable.path, ["build", profilePath("example"), "--out", dir.path] + options,
                                   in: home, environment: childEnvironment(home: home))
            if run.status != 0 { failures.append("run \(i): exit \(run.status): \(run.stderr)") }
            // Made once: one progress line, one file, no partial left behind.
            let built = run.stderr.split(separator: "\n").filter { $0.hasPrefix("built ") }
            if built.count != 1 { failures.append("run \(i): \(built.count) outputs built: \(run.stderr)") }
            let written = try files(dir)
            if written != [output] { failures.append("run \(i): wrote \(written)") }
        }
        #expect(failures.isEmpty, "\(failures.count) of 20 failed: \(failures.prefix(3))")
    }

    @Test func styleFreeFormatsAreBuiltOncePerProfileAndVariant() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("v.json")
        try write("""
        {"name": "Ada", "sections": [{"title": "Work", "entries": [{"type": "item", "text": "x", "tags": ["t"]}]}],
         "variants": {"short": {"tags": ["t"]}}}
        """, to: file)
        let run = runTool(["build", file.path, "--all-styles", "--all-variants", "--format", "json", "--out", dir.appendingPathComponent("out").path])
        #expect(run.code == .success, "\(run.stderr)")
        #expect(try files(dir.appendingPathComponent("out")) == ["v-short.json", "v.json"])
        #expect(run.stderr.hasSuffix("2 built, 0 up to date, 0 failed"))
        // Each is valid JSON, read back by Foundation's reader.
        for name in ["v-short.json", "v.json"] {
            let data = try Data(contentsOf: dir.appendingPathComponent("out/\(name)"))
            #expect((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["name"] as? String == "Ada")
        }
    }

    /// A profile's variant and another profile whose file name is the same would write one file.
    @Test func differentJobsForOneOutputAreRefused() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let entries = #""sections": [{"title": "Work", "entries": [{"type": "item", "text": "x"}]}]"#
        try write(#"{"name": "Ada", \#(entries), "variants": {"web": {"headline": "Web"}}}"#, to: dir.appendingPathComponent("ada.json"))
        try write(#"{"name": "Other", \#(entries)}"#, to: dir.appendingPathComponent("ada-web.json"))
        let run = runTool(["build", dir.appendingPathComponent("ada.json").path, dir.appendingPathComponent("ada-web.json").path,
                           "--all-variants", "--format", "tex", "--out", dir.appendingPathComponent("out").path])
        #expect(run.code == .usage)
        #expect(run.stderr.contains("error: \(dir.path)/ada.json (variant \"web\") and \(dir.path)/ada-web.json would both write ada-web-full.tex"), "\(run.stderr)")
    }

    /// A write that fails names what it was doing and the paths: here the output's name is taken
    /// by a folder, so the finished file cannot be renamed over it.
    @Test func failedWriteNamesTheOperationAndThePath() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("example-full.tex")
        try write("x", to: target.appendingPathComponent("occupied"))
        let run = runTool(["build", profilePath("example"), "--format", "tex", "--out", dir.path])
        #expect(run.code == .cannotWrite)
        let prefix = "cvbuild: \(target.path): error: cannot rename \(dir.path)/.example-full.tex."
        #expect(run.stderr.hasPrefix(prefix) && run.stderr.contains(".partial to \(target.path): "), "\(run.stderr)")
        // The partial file is gone.
        #expect(try files(dir) == ["example-full.tex"])
    }

    /// The tailoring part of a name, from the scheme the README documents.
    @Test func tailoringSuffixes() {
        #expect(BuildJob.tailoringSuffix(.init()) == "")
        #expect(BuildJob.tailoringSuffix(.init(tags: ["ml", "db", "ml"])) == "+tag-db+tag-ml")
        #expect(BuildJob.tailoringSuffix(.init(tags: ["a"], excludeTags: ["b"], since: 2018)) == "+tag-a+exclude-tag-b+since-2018")
        #expect(BuildJob.tailoringSuffix(.init(tags: ["a b/ü+x"])) == "+tag-a%20b%2F%C3%BC%2Bx")
        #expect(BuildJob.tailoringSuffix(.init(excludeTags: ["Ok_1.2-3"])) == "+exclude-tag-Ok_1.2-3")
    }
}
