import Testing
@testable import CVModel

@Suite struct ProfileDecoderTests {
    func diagnostics(_ text: String) -> [String] {
        switch ProfileDecoder.decode(text, file: "p.json") {
        case .success: return []
        case .failure(let e): return e.diagnostics.map(\.description)
        }
    }

    @Test func decodesEveryEntryKind() throws {
        let text = """
        {"name": "Ada", "aliases": ["A. L."], "paper": "a4", "summary": ["**Hi**"],
         "links": [{"label": "Web", "url": "https://a.org"}],
         "sections": [{"title": "All Things", "entries": [
           {"type": "paragraph", "text": "p"},
           {"type": "bullets", "items": ["a", {"text": "b", "items": ["c"], "date": "2020"}]},
           {"type": "callout", "text": "hiring"},
           {"type": "education", "institution": "U", "start": "2019-09", "end": "2024 (expected)"},
           {"type": "experience", "organization": "O", "role": "R", "start": "2020", "end": "present"},
           {"type": "award", "title": "A", "issuer": "I", "date": "2021"},
           {"type": "publication", "title": "T", "authors": ["A. L.", "B"], "coFirst": 2, "kind": "journal",
            "status": "underReview", "key": "J1", "date": "2022", "notes": ["n"], "links": [{"label": "pdf", "url": "https://u.org"}]},
           {"type": "talk", "title": "T", "venues": [{"name": "V", "location": "L", "date": "2023-04"}]},
           {"type": "news", "date": "2024-11-26", "text": "news"},
           {"type": "detail", "label": "Reviewer", "text": "X"},
           {"type": "item", "text": "i", "dateText": "Fall 2022"},
           {"type": "service", "role": "Chair", "venue": "W", "venueShort": "W'24"},
           {"type": "course", "title": "C", "code": "CS1"},
           {"type": "referee", "name": "R", "email": "r@x.org"},
           {"type": "group", "title": "G", "entries": [{"type": "paragraph", "text": "in group"}], "tags": ["x"]}
         ]}]}
        """
        let decoded = try ProfileDecoder.decode(text).get()
        let p = decoded.profile
        #expect(p.paper == .a4)
        #expect(p.sections[0].id == "all-things")
        #expect(p.sections[0].entries.map(\.content.typeName) == EntryContent.typeNames)
        guard case .publication(let pub) = p.sections[0].entries[6].content else { Issue.record("kind"); return }
        #expect(pub.status == .underReview && pub.kind == .journal && pub.coFirst == 2)
        guard case .education(let e) = p.sections[0].entries[3].content else { Issue.record("kind"); return }
        #expect(e.dates == DateSpan(start: .month(2019, 9), end: CVDate(.year(2024), expected: true)))
        #expect(p.sections[0].entries[14].tags == ["x"])
        #expect(decoded.position(of: "sections[0].entries[6].coFirst") == SourcePosition(line: 10, column: 80))
    }

