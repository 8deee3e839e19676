import CVBuildCLI
import CVTestSupport
import Foundation
import Testing

/// `scripts/install` with the binary this test run built (`--binary`), into temporary prefixes.
@Suite struct InstallScriptTests {
    static let packs = builtInPacks

    func install(_ environment: [String: String], in dir: URL) throws -> ChildRun {
        try runChild("/bin/bash", [packageRoot.appendingPathComponent("scripts/install").path, "--binary", builtExecutable.path],
                     in: dir, environment: environment)
    }

    @Test func installedBinaryFindsItsPacksFromAnyFolder() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let home = dir.appendingPathComponent("home"), elsewhere = dir.appendingPathComponent("elsewhere")
        let prefix = dir.appendingPathComponent("prefix with space")
        for d in [home, elsewhere] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
        var env = childEnvironment(home: home)
        env["PREFIX"] = prefix.path
        let run = try install(env, in: elsewhere)
        #expect(run.status == 0, "\(run.stderr)")

        let bin = prefix.appendingPathComponent("bin/cvbuild")
        #expect(FileManager.default.isExecutableFile(atPath: bin.path))
        let styles = prefix.appendingPathComponent("share/cvbuild/Styles")
        for pack in Self.packs {
            for file in ["pack.json", "style.tex"] {
                let installed = FileManager.default.contents(atPath: styles.appendingPathComponent("\(pack)/\(file)").path)
                #expect(installed != nil && installed == FileManager.default.contents(atPath: packageRoot.appendingPathComponent("Styles/\(pack)/\(file)").path),
                        "\(pack)/\(file)")
            }
        }

        // Mark the installed copy, so the listing shows it was read rather than the source tree's packs.
        let manifest = styles.appendingPathComponent("full/pack.json")
        try write(try String(contentsOf: manifest, encoding: .utf8).replacingOccurrences(of: "\"description\": \"", with: "\"description\": \"Installed. "), to: manifest)

        // By bare name from PATH (argv[0] is then just "cvbuild"), and through a symbolic link elsewhere.
        let link = dir.appendingPathComponent("links/cvbuild")
        try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: bin)
        let fromPath = try runChild("/usr/bin/env", ["cvbuild", "styles"], in: elsewhere,
                                    environment: childEnvironment(home: home, pathFirst: [bin.deletingLastPathComponent()]))
        let fromLink = try runChild(link.path, ["styles"], in: elsewhere, environment: childEnvironment(home: home))
        for listing in [fromPath, fromLink] {
            #expect(listing.status == 0, "\(listing.stderr)")
            let names = listing.stdout.split(separator: "\n").map { String($0.prefix { $0 != " " }) }
            #expect(names == Self.packs)
            #expect(listing.stdout.contains("full        Installed. The complete academic CV"), "\(listing.stdout)")
        }
    }

    @Test func destdirStagesThePrefixLayout() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let home = dir.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var env = childEnvironment(home: home)
        env["DESTDIR"] = dir.appendingPathComponent("stage").path
        env["PREFIX"] = "/opt/cvbuild"
        let run = try install(env, in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let staged = dir.appendingPathComponent("stage/opt/cvbuild")
        #expect(FileManager.default.isExecutableFile(atPath: staged.appendingPathComponent("bin/cvbuild").path))
        #expect(FileManager.default.fileExists(atPath: staged.appendingPathComponent("share/cvbuild/Styles/one-page/style.tex").path))
        #expect(run.stderr.contains("installed \(staged.path)/bin/cvbuild"), "\(run.stderr)")
    }

    @Test func refusesARelativePrefixAndAMissingBinary() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var env = childEnvironment(home: dir)
        env["PREFIX"] = "relative/prefix"
        let relative = try install(env, in: dir)
        #expect(relative.status == 64)
        #expect(relative.stderr.contains("PREFIX must be an absolute path, not 'relative/prefix'"))
        env["PREFIX"] = dir.appendingPathComponent("p").path
        let missing = try runChild("/bin/bash", [packageRoot.appendingPathComponent("scripts/install").path, "--binary", dir.appendingPathComponent("nope").path],
                                   in: dir, environment: env)
        #expect(missing.status == 66)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("p").path))
    }
}
