import CVBuildCLI
import CVTestSupport
import CVBuildKit
import CVModel
import ExampleCVs
import Foundation
import Testing

@Suite struct SwiftDSLTests {
    func decoded(_ name: String) throws -> Profile {
        let data = try Data(contentsOf: URL(fileURLWithPath: profilePath(name)))
        return try ProfileDecoder.decode(Array(data), file: name).get().profile
    }

    @Test func dslValueEqualsTheJSONProfile() throws {
        #expect(hexuZhao == (try decoded("hexu-zhao")))
    }

    @Test func dslCVWritesTheSameTeXAsItsJSONTwin() throws {
        let a = try temporaryFolder(), b = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        // What `swift run hexu-zhao-cv build --style full --format tex --out D` runs:
        let captured = Captured()
        let swiftCV = CommandLineTool(stdout: captured.out, stderr: captured.err, color: false,
                                      builtInProfiles: [.value(hexuZhao, stem: "hexu-zhao")])
        #expect(swiftCV.run(["build", "--style", "full", "--format", "tex", "--out", a.path]) == .success)
        #expect(runTool(["build", profilePath("hexu-zhao"), "--style", "full", "--format", "tex", "--out", b.path]).code == .success)
        let fromSwift = try Data(contentsOf: a.appendingPathComponent("hexu-zhao-full.tex"))
        let fromJSON = try Data(contentsOf: b.appendingPathComponent("hexu-zhao-full.tex"))
        #expect(fromSwift == fromJSON)
    }

    @Test func buildersHandleControlFlow() {
        let showTalks = false
        let years = [2021, 2022]
        let extra: String? = "GitHub"
        let profile = Profile("Ada") {
            if let extra { LinkTo(extra, "https://github.com/ada") }
            CVSection("Awards") {
                for y in years { Award(title: "Prize \(y)", dates: .on(.year(y))) }
                if showTalks { Paragraph("hidden") } else { Paragraph("shown").tags("web") }
                Group("Papers") {
                    Publication(title: "T", authors: ["Ada"]).selected()
                }
                Bullets {
                    "one"
                    Bullet("two") { "nested" }
                }
            }
        }
        #expect(profile.links == [Link(label: "GitHub", url: "https://github.com/ada")])
        let kinds = profile.sections[0].entries.map(\.content.typeName)
        #expect(kinds == ["award", "award", "paragraph", "group", "bullets"])
        #expect(profile.sections[0].entries[2].tags == ["web"])
        guard case .group(let g) = profile.sections[0].entries[3].content else { Issue.record("no group"); return }
        #expect(g.entries[0].selected)
        guard case .bullets(let b) = profile.sections[0].entries[4].content else { Issue.record("no bullets"); return }
        #expect(b[1].items == [Bullet("nested")])
    }
}

@Suite struct CanonicalJSONTests {
    static let profiles = ["example", "hanqing-zhu", "hanxian-huang", "zhaorui-zhang", "hexu-zhao", "qinghao-hu"]

    @Test(arguments: profiles)
    func jsonModelJSONIsAFixedPoint(_ name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: profilePath(name)))
        let profile = try ProfileDecoder.decode(Array(data)).get().profile
        let canonical = ProfileEncoder.encode(profile)
        let again = try ProfileDecoder.decode(canonical).get().profile
        #expect(again == profile)
        #expect(ProfileEncoder.encode(again) == canonical)
    }

    @Test func formatJSONWritesCanonicalProfile() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(runTool(["build", profilePath("example"), "--format", "json", "--out", dir.path]).code == .success)
        let first = try Data(contentsOf: dir.appendingPathComponent("example.json"))
        #expect(runTool(["build", dir.appendingPathComponent("example.json").path, "--format", "json", "--out", dir.appendingPathComponent("again").path]).code == .success)
        #expect(try Data(contentsOf: dir.appendingPathComponent("again/example.json")) == first)
    }
}

@Suite struct SchemaTests {
    static let python = "/usr/bin/python3"

    @Test func everyDeclaredKeyIsDescribed() {
        let keys = Shape.allCases.flatMap(\.keys) + EntryKind.allCases.flatMap(\.allKeys)
        #expect(keys.count > 100)
        for key in keys {
            #expect(key.description.count > 8 && key.description.hasSuffix("."), "\(key.name): \(key.description)")
        }
    }

