import Testing
@testable import CVModel

@Suite struct TailoringTests {
    let profile = Profile(name: "A", sections: [
        Section(title: "Work", entries: [
            Entry(.item(Item(text: "untagged", dates: .on(.year(2015))))),
            Entry(.item(Item(text: "hidden", dates: .on(.year(2024)))), tags: ["zzhidden"]),
            Entry(.item(Item(text: "web", dates: .from(.year(2010), to: .present))), tags: ["web", "other"]),
            Entry(.bullets([Bullet("plain"), Bullet("tagged", tags: ["zzhidden"])])),
        ]),
        Section(title: "Talks", entries: [Entry(.paragraph("only hidden"), tags: ["zzhidden"])]),
    ])

    func texts(_ p: Profile) -> [String] {
        p.sections.flatMap(\.entries).map { e in
            switch e.content {
            case .item(let i): i.text.source
            case .paragraph(let m): m.source
            case .bullets(let b): b.map(\.text.source).joined(separator: "+")
            default: "?"
            }
        }
    }

    @Test func noFilterKeepsEverything() {
        #expect(profile.tailored(Tailoring()) == profile)
    }

    @Test func tagKeepsUntaggedAndMatching() {
        let t = profile.tailored(Tailoring(tags: ["other"]))
        #expect(texts(t) == ["untagged", "web", "plain"])
        #expect(t.sections.map(\.title) == ["Work"])
    }

    @Test func excludeTagDrops() {
        #expect(texts(profile.tailored(Tailoring(excludeTags: ["web"]))) == ["untagged", "hidden", "plain+tagged", "only hidden"])
    }

    @Test func sinceDropsWhatEndedBefore() {
        #expect(texts(profile.tailored(Tailoring(since: 2020))) == ["hidden", "web", "plain+tagged", "only hidden"])
    }

    @Test func sectionsOrderAndLimits() {
        let t = profile.tailored(Tailoring(sections: ["talks", "work"], headline: "H", maxEntries: ["work": 1]))
        #expect(t.sections.map(\.id) == ["talks", "work"])
        #expect(t.sections[1].entries.count == 1)
        #expect(t.headline == "H")
    }

    @Test func allTags() {
        #expect(profile.allTags == ["other", "web", "zzhidden"])
    }

    @Test func mergeAddsCommandLineOnTopOfVariant() {
        let merged = Tailoring(tags: ["a"], since: 2010).merged(with: Tailoring(tags: ["b"], excludeTags: ["c"], since: 2015))
        #expect(merged == Tailoring(tags: ["a", "b"], excludeTags: ["c"], since: 2015))
    }

    @Test func variantsAreDecodedAndChecked() {
        let text = """
        {"name": "A", "sections": [{"title": "Work", "entries": [{"type": "paragraph", "text": "x", "tags": ["web"]}]}],
         "variants": {
           "short": {"tags": ["web"], "style": "one-page", "since": 2020, "maxEntries": {"work": 2}},
           "bad": {"tags": ["wbe"], "sections": ["wrk"], "colour": "red"},
           "Bad Name": {}
         }}
        """
        guard case .failure(let e) = ProfileDecoder.decode(text, file: "p.json") else { Issue.record("decoded"); return }
        #expect(e.diagnostics.map(\.description) == [
            "p.json:4:21: error: variants.bad.tags[0]: tag \"wbe\" is not used by any entry\n  hint: did you mean \"web\"?",
            "p.json:4:42: error: variants.bad.sections[0]: no section has the id \"wrk\"\n  hint: did you mean \"work\"?",
            "p.json:4:50: error: variants.bad.colour: unknown key \"colour\"\n  hint: allowed keys: tags, excludeTags, sections, headline, summary, style, since, maxEntries, design, locale",
            "p.json:5:4: error: variants.Bad Name: \"Bad Name\" is not a valid variant name\n  hint: use lower-case letters, digits and dashes; the name becomes part of output file names",
        ])
        let valid = """
        {"name": "A", "sections": [{"title": "Work", "entries": [{"type": "paragraph", "text": "x", "tags": ["web"]}]}],
         "variants": {"short": {"tags": ["web"], "style": "one-page", "since": 2020, "maxEntries": {"work": 2}}}}
        """
        let ok = try? ProfileDecoder.decode(valid, file: "p.json").get()
        #expect(ok?.profile.variants == [Variant(name: "short", tailoring: Tailoring(tags: ["web"], since: 2020, maxEntries: ["work": 2]), style: "one-page")])
    }
}
