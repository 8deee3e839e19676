import CVBuildCLI
import CVTestSupport
import Foundation
import Testing

/// `cvbuild import bibtex`, `build` and `check` with a `.bib` that has one broken entry among good ones.
@Suite struct ImportRecoveryTests {
    static let bib = """
    @article{a, author = {A. One}, title = {First}, year = 2001}
    @article{broken,
      author = {B. Two}
      title = {Missing comma above}, year = 2002}
    @article{c, author = {C. Three}, title = {Third}, year = 2003}
    """

    @Test func importSkipsTheBrokenEntryAndSaysSo() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("refs.bib")
        try write(Self.bib, to: file)
        let run = runTool(["import", "bibtex", file.path])
        #expect(run.code == .success, "\(run.stderr)")
        #expect(run.stderr.contains("\(file.path):4:3: warning: expected ',' or '}' after the value of \"author\"; the @article entry at line 2 is skipped"))
        #expect(run.stderr.contains("\(file.path): 2 entries imported, 1 skipped"))
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let entries = ((json?["sections"] as? [[String: Any]])?.first?["entries"] as? [[String: Any]]) ?? []
        #expect(entries.compactMap { $0["title"] as? String } == ["First", "Third"])

        let strict = runTool(["import", "bibtex", file.path, "--strict"])
        #expect(strict.code == .invalidInput)
        #expect(strict.stderr.contains("\(file.path):4:3: error:"))
        #expect(strict.stdout.isEmpty)
    }

    @Test func aBibliographySectionBuildsAndCheckReportsTheSkippedEntry() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write(Self.bib, to: dir.appendingPathComponent("refs.bib"))
        let profile = dir.appendingPathComponent("cv.json")
        try write(#"{"name": "A. One", "sections": [{"title": "Publications", "bibliography": "refs.bib"}]}"#, to: profile)
        let check = runTool(["check", profile.path])
        #expect(check.code == .success, "\(check.stderr)")
        #expect(check.stderr.contains("refs.bib:4:3: warning:"))
        #expect(check.stderr.contains("cv.json:1:75: warning: sections[0].bibliography: bibliography \"refs.bib\": 2 entries imported, 1 skipped"))
        let build = runTool(["build", profile.path, "--format", "md", "--out", dir.path])
        #expect(build.code == .success, "\(build.stderr)")
        let md = try String(contentsOf: dir.appendingPathComponent("cv-full.md"), encoding: .utf8)
        #expect(md.contains("First") && md.contains("Third") && !md.contains("Missing comma"))
    }
}
