import CVBuildCLI
import CVTestSupport
import CVBuildKit
import CVModel
import CVRender
import ExampleCVs
import Foundation
import Testing

/// A profile written in Swift goes through the same validator as a JSON file: each broken
/// Swift profile gets the diagnostics of its JSON twin (the same profile written as JSON), and
/// exit 65, instead of trapping somewhere in the renderer.
@Suite struct DSLValidationTests {
    static let deep = String(repeating: "[", count: 10) + "x" + String(repeating: "](https://a.org)", count: 10)

    /// Hexu Zhao's Swift CV with one thing broken, by name.
    static let cases: [(String, @Sendable (inout Profile) -> Void)] = [
        ("month 13", { $0.sections[0].entries[0] = Education(institution: "U", dates: .from(.month(2024, 13), to: .present)).entry }),
        ("month 0", { $0.sections[0].entries.append(Award(title: "A", dates: .on(.month(2024, 0))).entry) }),
        ("day 30 of February", { $0.sections[0].entries.append(News(date: .day(2023, 2, 30), text: "n").entry) }),
        ("year of five digits", { $0.sections[0].entries.append(Award(title: "A", dates: .on(.year(12_345))).entry) }),
        ("year below zero", { $0.sections[0].entries.append(Award(title: "A", dates: .on(.year(-5))).entry) }),
        ("greatest year", { $0.sections[0].entries.append(Award(title: "A", dates: .from(.day(Int.max, Int.min, Int.max), to: .year(Int.min))).entry) }),
        ("present expected", { $0.sections[0].entries.append(Award(title: "A", dates: .on(CVDate(.present, expected: true))).entry) }),
        ("end without start", { $0.sections[0].entries.append(Award(title: "A", dates: DateSpan(end: .year(2020))).entry) }),
        ("range backwards", { $0.sections[0].entries.append(Award(title: "A", dates: .from(.year(2021), to: .month(2019, 3))).entry) }),
        ("range from present", { $0.sections[0].entries.append(Award(title: "A", dates: .from(.present, to: .present)).entry) }),
        ("coFirst 1", { $0.sections[1].entries.append(Publication(title: "T", authors: ["A", "B"], coFirst: 1).entry) }),
        ("coFirst below zero", { $0.sections[1].entries.append(Publication(title: "T", authors: ["A", "B"], coFirst: -3).entry) }),
        ("coFirst over authors", { $0.sections[1].entries.append(Publication(title: "T", authors: ["A", "B"], coFirst: 5).entry) }),
        ("no authors", { $0.sections[1].entries.append(Publication(title: "T", authors: []).entry) }),
        ("talk without venues", { $0.sections[1].entries.append(Talk(title: "T", venues: []).entry) }),
        ("blank institution", { $0.sections[0].entries.append(Education(institution: "  ").entry) }),
        ("empty name", { $0.name = "" }),
        ("blank tag", { $0.sections[0].entries[0].tags = [" "] }),
        ("group in a group", { $0.sections[0].entries.append(Group(title: "G", entries: [Group(title: "H", entries: []).entry]).entry) }),
        ("bullets four deep", { $0.sections[0].entries.append(Bullets { Bullet("1") { Bullet("2") { Bullet("3") { "4" } } } }.entry) }),
        ("markup too deep", { $0.sections[0].entries.append(Paragraph(Markup(deep)).entry) }),
        ("text too long", { $0.headline = String(repeating: "é", count: 40_000) }),
        ("website scheme", { $0.website = "javascript:alert(1)" }),
        ("link without scheme", { $0.links = [Link(label: "Web", url: "www.example.org")] }),
        ("section id", { $0.sections.append(Section(title: "More", id: "More Things", entries: [Paragraph("x").entry])) }),
        ("variant style", { $0.variants = [Variant(name: "short", style: "onepage")] }),
        ("variant name", { $0.variants = [Variant(name: "Short Form")] }),
        ("variant tag", { $0.variants = [Variant(name: "short", tailoring: Tailoring(tags: ["systems"]))] }),
        ("variant section", { $0.variants = [Variant(name: "short", tailoring: Tailoring(sections: ["educaton"]))] }),
        ("variant limit", { $0.variants = [Variant(name: "short", tailoring: Tailoring(maxEntries: ["education": -1, "talks": 2]))] }),
    ]

    static func broken(_ name: String) -> Profile {
        var p = hexuZhao
        Self.cases.first { $0.0 == name }?.1(&p)
        return p
    }