    @Test func markupNestedTooDeepIsReportedInEveryField() {
        let deep = String(repeating: "[", count: 10) + "x" + String(repeating: "](u)", count: 10)
        let stars = String(repeating: "*", count: 40)
        let ok = String(repeating: "[", count: 8) + "x" + String(repeating: "](u)", count: 8)
        #expect(diagnostics("""
        {"name": "A", "summary": ["\(ok)", "\(deep)"],
         "sections": [{"title": "E", "entries": [
           {"type": "paragraph", "text": "\(stars)"},
           {"type": "bullets", "items": ["see \(deep)", {"text": "\(deep)"}]},
           {"type": "publication", "title": "T", "authors": ["A"], "notes": ["\(deep)"]}]}]}
        """) == [
            "p.json:1:72: error: summary[1]: markup nests more than 8 levels deep at character 9: \"[[[[[[[[[[x](u)](u)]…\"\n  hint: bold, italic and links nest at most 8 levels; write a delimiter meant literally as \\*, \\[ or \\]",
            "p.json:3:34: error: sections[0].entries[0].text: markup nests more than 8 levels deep at character 27: \"…************************…\"\n  hint: bold, italic and links nest at most 8 levels; write a delimiter meant literally as \\*, \\[ or \\]",
            "p.json:4:34: error: sections[0].entries[1].items[0]: markup nests more than 8 levels deep at character 13: \"see [[[[[[[[[[x](u)](u)]…\"\n  hint: bold, italic and links nest at most 8 levels; write a delimiter meant literally as \\*, \\[ or \\]",
            "p.json:4:102: error: sections[0].entries[1].items[1].text: markup nests more than 8 levels deep at character 9: \"[[[[[[[[[[x](u)](u)]…\"\n  hint: bold, italic and links nest at most 8 levels; write a delimiter meant literally as \\*, \\[ or \\]",
            "p.json:5:70: error: sections[0].entries[2].notes[0]: markup nests more than 8 levels deep at character 9: \"[[[[[[[[[[x](u)](u)]…\"\n  hint: bold, italic and links nest at most 8 levels; write a delimiter meant literally as \\*, \\[ or \\]",
        ])
    }

    @Test func numberWhereTextBelongsNamesTheField() {
        #expect(diagnostics("{\n  \"name\": 42,\n  \"sections\": []\n}") == [
            "p.json:2:11: error: name: expected text (a string), found a number 42",
        ])
    }

    @Test func misspeltKeyGetsSuggestion() {
        #expect(diagnostics("""
        {"name": "A", "sections": [{"title": "E", "entries": [
          {"type": "education", "instituton": "U"}]}]}
        """) == [
            "p.json:2:3: error: sections[0].entries[0]: missing required key \"institution\"",
            "p.json:2:25: error: sections[0].entries[0].instituton: unknown key \"instituton\"\n  hint: did you mean \"institution\"?",
        ])
    }

    @Test func keyOfAnotherKindSaysWhereItBelongs() {
        let d = diagnostics("""
        {"name": "A", "sections": [{"title": "E", "entries": [{"type": "award", "title": "T", "authors": ["x"]}]}]}
        """)
        #expect(d.count == 1)
        #expect(d.first?.hasPrefix("p.json:1:87: error: sections[0].entries[0].authors: unknown key \"authors\"\n  hint: \"authors\" belongs to publication entries") == true)
    }

    @Test func everyProblemInOneRun() {
        let d = diagnostics("""
        {"name": "", "headline": null, "paper": "a5", "sections": [
          {"title": "S", "entries": [
            {"type": "educaton"},
            {"type": "award", "title": "T", "date": "2020-13"},
            {"type": "publication", "title": "P", "authors": ["A"], "coFirst": 1},
            {"type": "experience", "organization": "O", "start": "2021", "end": "2019"},
            "just text"
          ]}
        ]}
        """)
        #expect(d == [
            "p.json:1:10: error: name: must not be empty",
            "p.json:1:26: error: headline: null is not allowed here\n  hint: leave the key out instead",
            "p.json:1:41: error: paper: \"a5\" is not a valid paper\n  hint: did you mean \"a4\"?",
            "p.json:3:14: error: sections[0].entries[0].type: unknown entry type \"educaton\"\n  hint: did you mean \"education\"?",
            "p.json:4:45: error: sections[0].entries[1].date: \"2020-13\" is not a date (month 13 is out of range) (expected YYYY, YYYY-MM, YYYY-MM-DD or present, optionally followed by \" (expected)\")",
            "p.json:5:72: error: sections[0].entries[2].coFirst: coFirst is 1, but it counts the leading authors who share first authorship\n  hint: use a number from 2 to the number of authors (1)",
            "p.json:6:73: error: sections[0].entries[3].end: the range ends (2019) before it starts (2021)",
            "p.json:7:5: error: sections[0].entries[4]: expected an entry, found a string \"just text\"",
        ])
    }

    @Test func missingTopLevelKeys() {
        #expect(diagnostics("{}") == [
            "p.json:1:1: error: missing required key \"name\"",
            "p.json:1:1: error: missing required key \"sections\"",
        ])
        #expect(diagnostics("[]") == ["p.json:1:1: error: expected a profile (a JSON object), found an array […]"])
    }

    @Test func syntaxErrorStopsWithOneDiagnostic() {
        #expect(diagnostics("{\n\n\n\n  \"name\": \"A\" x\n}") == [
            "p.json:5:15: error: unexpected 'x': expected ',' or '}' after a member",
        ])
    }

    @Test func groupsDoNotNest() {
        let d = diagnostics("""
        {"name": "A", "sections": [{"title": "S", "entries": [{"type": "group", "title": "G", "entries": [
          {"type": "group", "title": "H", "entries": []}]}]}]}
        """)
        #expect(d == ["p.json:2:12: error: sections[0].entries[0].entries[0].type: a group cannot hold another group\n  hint: use a separate section, or list the entries in this group"])
    }

    @Test func positionFallsBackToEnclosingValue() throws {
        let decoded = try ProfileDecoder.decode("{\"name\": \"A\",\n \"sections\": [{\"title\": \"S\", \"entries\": []}]}").get()
        #expect(decoded.position(of: "sections[0].entries[3].title") == SourcePosition(line: 2, column: 41))
    }

    @Test func suggestions() {
        #expect(nearest("institusion", in: ["institution", "location"]) == "institution")
        #expect(nearest("zzz", in: ["institution", "location"]) == nil)
    }
}
