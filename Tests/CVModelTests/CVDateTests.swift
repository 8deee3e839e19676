import Testing
@testable import CVModel

@Suite struct CVDateTests {
    @Test(arguments: [
        ("2024", CVDate.year(2024)),
        ("2024-03", CVDate.month(2024, 3)),
        ("2024-02-29", CVDate.day(2024, 2, 29)),
        ("present", CVDate.present),
        ("2025-12 (expected)", CVDate(.month(2025, 12), expected: true)),
    ])
    func parsesAndRoundTrips(_ text: String, _ expected: CVDate) throws {
        let parsed = try CVDate.parse(text).get()
        #expect(parsed == expected)
        #expect(parsed.canonical == text)
    }

    @Test(arguments: [
        ("2020-13", CVDate.ParseError.monthOutOfRange(13)),
        ("2023-02-29", .dayOutOfRange(29)),
        ("2020-00", .monthOutOfRange(0)),
        ("20", .malformed),
        ("2020/01", .malformed),
        ("Jan 2020", .malformed),
        ("2020-1", .malformed),
        ("present (expected)", .malformed),
        ("", .malformed),
    ])
    func rejects(_ text: String, _ error: CVDate.ParseError) {
        #expect(CVDate.parse(text) == .failure(error))
    }

    @Test func presentSortsLast() {
        #expect(CVDate.present.sortKey > CVDate.day(9999, 12, 31).sortKey)
        #expect(CVDate.month(2020, 1).sortKey > CVDate.year(2020).sortKey)
    }

    @Test func slugs() {
        #expect(Section.slug("Professional Service") == "professional-service")
        #expect(Section.slug("MENTORING & TEACHING") == "mentoring-teaching")
        #expect(Section.slug("Publications (* co-first)") == "publications-co-first")
    }

    /// Every title that is not blank derives an id, from the title alone: accents leave Latin
    /// letters, other scripts keep theirs, and symbols are named by their code points.
    @Test(arguments: [
        ("论文", "论文"), ("出版物 / 论文", "出版物-论文"), ("Публикации", "публикации"), ("Δημοσιεύσεις", "δημοσιεύσεις"),
        ("Expériences", "experiences"), ("Expe\u{301}riences", "experiences"), ("Publications 论文", "publications-论文"),
        ("★", "u2605"), ("★ ☆", "u2605-u2606"), ("2024", "2024"), ("学术服务 2024", "学术服务-2024"),
    ])
    func slugsOfEveryTitle(title: String, id: String) {
        #expect(Section.slug(title) == id)
        #expect(Section(title: title, entries: []).id == id)
    }
}
