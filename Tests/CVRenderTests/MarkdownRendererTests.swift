import CVModel
import Foundation
import Testing
@testable import CVRender

@Suite struct MarkdownRendererTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The reference material beside the repository (`../shared`); its absence fails the test.
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let fidelityTool = shared.appendingPathComponent("tools/seed-fidelity").path
    static let zhangSeed = shared.appendingPathComponent("seeds/002_c5ecc54167317ce0.txt").path

    static func profile(_ name: String) throws -> Profile {
        let url = root.appendingPathComponent("Profiles/\(name).json")
        let data = try #require(FileManager.default.contents(atPath: url.path))
        return try ProfileDecoder.decode(Array(data), file: url.path).get().profile
    }

    static let frontMatter = """
        ---
        permalink: /
        title: "About me"
        excerpt: "About me"
        author_profile: true
        redirect_from: 
          - /about/
          - /about.html
        ---
        """

    /// A small profile with the awkward characters of real ones.
    static let small = Profile(
        name: "Ada *Lovelace*", aliases: ["A. Lovelace"], headline: "Analyst", address: ["12 St James's Square", "London"],
        email: "ada_l@example.org", summary: ["I like **engines** and [looms](https://example.org/a_(b))."],
        sections: [
            Section(title: "News", entries: [Entry(.news(News(date: .day(2024, 11, 26), text: "Paper *accepted*.")))]),
            Section(title: "Publications", entries: [
                Entry(.publication(Publication(title: "Notes on the Engine", authors: ["A. Lovelace", "C_Babbage"], coFirst: 2,
                                               venue: "Taylor's Memoirs", venueShort: "TSM'43", key: "J1",
                                               dates: .on(.month(1843, 9)), notes: ["**CCF-A**"],
                                               links: [Link(label: "pdf", url: "https://example.org/n.pdf")]))),
            ]),
            Section(title: "Interests", entries: [Entry(.item(Item(text: "Engines & looms"))), Entry(.item(Item(text: "# not a heading")))]),
        ])

    @Test func homepageOfASmallProfile() {
        let md = MarkdownRenderer(flavor: .homepage).render(Self.small)
        #expect(md == Self.frontMatter + "\n\n" + ##"""
            I like **engines** and [looms](https://example.org/a_%28b%29).

            Email: ada\_l@example.org

            Address: 12 St James's Square, London

            News:
            ======

            **26 Nov. 2024**, Paper *accepted*.

            Publications:
            ======

            **\[TSM'43\]** **A. Lovelace**\*, C\_Babbage\*, Notes on the Engine. In Taylor's Memoirs, Sep 1843. (**CCF-A**) [pdf](https://example.org/n.pdf)

            \* co-first author

            Interests:
            ======

            Engines & looms

            \# not a heading

            """##)
    }

    @Test func plainOfASmallProfile() {
        let md = MarkdownRenderer(flavor: .plain).render(Self.small)
        #expect(md == ##"""
            # Ada \*Lovelace\*

            Analyst

            12 St James's Square, London

            Email: [ada\_l@example.org](mailto:ada_l@example.org)

            I like **engines** and [looms](https://example.org/a_%28b%29).

            ## News

            - **26 Nov 2024**: Paper *accepted*.

            ## Publications

            - **\[J1\]** **A. Lovelace**\*, C\_Babbage\*, Notes on the Engine. In Taylor's Memoirs, Sep 1843. (**CCF-A**) [pdf](https://example.org/n.pdf)

            \* co-first author

            ## Interests

            - Engines & looms
            - \# not a heading

            """##)
    }

    @Test func homepageFrontMatterIsExact() {
        let md = MarkdownRenderer(flavor: .homepage).render(Profile(name: "X"))
        #expect(md == Self.frontMatter + "\n")
        #expect(MarkdownRenderer.homepageFrontMatter == Self.frontMatter)
    }

    @Test func everyEntryKindOnTheHomepage() {
        let p = Profile(name: "Me", sections: [Section(title: "All", entries: [
            Entry(.paragraph("A *paragraph*.")),
            Entry(.bullets([Bullet("one", items: [Bullet("one.a")]), Bullet("two", dates: .on(.year(2020)))])),
            Entry(.callout("We are **hiring**!")),
            Entry(.education(Education(institution: "U", location: "Town", degree: "PhD", dates: .from(.month(2019, 9), to: .present),
                                       details: ["Advisor: B"], highlights: [Bullet("h")]))),
            Entry(.experience(Experience(organization: "Org", role: "Dev", dates: .from(.year(2020), to: .year(2021))))),
            Entry(.award(Award(title: "Prize", issuer: "Society", dates: .on(.year(2022)), details: ["top 1%"]))),
            Entry(.publication(Publication(title: "Why?", authors: ["Me", "You"], etAl: true, status: .underReview))),
            Entry(.talk(Talk(title: "Talk", venues: [TalkVenue(name: "Conf", location: "Rome", dates: .on(.month(2023, 4)))]))),
            Entry(.detail(Detail(label: "Reviewer", text: "TPDS", dates: .on(.year(2024))))),
            Entry(.item(Item(text: "Item", location: "Here", dates: DateSpan(label: "Fall 2022")))),
            Entry(.service(Service(role: "PC Member", venue: "Workshop", venueShort: "W'24", dates: .on(.year(2024))))),
            Entry(.course(Course(title: "Intro", role: "TA", institution: "U", dates: .on(.year(2021))))),
            Entry(.referee(Referee(name: "Prof. R", position: "Professor", affiliation: "U", email: "r@u.edu", phone: "+1 2"))),
            Entry(.group(Group(title: "Sub <list>", entries: [Entry(.paragraph("inside"))]))),
        ])])
        let md = MarkdownRenderer(flavor: .homepage).render(p)
        let body = md.components(separatedBy: "All:\n======\n\n")[1]
        #expect(body == #"""
            A *paragraph*.

            - one
              - one.a
            - two, 2020

            **We are hiring!**

            **U**, Town, Sep 2019 – Present

            PhD

            Advisor: B

            - h

            **Org**, 2020 – 2021

            Dev

            **Prize**, Society, 2022

            top 1%

            **Me**, You, et al., Why? (Under review)

            **Talk**

            - Conf, Rome, Apr 2023

            **Reviewer**: TPDS, 2024

            Item, Here, Fall 2022

            **PC Member**, Workshop (W'24), 2024

            Intro, TA, U, 2021

            **Prof. R**, Professor, U, Email: [r@u.edu](mailto:r@u.edu), Phone: +1 2

            <h3> Sub &lt;list&gt; </h3>

            inside

            """#)
    }

    @Test func groupsOfLinesGetABoldLabel() {
        let p = Profile(name: "Me", sections: [Section(title: "Service", entries: [
            Entry(.group(Group(title: "Reviewer", entries: [Entry(.item(Item(text: "TPDS"))), Entry(.item(Item(text: "TC")))]))),
        ])])
        #expect(MarkdownRenderer(flavor: .homepage).render(p).hasSuffix("Service:\n======\n\n**Reviewer**:\n\nTPDS\n\nTC\n"))
        #expect(MarkdownRenderer(flavor: .plain).render(p).hasSuffix("## Service\n\n### Reviewer\n\n- TPDS\n- TC\n"))
    }

    @Test func everyEntryKindInPlainMarkdown() throws {
        let md = MarkdownRenderer(flavor: .plain).render(try Self.profile("example"))
        for line in [
            "# Ada Q. Example",
            "## Publications",
            "### Conference Papers",
            "- **\\[C2\\]** **Ada Q. Example**\\*, Bob Sample\\*, Scheduling Everything at Once. Proceedings of ExampleConf, Springfield, May 2024.",
            "> **We are hiring** PhD students for 2026. Write to me!",
            "  - Batching",
            "- **Scheduling Everything**\n  - ExampleConf, Springfield, May 2024",
            "- **26 Nov 2024**: Our paper was accepted at [ExampleConf](https://example.org/ec).",
            "- CS101: Introduction to Computing, Teaching Assistant, Example University, Fall 2022",
            "- **Prof. B. Sample**, Professor, Example University",
        ] {
            #expect(md.contains(line), "missing: \(line)")
        }
        #expect(!md.contains("\n\n\n"))
    }

    @Test func dateStyleAndTheProfilesOverride() {
        var p = Profile(name: "Me", sections: [Section(title: "News", entries: [Entry(.news(News(date: .day(2024, 5, 2), text: "x")))])])
        #expect(MarkdownRenderer(flavor: .homepage).render(p).hasSuffix("**2 May 2024**, x\n"))
        #expect(MarkdownRenderer(flavor: .homepage, dateStyle: .numeric).render(p).hasSuffix("**2024/05/02**, x\n"))
        p.dateFormat = .year
        #expect(MarkdownRenderer(flavor: .homepage, dateStyle: .numeric).render(p).hasSuffix("**2024**, x\n"))
        p.dateFormat = nil
        p.sections[0].entries = [Entry(.news(News(date: .day(2024, 7, 18), text: "x", dateText: "Summer 2024")))]
        #expect(MarkdownRenderer(flavor: .homepage).render(p).hasSuffix("**Summer 2024**, x\n"))
    }

    @Test(arguments: [
        ("**b**", "**b**"), ("*i*", "*i*"), ("`a*b`", "`a*b`"), ("`<b>`", "`<b>`"),
        ("[t_1](https://x.org/a(b))", "[t\\_1](https://x.org/a%28b%29)"), ("#1 fan", "\\#1 fan"),
        ("**bold *it* x**", "**bold *it* x**"), ("5 * 3", "5 \\* 3"), ("a \\* b", "a \\* b"),
        ("[**Paper**](https://x.org) `x`", "[**Paper**](https://x.org) `x`"),
    ])
    func markupNodes(_ source: String, _ expected: String) {
        let md = MarkdownRenderer(flavor: .plain).render(Profile(name: "Me", summary: [Markup(source)]))
        #expect(md == "# Me\n\n" + expected + "\n")
    }

    @Test func calloutsWithBoldInsideDoNotNest() {
        let p = Profile(name: "Me", sections: [Section(title: "Openings", entries: [Entry(.callout("Join **us** now"))])])
        #expect(MarkdownRenderer(flavor: .homepage).render(p).hasSuffix("**Join us now**\n"))
    }

    @Test func freeTextDatesAreEscaped() {
        let p = Profile(name: "Me", sections: [Section(title: "Items", entries: [
            Entry(.item(Item(text: "x", dates: DateSpan(label: "*Fall* [2022]_a")))),
        ])])
        #expect(MarkdownRenderer(flavor: .plain).render(p).hasSuffix("- x, \\*Fall\\* \\[2022\\]\\_a\n"))
    }

    @Test func aSectionWithoutEntriesIsLeftOutAsInLaTeX() {
        let p = Profile(name: "Me", sections: [Section(title: "Empty", entries: []), Section(title: "Full", entries: [Entry(.paragraph("x"))])])
        #expect(MarkdownRenderer(flavor: .plain).render(p) == "# Me\n\n## Full\n\nx\n")
        #expect(!MarkdownRenderer(flavor: .homepage).render(p).contains("Empty"))
    }

    // MARK: Escaping

    @Test(arguments: [
        ("a*b", "a\\*b"), ("snake_case", "snake\\_case"), ("[x](y)", "\\[x\\](y)"), ("`code`", "\\`code\\`"),
        ("# Title", "\\# Title"), ("C# and F#", "C# and F#"), ("<script>", "\\<script>"), ("back\\slash", "back\\\\slash"),
        ("- item", "\\- item"), ("-5 degrees", "-5 degrees"), ("+ x", "\\+ x"), ("> quote", "\\> quote"),
        ("2024. A year", "2024\\. A year"), ("1) one", "1\\) one"), ("3.14", "3.14"), ("AT&T", "AT&T"),
        ("&amp; &#169;", "\\&amp; \\&#169;"), ("x\n# y", "x\n\\# y"), ("  # indented", "  \\# indented"),
        ("50% ~ a|b {c} $d ^e", "50% ~ a|b {c} $d ^e"), ("", ""), ("Ünïcödé ≥ × →", "Ünïcödé ≥ × →"), ("#", "\\#"), ("-", "\\-"),
    ])
    func escapeAtLineStart(_ text: String, _ expected: String) {
        #expect(MarkdownEscaper.escape(text) == expected)
    }

    @Test(arguments: [("# Title", "# Title"), ("- item", "- item"), ("2024. A", "2024. A"), ("a*b", "a\\*b"), ("x\n# y", "x\n\\# y")])
    func escapeMidLine(_ text: String, _ expected: String) {
        #expect(MarkdownEscaper.escape(text, atLineStart: false) == expected)
    }

    @Test func urlsHTMLAndCodeSpans() {
        #expect(MarkdownEscaper.escapeURL("https://a.org/x (1)<2>") == "https://a.org/x%20%281%29%3C2%3E")
        #expect(MarkdownEscaper.escapeURL("https://a.org/?q=a_b&c=*") == "https://a.org/?q=a_b&c=*")
        #expect(MarkdownEscaper.escapeHTML("R&D <b>") == "R&amp;D &lt;b&gt;")
        #expect(MarkdownEscaper.codeSpan("plain") == "`plain`")
        #expect(MarkdownEscaper.codeSpan("`tick") == "`` `tick ``")
        #expect(MarkdownEscaper.codeSpan("a``b") == "```a``b```")
    }

    @Test func userTextCannotInjectMarkup() {
        let p = Profile(name: "<img src=x>", sections: [Section(title: "## Fake", entries: [
            Entry(.detail(Detail(label: "**bold?**", text: "x"))),
            Entry(.course(Course(title: "1. Not a list", code: nil))),
        ])])
        let home = MarkdownRenderer(flavor: .homepage).render(p)
        #expect(home.contains("\n\\## Fake:\n======\n"))
        #expect(home.contains("**\\*\\*bold?\\*\\***: x"))
        #expect(home.contains("\n1\\. Not a list\n"))
        #expect(MarkdownRenderer(flavor: .plain).render(p).hasPrefix("# \\<img src=x>\n"))
    }

    // MARK: The reference homepage

    @Test func zhaoruiZhangHomepage() throws {
        let md = MarkdownRenderer(flavor: .homepage).render(try Self.profile("zhaorui-zhang"))
        #expect(md.hasPrefix(Self.frontMatter + "\n\nI am currently a Research Assistant Professor"))
        for line in [
            "Email: zhaorui.zhang@polyu.edu.hk",
            "Research Interests:\n======",
            "<h3> AI Infrastructure, MLSys, LLMs </h3>",
            "**26 Nov. 2024**, Our paper “StoreLLM:",
            "**18 July 2024**, Our paper",
            "**\\[ACM e-Energy 2025\\]** Dan Wang, Boan Liu, Rui Lu, **Zhaorui Zhang**, Shuntao Zhu, StoreLLM:",
            "(**CCF-A** Conference for Computer Architecture)",
            "**Conference Program Committee**:",
            "**ICLR' 25**: The Thirteenth International Conference on Learning Representations",
            "**The Hong Kong Polytechnic University**\n\nResearch Assistant Professor in the Department of Computing",
            "COMP7104: The Introduction of the Linux Operating System, Lecturer, The University of Hong Kong",
        ] {
            #expect(md.contains(line), "missing: \(line)")
        }
    }

    @Test
    func zhaoruiZhangHomepageKeepsTheSeedsText() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.fidelityTool),
                     "the reference material is missing: \(Self.shared.path) must hold tools/seed-fidelity and seeds/")
        let md = MarkdownRenderer(flavor: .homepage).render(try Self.profile("zhaorui-zhang"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cvbuild-md-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("zhaorui-zhang.md")
        try Data(md.utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.fidelityTool)
        process.arguments = [Self.zhangSeed, file.path, "--min", "0.985"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "seed-fidelity: \(output)")
    }
}