    /// The diagnostics without their location: `error: path: message` and the hint.
    static func findings(_ stderr: String) -> [String] {
        stderr.components(separatedBy: "\n").reduce(into: [String]()) { out, line in
            if line.hasPrefix("  hint: "), !out.isEmpty { out[out.count - 1] += "\n" + line; return }
            guard let r = line.range(of: ": error: ") else { return }
            out.append(String(line[r.upperBound...]))
        }.sorted()
    }

    @Test(arguments: cases.map(\.0))
    func swiftProfileGetsItsJSONTwinsDiagnostics(_ name: String) throws {
        let profile = Self.broken(name)
        let captured = Captured()
        let swiftCV = CommandLineTool(environment: testEnvironment, stdout: captured.out, stderr: captured.err, color: false,
                                      builtInProfiles: [.value(profile, stem: "twin")])
        let code = swiftCV.run(["check"])
        #expect(code == .invalidInput && code.rawValue == 65, "\(name): \(captured.stderr)")

        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("twin.json")
        try write(ProfileEncoder.encode(profile), to: file)
        let json = runTool(["check", file.path])
        #expect(json.code == .invalidInput)

        let fromSwift = Self.findings(captured.stderr), fromJSON = Self.findings(json.stderr)
        #expect(!fromSwift.isEmpty)
        #expect(fromSwift == fromJSON, "\(name)\nSwift:\n\(captured.stderr)\nJSON:\n\(json.stderr)")
        // The Swift profile's diagnostics point at the builder call that made the entry, or name
        // the profile (for what no builder made); the JSON file's give its line and column.
        #expect(captured.stderr.hasPrefix("cvbuild: twin: error: ") || captured.stderr.hasPrefix("cvbuild: ExampleCVs/HexuZhao.swift:"),
                "\(captured.stderr)")
        #expect(json.stderr.hasPrefix("cvbuild: " + file.path + ":"), "\(json.stderr)")
    }

    /// The entry replaced in Swift was made without a builder: the finding points at its section's builder call.
    @Test func monthThirteenReadsAsInJSON() {
        let captured = Captured()
        let tool = CommandLineTool(environment: testEnvironment, stdout: captured.out, stderr: captured.err, color: false,
                                   builtInProfiles: [.value(Self.broken("month 13"), stem: "hexu-zhao")])
        #expect(tool.run(["build", "--format", "tex", "--out", FileManager.default.temporaryDirectory.path]) == .invalidInput)
        // The line of the first section's builder call, read from the source file itself.
        let source = (try? String(contentsOf: packageRoot.appendingPathComponent("Sources/ExampleCVs/HexuZhao.swift"), encoding: .utf8)) ?? ""
        let line = (source.components(separatedBy: "\n").firstIndex { $0.hasPrefix("    CVSection(") } ?? -1) + 1
        #expect(captured.stderr == """
        cvbuild: ExampleCVs/HexuZhao.swift:\(line):5: error: sections[0].entries[0].start: "2024-13" is not a date (month 13 is out of range) (expected YYYY, YYYY-MM, YYYY-MM-DD or present, optionally followed by " (expected)")
        """)
    }

    @Test func builderCallsAreWhereSwiftDiagnosticsPoint() {
        let line = #line + 4
        let profile = Profile("Ada") {
            CVSection("Education") {
                Education(institution: "U", dates: .from(.year(2020), to: .present))
                Education(institution: "V", dates: .from(.month(2024, 13), to: .present))
                Group("G") { Award(title: " ") }
            }
        }
        let captured = Captured()
        let tool = CommandLineTool(environment: testEnvironment, stdout: captured.out, stderr: captured.err, color: false,
                                   builtInProfiles: [.value(profile, stem: "ada")])
        #expect(tool.run(["check"]) == .invalidInput)
        #expect(captured.stderr == """
        cvbuild: CVBuildKitTests/DSLValidationTests.swift:\(line):17: error: sections[0].entries[1].start: "2024-13" is not a date (month 13 is out of range) (expected YYYY, YYYY-MM, YYYY-MM-DD or present, optionally followed by " (expected)")
        cvbuild: CVBuildKitTests/DSLValidationTests.swift:\(line + 1):30: error: sections[0].entries[2].entries[0].title: must not be empty
        """)
    }

    /// Writers given a broken profile directly (past the validator) still do not trap.
    @Test(arguments: cases.map(\.0))
    func writersDoNotTrapOnValuesTheValidatorRefuses(_ name: String) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var profile = Self.broken(name)
        let catalog = StyleCatalog(searchPath: [packageRoot.appendingPathComponent("Styles")])
        for (format, dates) in [(OutputFormat.tex, DateStyle.monthYear), (.tex, .numeric), (.md, .monthYear), (.json, .year), (.jsonresume, .monthYear)] {
            profile.dateFormat = dates
            for style in builtInPacks {
                // A pack with a page limit fits its .tex with TeX; its writer is called here directly,
                // at every look, so the case needs no TeX run.
                if format == .tex, let limit = pageLimit(ofPack: style), limit > 0, case .success(let pack) = catalog.load(style) {
                    for tightness in 0...pack.tightnessLevels {
                        _ = LaTeXRenderer(pack: pack, tightness: tightness).render(profile)
                    }
                    var measuring = LaTeXRenderer(pack: pack)
                    measuring.measureLevels = Array(0...pack.tightnessLevels)
                    _ = measuring.render(profile)
                    continue
                }
                let builder = Builder(catalog: catalog, options: BuildOptions(outDir: dir, format: format))
                let job = BuildJob(source: .value(profile, stem: "x"), decoded: DecodedProfile(profile: profile),
                                   tailoring: profile.variants.first?.tailoring ?? Tailoring(), style: style)
                _ = try? builder.build(job)
            }
        }
        // The canonical JSON is written for any profile, valid or not.
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.json").path))
    }
}

/// What a variant names is checked with everything else, with its line and column.
@Suite struct VariantCheckTests {
    @Test func variantStyleSectionsLimitsAndTagsAreChecked() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("v.json")
        try write("""
        {"name": "A", "sections": [{"title": "Work", "entries": [{"type": "paragraph", "text": "x", "tags": ["web"]}]}],
         "variants": {
           "short": {"style": "onepage", "maxEntries": {"wrok": 2, "work": -1}, "excludeTags": ["webb"]}
         }}
        """, to: file)
        for command in ["check", "build"] {
            let run = runTool([command, file.path, "--out", dir.path].filter { command == "build" || !$0.hasPrefix("--out") && $0 != dir.path })
            #expect(run.code == .invalidInput)
            #expect(run.stderr == """
            cvbuild: \(file.path):3:23: error: variants.short.style: no style pack is named "onepage"
              hint: did you mean "one-page"?
            cvbuild: \(file.path):3:49: error: variants.short.maxEntries.wrok: no section has the id "wrok"
              hint: did you mean "work"?
            cvbuild: \(file.path):3:60: error: variants.short.maxEntries.work: -1 is not a number of entries
              hint: use 0 or more
            cvbuild: \(file.path):3:89: error: variants.short.excludeTags[0]: tag "webb" is not used by any entry
              hint: did you mean "web"?
            """, "\(command)")
        }
    }

    /// A style that is not a pack name at all (empty, or with a space) is refused by check and by
    /// build alike, at the value's line and column, with what was expected and a suggestion.
    /// The column is found in the file's text, not computed by the reader under test.
    @Test(arguments: [
        ("\"\"", "an empty string is not a style pack name (expected the name of a style pack: letters, digits, - and _, starting with a letter or digit)",
         "style packs: " + builtInPacks.joined(separator: ", ") + "; or leave \"style\" out to build with --style or the default pack"),
        ("\"one page\"", "\"one page\" is not a style pack name (expected the name of a style pack: letters, digits, - and _, starting with a letter or digit)",
         "did you mean \"one-page\"?"),
    ])
    func variantStyleThatIsNoPackName(value: String, message: String, hint: String) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("v.json")
        let line = "  \"variants\": {\"short\": {\"style\": \(value)}}"
        try write("{\"name\": \"A\", \"sections\": [{\"title\": \"Work\", \"entries\": [{\"type\": \"paragraph\", \"text\": \"x\"}]}],\n\(line)\n}\n", to: file)
        let column = try #require(line.range(of: value)).lowerBound.utf16Offset(in: line) + 1
        let expected = "cvbuild: \(file.path):2:\(column): error: variants.short.style: \(message)\n  hint: \(hint)"
        let check = runTool(["check", file.path])
        #expect(check.code == .invalidInput)
        #expect(check.stderr == expected)
        for args in [["--variant", "short"], ["--all-variants"]] {
            let build = runTool(["build", file.path, "--format", "tex", "--out", dir.appendingPathComponent("out").path] + args)
            #expect(build.code == .invalidInput, "\(args)")
            #expect(build.stderr == expected, "\(args)")
        }
    }
}
