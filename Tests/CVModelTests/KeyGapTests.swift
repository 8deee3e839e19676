import Testing
@testable import CVModel

/// Keys closed up after dropping, and the citations in text that follow them.
@Suite struct KeyGapTests {
    func paper(_ key: String) -> Entry { Entry(.publication(Publication(title: key, authors: ["A"], key: key))) }

    func keys(_ p: Profile) -> [String] {
        p.allEntries().compactMap { if case .publication(let x) = $0.1.content { x.key } else { nil } }
    }

    let profile = Profile(name: "A", sections: [
        Section(title: "Projects", entries: [
            Entry(.bullets([Bullet("Quantization [C1, C3, C5] and more \\[C2\\]; photonics \\[C4, J2\\]; not keys [C9, X] [see](https://x.org)")])),
        ]),
        Section(title: "Papers", entries: ["C5", "C4", "C3", "C2", "C1", "J2", "J1", "7", "5"].map { Entry(.publication(Publication(title: $0, authors: ["A"], key: $0))) }),
    ])

    @Test func droppedKeysCloseUpTheirSeriesAndCitationsFollow() throws {
        // Drop C4 and C2 (entries 1 and 3 of the papers).
        let trimmed = profile.removing([ItemPath(section: 1, entry: 1), ItemPath(section: 1, entry: 3)]).closingKeyGaps(after: profile)
        #expect(keys(trimmed) == ["C3", "C2", "C1", "J2", "J1", "7", "5"])
        guard case .bullets(let b) = trimmed.sections[0].entries[0].content else { Issue.record("no bullets"); return }
        #expect(b[0].text.source == "Quantization [C1, C2, C3] and more; photonics \\[J2\\]; not keys [C9, X] [see](https://x.org)")
    }

    @Test func nothingDroppedChangesNothing() {
        #expect(profile.closingKeyGaps(after: profile) == profile)
        // A gap the profile has itself (no 6 between 7 and 5) stays; only dropped keys close up.
        #expect(keys(profile.removing([ItemPath(section: 1, entry: 7)]).closingKeyGaps(after: profile))
                == ["C5", "C4", "C3", "C2", "C1", "J2", "J1", "5"])
        #expect(keys(profile.removing([ItemPath(section: 1, entry: 6)]).closingKeyGaps(after: profile))
                == ["C5", "C4", "C3", "C2", "C1", "J1", "7", "5"])
    }
}
