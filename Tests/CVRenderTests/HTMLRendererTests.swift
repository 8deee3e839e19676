import CVDocument
import CVModel
import Foundation
import CVTestRandom
import Testing
@testable import CVRender


/// What Python's HTML parser (an independent reader) finds in a page: the text of the body, the
/// start tags, and each link's target as the DOM holds it.
struct ParsedPage: Decodable {
    var text: String
    var tags: [String]
    var hrefs: [String]
    var lang: String
    var title: String

    static let script = #"""
        import html.parser, json, sys
        class P(html.parser.HTMLParser):
            def __init__(self):
                super().__init__(convert_charrefs=True)
                self.text, self.tags, self.hrefs, self.lang, self.title, self.stack = [], [], [], "", "", []
            def handle_starttag(self, tag, attrs):
                a = dict(attrs)
                self.tags.append(tag)
                if tag == "html": self.lang = a.get("lang", "")
                if tag == "a": self.hrefs.append(a.get("href"))
                if tag not in ("meta",): self.stack.append(tag)
            def handle_endtag(self, tag):
                while self.stack and self.stack.pop() != tag: pass
            def handle_data(self, data):
                if "title" in self.stack: self.title += data
                elif "style" not in self.stack and "body" in self.stack: self.text.append(data)
        p = P()
        p.feed(open(sys.argv[1], encoding="utf-8").read())
        p.close()
        print(json.dumps({"text": "".join(p.text), "tags": p.tags, "hrefs": p.hrefs, "lang": p.lang, "title": p.title}))
        """#

    static func parse(_ html: String) throws -> ParsedPage {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cvbuild-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("page.html")
        try Data(html.utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 could not read the page")
        return try JSONDecoder().decode(ParsedPage.self, from: data)
    }
}

@Suite struct HTMLRendererTests {
    static func page(_ profile: Profile, _ flavor: HTMLRenderer.Flavor, pack: DocumentRules = DocumentRules()) -> String {
        let renderer = HTMLRenderer(flavor: flavor)
        return renderer.render(DocumentBuilder(rules: renderer.documentRules(pack)).build(profile))
    }

    static func page(_ name: String, style: String) throws -> String {
        let pack = try loadPack(style)
        let renderer = HTMLRenderer(flavor: pack.htmlFlavor)
        return renderer.render(DocumentBuilder(rules: renderer.documentRules(pack.documentRules)).build(try loadProfile(name)))
    }

    // MARK: Golden pages

    @Test(arguments: GoldenTests.profiles)
    func homepagePack(_ name: String) throws {
        try expectGolden(try Self.page(name, style: "homepage"), fixture: "\(name)-homepage/expected.html")
    }

    @Test(arguments: ["full", "one-page"])
    func otherPacks(_ style: String) throws {
        try expectGolden(try Self.page("example", style: style), fixture: "example-\(style)/expected.html")
    }

    @Test func packsChooseTheirShape() throws {
        #expect(try loadPack("homepage").htmlFlavor == .homepage)
        #expect(try loadPack("full").htmlFlavor == .cv)
        #expect(try loadPack("one-page").htmlFlavor == .cv)
    }

    // MARK: The page's frame

    @Test(arguments: HTMLRenderer.Flavor.allCases)
    func aPageIsSelfContained(_ flavor: HTMLRenderer.Flavor) throws {
        let html = Self.page(try loadProfile("example"), flavor)
        let parsed = try ParsedPage.parse(html)
        #expect(parsed.lang == "en")
        #expect(parsed.title == "Ada Q. Example")
        // Nothing that runs or loads: no script, no external style sheet, font, image or frame.
        for tag in ["script", "link", "img", "iframe", "object", "embed", "base", "form", "svg"] {
            #expect(!parsed.tags.contains(tag), "\(tag) in the page")
        }
        #expect(!html.contains("url("))
        #expect(!html.contains("@import"))
        #expect(!html.contains("@font-face"))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:; base-uri &#39;none&#39;; form-action &#39;none&#39;\">"))
        #expect(html.contains("@media (prefers-color-scheme: dark)"))
        #expect(html.contains("@media print"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        for tag in ["header", "main", "section", "h1", "h2", "ul", "li", "time"] {
            #expect(parsed.tags.contains(tag), "no \(tag)")
        }
    }

    @Test func datesAreMachineReadable() {
        let p = Profile(name: "Me", sections: [Section(title: "News", entries: [
            Entry(.news(News(date: .day(2024, 11, 26), text: "x"))),
            Entry(.item(Item(text: "y", dates: .from(.month(2019, 9), to: .present)))),
            Entry(.item(Item(text: "z", dates: DateSpan(label: "Fall 2022")))),
        ])])
        let html = Self.page(p, .cv)
        #expect(html.contains("<time datetime=\"2024-11-26\">26 Nov 2024</time>"))
        #expect(html.contains("<time datetime=\"2019-09\">Sep 2019</time> – <span>Present</span>"))
        #expect(html.contains("<span class=\"when\">Fall 2022</span>"))
        #expect(Self.page(p, .homepage).contains("<time datetime=\"2024-11-26\">26 Nov. 2024</time>"))
    }

    @Test func homepageHasAboutNewsAndVenueTags() throws {
        let html = try Self.page("zhaorui-zhang", style: "homepage")
        #expect(html.contains("<body class=\"homepage\">"))
        #expect(html.contains("<section id=\"about\">\n<h2>About me</h2>"))
        #expect(html.contains("<span class=\"tag\">ACM e-Energy 2025</span>"))
        #expect(html.contains("<li class=\"news\"><span class=\"when\"><time datetime=\"2024-11-26\">26 Nov. 2024</time></span>"))
        let cv = try Self.page("hanqing-zhu", style: "full")
        #expect(cv.contains("<body class=\"cv\">"))
        #expect(cv.contains("<span class=\"tag\">[C1]</span>") || cv.contains("<span class=\"tag\">[P1]</span>"))
    }

    // MARK: Escaping

    @Test(arguments: [
        ("a < b & c > d", "a &lt; b &amp; c &gt; d"), ("</style><script>", "&lt;/style&gt;&lt;script&gt;"),
        ("\"quoted\" 'single'", "\"quoted\" 'single'"), ("&amp;", "&amp;amp;"), ("line\r\nbreak", "line&#13;\nbreak"),
        ("Ünïcödé ≥ × → 中文 👩‍🔬", "Ünïcödé ≥ × → 中文 👩‍🔬"), ("", ""), ("{{x}} {% y %} $z", "{{x}} {% y %} $z"),
    ])
    func escapeText(_ text: String, _ expected: String) {
        #expect(HTMLEscaper.text(text) == expected)
    }

    @Test(arguments: [
        ("a\"b'c", "a&quot;b&#39;c"), ("x&y=<1>", "x&amp;y=&lt;1&gt;"), ("tab\tnew\nline", "tab&#9;new&#10;line"),
    ])
    func escapeAttribute(_ value: String, _ expected: String) {
        #expect(HTMLEscaper.attribute(value) == expected)
    }

    @Test(arguments: [
        ("https://x.org/a?b=1&c=2", true), ("http://x.org", true), ("mailto:a@b.org", true), ("tel:+4412", true),
        ("papers/cv.pdf", true), ("/talks", true), ("#top", true), ("JavaScript:alert(1)", false), ("javascript:alert(1)", false),
        ("data:text/html,x", false), ("file:///etc/passwd", false), ("vbscript:x", false), ("https://", false),
        ("//evil.org/x", false), ("https://x.org/a b", false), ("java\nscript:x", false), ("", false),
    ])
    func safeLinks(_ url: String, _ safe: Bool) {
        #expect(HTMLEscaper.isSafeLink(url) == safe)
    }

    @Test func anUnsafeLinkShowsItsTextWithoutATarget() throws {
        let p = Profile(name: "Me", summary: ["see [this](javascript:alert(1)) and [that](https://x.org/?a=1&b=\"2\")"])
        let parsed = try ParsedPage.parse(Self.page(p, .cv))
        #expect(parsed.text.contains("see this and that"))
        #expect(parsed.hrefs == ["https://x.org/?a=1&b=\"2\""])
    }

    /// Hostile pieces: HTML syntax that would end an element or open a script, entities, quotes,
    /// template syntax, dangerous link schemes as text, and Unicode of several scripts.
    static let pieces = [
        "<", ">", "&", "&amp;", "&lt;b&gt;", "\"", "'", "</style>", "</title>", "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>", "javascript:alert(1)", "<!--", "-->", "<![CDATA[", "]]>", "{{x}}", "{% raw %}",
        "a=\"b\"", "\u{00A0}", "é", "e\u{0301}", "中文", "שלום", "👩‍🔬", "≥ × →", "%", "$", "#", "~", "^", "_", "|", "/",
        "<p>", "</li>", "<a href=\"https://evil.org\">x</a>", "\t", "x\ny",
    ]

    static func hostile(_ rng: inout SeededRandom) -> String {
        var s = ""
        for _ in 0..<rng.int(1...4) {
            s += rng.pick(pieces)
            if rng.int(0...1) == 1 { s += rng.pick(["Ada", " ", "x1", "Wörd", "q"]) }
        }
        // Text never starts or ends with white space in a profile (the validator trims nothing;
        // the check is on what is typed), so keep the ends visible.
        return "«" + s + "»"
    }

    /// A profile whose every text field holds a hostile string, and the strings it holds.
    static func hostileProfile(_ seed: UInt64) -> (Profile, [String], [String]) {
        var rng = SeededRandom(seed: seed)
        var texts: [String] = []
        func h() -> String { let s = hostile(&rng); texts.append(s); return s }
        let url = "https://example.org/?q=" + "a&b=\"c\"<d>'e'"
        let profile = Profile(
            name: h(), headline: h(), affiliation: [h()], address: [h()], email: "me@example.org", phone: "+1 555 0100",
            website: "https://example.org/~me?x=1&y=2", links: [Link(label: h(), url: url), Link(label: h(), url: "javascript:alert(1)")],
            summary: [Markup(h())],
            sections: [
                Section(title: h(), entries: [
                    Entry(.news(News(date: .day(2024, 1, 2), text: Markup(h())))),
                    Entry(.publication(Publication(title: h(), authors: [h(), h()], coFirst: 1, venue: h(), venueShort: h(),
                                                   location: h(), status: .underReview, dates: .on(.year(2024)),
                                                   notes: [Markup(h())], links: [Link(label: h(), url: url)]))),
                    Entry(.publication(Publication(title: h(), authors: [h()], etAl: true, key: h(), dates: .on(.month(2022, 3))))),
                    Entry(.award(Award(title: h(), issuer: h(), dates: DateSpan(label: h()), details: [Markup(h())]))),
                    Entry(.talk(Talk(title: h(), venues: [TalkVenue(name: h(), location: h(), dates: .on(.month(2023, 4)))]))),
                    Entry(.detail(Detail(label: h(), text: Markup(h())))),
                    Entry(.item(Item(text: Markup(h()), location: h(), highlights: [Bullet(Markup(h()), items: [Bullet(Markup(h()))])]))),
                    Entry(.service(Service(role: h(), venue: h(), venueShort: h()))),
                    Entry(.course(Course(title: h(), code: h(), role: h(), institution: h()))),
                    Entry(.referee(Referee(name: h(), position: h(), affiliation: h(), email: "r@example.org"))),
                ]),
                Section(title: h(), entries: [
                    Entry(.education(Education(institution: h(), location: h(), degree: h(), dates: .from(.year(2019), to: .present),
                                               details: [Markup(h())], highlights: [Bullet(Markup(h()))]))),
                    Entry(.experience(Experience(organization: h(), role: h()))),
                    Entry(.paragraph(Markup(h()))),
                    Entry(.callout(Markup(h()))),
                    Entry(.bullets([Bullet(Markup(h()))])),
                    Entry(.group(Group(title: h(), entries: [Entry(.paragraph(Markup(h())))]))),
                ]),
            ])
        return (profile, texts, [url, "https://example.org/~me?x=1&y=2", "mailto:me@example.org", "mailto:r@example.org"])
    }

    @Test(arguments: 0..<12)
    func hostileTextComesBackAsTyped(_ seed: Int) throws {
        let (profile, texts, urls) = Self.hostileProfile(UInt64(seed))
        // The pieces hold no markup characters (`*`, `[`, `` ` ``, `\`), so a markup field reads as typed too.
        // With `quotes` as-typed: the exact-text contract; typographic quotes are QuotesTests' subject.
        for flavor in HTMLRenderer.Flavor.allCases {
            let parsed = try ParsedPage.parse(Self.page(profile, flavor, pack: DocumentRules(quotes: .asTyped)))
            for text in texts where !text.isEmpty {
                #expect(parsed.text.contains(text), "\(flavor): \(text.debugDescription) is not in the page's text")
            }
            #expect(parsed.title == profile.name)
            #expect(Set(parsed.hrefs) == Set(urls), "\(flavor): \(parsed.hrefs)")
            let allowed: Set<String> = ["html", "head", "meta", "title", "style", "body", "div", "header", "main", "section", "article",
                                        "h1", "h2", "h3", "p", "address", "ul", "li", "a", "strong", "em", "cite", "span", "code", "time"]
            #expect(Set(parsed.tags).isSubset(of: allowed), "\(flavor): \(Set(parsed.tags).subtracting(allowed))")
        }
    }
}
