import CVBuildCLI
import CVTestSupport
import CVBuildKit
import Foundation
import Testing

let referenceProfiles = ["hanqing-zhu", "hanxian-huang", "zhaorui-zhang", "hexu-zhao", "qinghao-hu"]

@Suite(.enabled(if: texEnabled, "CVBUILD_SKIP_TEX=1")) struct StylePackBuildTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var profile: String
        var style: String
        var testDescription: String { "\(profile) × \(style)" }
    }

    static let cases = referenceProfiles.flatMap { p in builtInPacks.map { Case(profile: p, style: $0) } }

    @Test(arguments: cases)
    func everyReferenceProfileBuildsInEveryPack(_ c: Case) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = runTool(["build", profilePath(c.profile), "--style", c.style, "--out", dir.path])
        #expect(run.code == .success, "\(run.stderr)")
        let pages = try pdfPages(dir.appendingPathComponent("\(c.profile)-\(c.style).pdf"))
        if let limit = pageLimit(ofPack: c.style) {
            #expect((pages ?? 0) >= 1 && (pages ?? 0) <= limit)
        } else {
            #expect((pages ?? 0) >= 1)
        }
        let text = try pdfText(dir.appendingPathComponent("\(c.profile)-\(c.style).pdf"))
        #expect(text.contains(profileName(c.profile)))
    }

    @Test(arguments: referenceProfiles)
    func onePageOnA4(_ name: String) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = runTool(["build", profilePath(name), "--style", "one-page", "--paper", "a4", "--out", dir.path])
        #expect(run.code == .success, "\(run.stderr)")
        let pdf = dir.appendingPathComponent("\(name)-one-page.pdf")
        #expect(try pdfPages(pdf) == 1)
        let info = try runProgram("pdfinfo", [pdf.path])
        #expect(info.contains("595.276 x 841.89 pts (A4)"), "\(info)")
    }

    /// `compact` is built for applicant-tracking systems: the words pdftotext reads, in its reading order, are
    /// the words of the page line by line, top to bottom and left to right (as `pdftotext -layout` lays them out).
    @Test(arguments: referenceProfiles + ["example"])
    func compactReadsInTheOrderItIsSeen(_ name: String) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = runTool(["build", profilePath(name), "--style", "compact", "--out", dir.path])
        #expect(run.code == .success, "\(run.stderr)")
        let pdf = dir.appendingPathComponent("\(name)-compact.pdf").path
        func words(_ options: [String]) throws -> [String] {
            try runProgram("pdftotext", ["-enc", "UTF-8"] + options + [pdf, "-"]).split(whereSeparator: \.isWhitespace).map(String.init)
        }
        let reading = try words([]), visual = try words(["-layout"])
        #expect(reading.count > 100)
        if let i = zip(reading, visual).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            Issue.record("\(name): read …\(reading[max(0, i - 8)..<min(reading.count, i + 8)].joined(separator: " "))… but seen …\(visual[max(0, i - 8)..<min(visual.count, i + 8)].joined(separator: " "))…")
        }
        #expect(reading.count == visual.count)
    }

    @Test func fittingReportsWhatItDropped() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = runTool(["build", profilePath("qinghao-hu"), "--style", "one-page", "--out", dir.path])
        #expect(run.code == .success)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.dropFirst().first == "  tightened to level 1 of 1")
        // Preprints go before any peer-reviewed paper.
        #expect(lines.contains { $0.hasPrefix("  dropped from Publication: ") && $0.hasSuffix(" preprints") }, "\(run.stderr)")
        // Deterministic: the same profile gives the same page.
        let first = try Data(contentsOf: dir.appendingPathComponent("qinghao-hu-one-page.pdf"))
        let again = runTool(["build", profilePath("qinghao-hu"), "--style", "one-page", "--out", dir.path, "--force"])
        #expect(again.stderr.split(separator: "\n").dropFirst() == run.stderr.split(separator: "\n").dropFirst())
        #expect(try Data(contentsOf: dir.appendingPathComponent("qinghao-hu-one-page.pdf")) == first)
    }

    @Test func userPackFromStylesDirIsUsed() throws {
        let styles = try temporaryFolder()
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: styles) }
        let pack = styles.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
        // The full pack's manifest (its options included: its LaTeX reads them) under another name.
        let manifest = try String(contentsOf: packageRoot.appendingPathComponent("Styles/full/pack.json"), encoding: .utf8)
            .replacingOccurrences(of: #""name": "full""#, with: #""name": "mine""#)
            .replacingOccurrences(of: #"(?m)^  "description": ".*",$"#, with: #"  "description": "My own look","#, options: .regularExpression)
        try write(manifest, to: pack.appendingPathComponent("pack.json"))
        let style = try String(contentsOf: packageRoot.appendingPathComponent("Styles/full/style.tex"), encoding: .utf8)
            .replacingOccurrences(of: "\\newcommand{\\cvname}[1]{", with: "\\newcommand{\\cvname}[1]{MINE ")
        try write(style, to: pack.appendingPathComponent("style.tex"))
        let listed = runTool(["styles", "--styles-dir", styles.path])
        #expect(listed.stdout.contains("mine        My own look"))
        let run = runTool(["build", profilePath("example"), "--style", "mine", "--styles-dir", styles.path, "--out", dir.path])
        #expect(run.code == .success, "\(run.stderr)")
        #expect(try pdfText(dir.appendingPathComponent("example-mine.pdf")).contains("MINE"))
    }

    @Test func brokenPackIsReportedAgainstItsFile() throws {
        let styles = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: styles) }
        let pack = styles.appendingPathComponent("broken")
        try write("{\"name\": \"broken\", \"pageLimit\": 0}", to: pack.appendingPathComponent("pack.json"))
        try write("\\newcommand{\\cvname}[1]{#1}\n", to: pack.appendingPathComponent("style.tex"))
        let run = runTool(["build", profilePath("example"), "--style", "broken", "--styles-dir", styles.path, "--format", "tex", "--out", styles.path])
        #expect(run.code == .invalidInput)
        #expect(run.stderr.hasPrefix("cvbuild: \(pack.path)/pack.json:1:33: error: pageLimit: expected a positive whole number, found 0\ncvbuild: \(pack.path)/style.tex: error: the pack does not define \\cvheader, "), "\(run.stderr)")
    }

    func profileName(_ stem: String) -> String {
        ["hanqing-zhu": "Zhu", "hanxian-huang": "Hanxian Huang", "zhaorui-zhang": "Zhaorui Zhang", "hexu-zhao": "Hexu Zhao",
         "qinghao-hu": "Qinghao Hu"][stem] ?? stem
    }
}