    @Test func schemaCommandPrintsDraft202012() throws {
        let run = runTool(["schema"])
        #expect(run.code == .success)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    }

    /// Validates with a standard validator (Debian's python3-jsonschema).
    func validate(_ files: [String]) throws -> String {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let schema = dir.appendingPathComponent("schema.json")
        try write(runTool(["schema"]).stdout, to: schema)
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        v = jsonschema.Draft202012Validator(schema)
        for f in sys.argv[2:]:
            errors = list(v.iter_errors(json.load(open(f))))
            print(f, "valid" if not errors else "invalid: " + errors[0].message[:80])
        """
        return try runProgram(Self.python, ["-c", script, schema.path] + files)
    }

    @Test func everyShippedProfileValidates() throws {
        let files = CanonicalJSONTests.profiles.map(profilePath)
        let out = try validate(files)
        #expect(out == files.map { "\($0) valid\n" }.joined())
    }

    @Test func mistypedFieldsAreRejected() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let number = dir.appendingPathComponent("number.json")
        try write(#"{"name": "A", "sections": [{"title": "S", "entries": [{"type": "award", "title": 42}]}]}"#, to: number)
        let date = dir.appendingPathComponent("date.json")
        try write(#"{"name": "A", "sections": [{"title": "S", "entries": [{"type": "award", "title": "T", "date": "2020-13"}]}]}"#, to: date)
        let key = dir.appendingPathComponent("key.json")
        try write(#"{"name": "A", "nmae": "B", "sections": []}"#, to: key)
        let out = try validate([number.path, date.path, key.path])
        #expect(out.split(separator: "\n").allSatisfy { $0.contains(" invalid: ") }, "\(out)")
        #expect(runTool(["check", number.path]).code == .invalidInput)
    }
}

@Suite struct InitTests {
    @Test func initWritesAValidProfileAndNeverOverwrites() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("x.json")
        let first = runTool(["init", "--name", "Ada Lovelace", file.path])
        #expect(first.code == .success)
        #expect(runTool(["check", file.path]).code == .success)
        let before = try Data(contentsOf: file)
        let second = runTool(["init", "--name", "Someone Else", file.path])
        #expect(second.code == .cannotWrite)
        #expect(second.stderr == "cvbuild: \(file.path): error: already exists; not overwritten\n  hint: choose another file name, or remove this one first")
        #expect(try Data(contentsOf: file) == before)
    }

    @Test(.enabled(if: texEnabled, "CVBUILD_SKIP_TEX=1"))
    func initProfileBuildsAndShowsTheName() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("x.json")
        #expect(runTool(["init", "--name", "Ada Lovelace", file.path]).code == .success)
        #expect(runTool(["build", file.path, "--out", dir.path]).code == .success)
        #expect(try pdfText(dir.appendingPathComponent("x-full.pdf")).contains("Ada Lovelace"))
    }
}

/// The Swift CV shown in the README, kept compiling here.
@Suite struct ReadmeExampleTests {
    @Test func readmeSwiftCVBuildsTheModel() {
        let papers = [("Notes on the Analytical Engine", 1843)]
        let cv = Profile("Ada Lovelace") {
            Headline("Analyst and Metaphysician")
            Email("ada@example.org")
            Summary("I write about *engines* and **mathematics**.")
            CVSection("Education") {
                Education(institution: "Private tutoring", location: "London",
                          dates: .from(.year(1828), to: .year(1835))) {
                    Line("Tutors: Mary Somerville, Augustus De Morgan")
                    "Studied calculus and logic"
                }
            }
            CVSection("Publications") {
                for (title, year) in papers {
                    Publication(title: title, authors: ["Ada Lovelace"], venue: "Scientific Memoirs",
                                kind: .journal, dates: .on(.year(year))).selected()
                }
            }
        }
        #expect(cv.sections.map(\.id) == ["education", "publications"])
        guard case .education(let e) = cv.sections[0].entries[0].content else { Issue.record("kind"); return }
        #expect(e.details == ["Tutors: Mary Somerville, Augustus De Morgan"])
        #expect(e.highlights == [Bullet("Studied calculus and logic")])
        #expect(cv.sections[1].entries[0].selected)
    }
}
