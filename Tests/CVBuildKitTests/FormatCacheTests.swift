import CVBuildCLI
import CVTestSupport
import CVBuildKit
import Foundation
import Testing

@Suite(.enabled(if: texEnabled)) struct FormatCacheTests {
    /// A package the preamble loads changes after its format was made: the next build sees the change.
    @Test func aChangedPackageRebuildsTheFormat() throws {
        let inputs = try temporaryFolder()
        let out = try temporaryFolder()
        let cache = try temporaryFolder()
        defer { [inputs, out, cache].forEach { try? FileManager.default.removeItem(at: $0) } }
        let package = inputs.appendingPathComponent("cvstamp.sty")
        try write("\\newcommand{\\cvstamp}{Stamp Alpha}\n", to: package)
        let styles = try copyOfFullPack { style in
            style.replacingOccurrences(of: "\\usepackage{xcolor}", with: "\\usepackage{xcolor}\n\\usepackage{cvstamp}\n\\AtBeginDocument{\\cvstamp}")
        }
        defer { try? FileManager.default.removeItem(at: styles) }
        var env = testEnvironment
        env["TEXINPUTS"] = inputs.path + ":"
        env["CVBUILD_CACHE"] = cache.path
        let args = ["build", profilePath("example"), "--styles-dir", styles.path, "--out", out.path, "--inherit-tex-env", "--force"]
        let first = runTool(args, environment: env)
        #expect(first.code == .success, "\(first.stderr)")
        let pdf = out.appendingPathComponent("example-full.pdf")
        #expect(try pdfText(pdf).contains("Stamp Alpha"))
        let formats = try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("formats").path)
        #expect(formats.contains { $0.hasSuffix(".fmt") }, "no format was cached: \(formats)")

        try write("\\newcommand{\\cvstamp}{Stamp Bravo, a longer one}\n", to: package)
        let second = runTool(args, environment: env)
        #expect(second.code == .success, "\(second.stderr)")
        let text = try pdfText(pdf)
        #expect(text.contains("Stamp Bravo"), "the stale format was used: \(text.prefix(200))")
    }

    /// The cache only saves time: the PDF is the same, byte for byte, in every built-in pack.
    @Test(arguments: builtInPacks)
    func aPDFBuiltWithTheCacheIsByteIdenticalToOneWithout(pack: String) throws {
        let cached = try temporaryFolder()
        let plain = try temporaryFolder()
        let cache = try temporaryFolder()
        defer { [cached, plain, cache].forEach { try? FileManager.default.removeItem(at: $0) } }
        var env = testEnvironment
        env["CVBUILD_CACHE"] = cache.path
        let name = "example-\(pack).pdf"
        // Twice with the cache: the first run makes the format, the second uses it.
        for _ in 0..<2 {
            let run = runTool(["build", profilePath("example"), "-s", pack, "--out", cached.path, "--force"], environment: env)
            #expect(run.code == .success, "\(run.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("formats").path).contains { $0.hasSuffix(".fmt") })
        let run = runTool(["build", profilePath("example"), "-s", pack, "--out", plain.path, "--no-format-cache"], environment: env)
        #expect(run.code == .success, "\(run.stderr)")
        let a = try Data(contentsOf: cached.appendingPathComponent(name))
        let b = try Data(contentsOf: plain.appendingPathComponent(name))
        #expect(a == b, "\(a.count) bytes with the cache, \(b.count) without; first difference at byte \(zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count))")
    }

    @Test func cacheCleanEmptiesTheCache() throws {
        let out = try temporaryFolder()
        let cache = try temporaryFolder()
        defer { [out, cache].forEach { try? FileManager.default.removeItem(at: $0) } }
        var env = testEnvironment
        env["CVBUILD_CACHE"] = cache.path
        #expect(runTool(["build", profilePath("example"), "--out", out.path], environment: env).code == .success)
        let formats = cache.appendingPathComponent("formats")
        #expect(try FileManager.default.contentsOfDirectory(atPath: formats.path).contains { $0.hasSuffix(".fmt") })
        let info = runTool(["cache"], environment: env)
        #expect(info.stdout.hasPrefix("\(cache.path): 1 precompiled preamble, "), "\(info.stdout)")
        let clean = runTool(["cache", "clean"], environment: env)
        #expect(clean.code == .success)
        #expect(!FileManager.default.fileExists(atPath: formats.path))
        #expect(runTool(["cache", "purge"], environment: env).code == .usage)
    }
}