/// A pack whose manifest name and folder disagree, or whose name is no pack name, is refused with
/// a hint whose name is one a pack may have: following it (naming the manifest and the folder
/// so) gives a pack that builds.
@Suite struct PackNameHintTests {
    @Test(arguments: [
        ("my pack", "mypack"), ("pack.v2", "pack2"), ("café", "cafe"), ("_x", "x-pack"), ("good", "other"),
        ("my pack", "my pack"),
    ])
    func followingTheHintGivesAPackThatBuilds(folder: String, manifestName: String) throws {
        let dir = try copyOfFullPack()
        defer { try? FileManager.default.removeItem(at: dir) }
        let styles = dir.appendingPathComponent("styles")
        let pack = styles.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: pack.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: dir.appendingPathComponent("full"), to: pack)
        let manifest = pack.appendingPathComponent("pack.json")
        let original = try String(contentsOf: manifest, encoding: .utf8)
        try write(original.replacingOccurrences(of: "\"name\": \"full\"", with: "\"name\": \"\(manifestName)\""), to: manifest)
        let out = dir.appendingPathComponent("out").path
        let refused = runTool(["build", profilePath("example"), "--styles-dir", styles.path, "--style", folder, "--format", "tex", "--out", out])
        #expect(refused.code == .invalidInput, "\(refused.stderr)")
        let hint = try #require(refused.stderr.components(separatedBy: "\n  hint: ").dropFirst().first, "\(refused.stderr)")
        let suggested = try #require(hint.split(separator: "\"").dropFirst().first.map(String.init), "\(hint)")
        // Follow the hint: the manifest and the folder take the suggested name.
        let renamed = styles.appendingPathComponent(suggested)
        if renamed.path != pack.path { try FileManager.default.moveItem(at: pack, to: renamed) }
        try write(original.replacingOccurrences(of: "\"name\": \"full\"", with: "\"name\": \"\(suggested)\""), to: renamed.appendingPathComponent("pack.json"))
        let built = runTool(["build", profilePath("example"), "--styles-dir", styles.path, "--style", suggested, "--format", "tex", "--out", out])
        #expect(built.code == .success, "hint \(hint): \(built.stderr)")
    }
}
