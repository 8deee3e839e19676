import CVBuildCLI
import CVTestSupport
import Foundation
import Testing

/// `docs/examples/pre-commit` installed in a fresh repository and run by real `git commit`s,
/// with the `cvbuild` this test run built on PATH.
@Suite struct PreCommitHookTests {
    static let good = """
    {"name": "Hook Tester",
     "sections": [{"title": "Work", "entries": [
      {"type": "item", "text": "Built things",
       "date": "2020-12"}]}]}

    """
    static let bad = good.replacingOccurrences(of: "2020-12", with: "2020-13")
    static let badMessage = #":4:12: error: sections[0].entries[0].date: "2020-13" is not a date"#

    /// A repository with its own HOME and no system or global git configuration, the hook
    /// installed and one commit made.
    struct Repository {
        let root: URL
        let work: URL
        let environment: [String: String]

        init() throws {
            root = try temporaryFolder()
            work = root.appendingPathComponent("repo")
            let home = root.appendingPathComponent("home")
            for d in [work, home] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
            var env = childEnvironment(home: home, pathFirst: [builtExecutable.deletingLastPathComponent()])
            env["GIT_CONFIG_NOSYSTEM"] = "1"
            env["XDG_CONFIG_HOME"] = home.appendingPathComponent(".config").path
            environment = env
            try git("init", "-q")
            try git("config", "user.name", "Hook Tester")
            try git("config", "user.email", "hook@example.org")
            try git("config", "commit.gpgsign", "false")
            let hook = work.appendingPathComponent(".git/hooks/pre-commit")
            try FileManager.default.createDirectory(at: hook.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("docs/examples/pre-commit"), to: hook)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
            try write("A CV repository.\n", to: work.appendingPathComponent("README"))
            try git("add", "README")
            try git("commit", "-q", "-m", "Start")
        }

        @discardableResult
        func git(_ args: String...) throws -> ChildRun {
            let run = try attempt(args)
            if run.status != 0 { throw Failure(message: "git \(args.joined(separator: " ")): \(run.stderr)") }
            return run
        }

        func attempt(_ args: [String]) throws -> ChildRun {
            try runChild("/usr/bin/env", ["git"] + args, in: work, environment: environment)
        }

        func put(_ text: String, _ path: String) throws { try write(text, to: work.appendingPathComponent(path)) }

        var commits: Int { (try? git("rev-list", "--count", "HEAD").stdout).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? -1 }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    struct Failure: Error, CustomStringConvertible { var message: String; var description: String { message } }

    @Test func aStagedBadProfileIsRefusedThoughTheWorkingCopyIsFixed() throws {
        let repo = try Repository()
        defer { repo.remove() }
        try repo.put(Self.good, "Profiles/fine.json")
        try repo.put(Self.bad, "Profiles/my cv.json")
        try repo.git("add", "Profiles")
        try repo.put(Self.good, "Profiles/my cv.json")
        let commit = try repo.attempt(["commit", "-q", "-m", "Add profiles"])
        #expect(commit.status == 1)
        #expect(commit.stderr.contains("cvbuild: Profiles/my cv.json" + Self.badMessage), "\(commit.stderr)")
        #expect(!commit.stderr.contains("fine.json"))
        #expect(!commit.stderr.contains(repo.root.path) && !commit.stderr.contains("cvbuild-pre-commit"), "names a temporary path: \(commit.stderr)")
        #expect(repo.commits == 1)
    }

    @Test func aStagedGoodProfilePassesThoughTheWorkingCopyIsBroken() throws {
        let repo = try Repository()
        defer { repo.remove() }
        try repo.put(Self.good, "Profiles/my cv.json")
        try repo.git("add", "Profiles")
        try repo.put(Self.bad, "Profiles/my cv.json")
        let commit = try repo.attempt(["commit", "-q", "-m", "Add a profile"])
        #expect(commit.status == 0, "\(commit.stderr)")
        #expect(repo.commits == 2)
        // A commit that touches no profile is not held up by the broken working copy either.
        try repo.put("More.\n", "README")
        try repo.git("add", "README")
        #expect(try repo.attempt(["commit", "-q", "-m", "Edit the README"]).status == 0)
        #expect(repo.commits == 3)
    }

    @Test func aStagedBibliographyIsReadWithTheProfiles() throws {
        let repo = try Repository()
        defer { repo.remove() }
        let profile = #"{"name": "Ada Lovelace", "sections": [{"title": "Publications", "bibliography": "my papers.bib"}]}"#
        try repo.put(profile, "Profiles/ada.json")
        try repo.put("@article{a, title={Notes}, author={Ada Lovelace}, journal={Memoirs}, year=1843}\n", "Profiles/my papers.bib")
        try repo.git("add", "Profiles")
        #expect(try repo.attempt(["commit", "-q", "-m", "Add a profile"]).status == 0)
        // A broken .bib, staged, is reported (its entry skipped, a warning) although the profile itself is unchanged.
        try repo.put("@article{a, title={Notes}, author={Ada Lovelace}, year=18x43\n", "Profiles/my papers.bib")
        try repo.git("add", "Profiles")
        let commit = try repo.attempt(["commit", "-q", "-m", "Break the bibliography"])
        #expect(commit.status == 0)
        #expect(commit.stderr.contains("cvbuild: Profiles/my papers.bib:1:"), "\(commit.stderr)")
        #expect(commit.stderr.contains("0 entries imported, 1 skipped"), "\(commit.stderr)")
        #expect(!commit.stderr.contains("cvbuild-pre-commit"), "names a temporary path: \(commit.stderr)")
        #expect(repo.commits == 3)
    }
}
