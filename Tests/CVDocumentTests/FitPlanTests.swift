import CVModel
import Testing
@testable import CVDocument

/// The fitting order: the pack's steps, what a profile's `selected` and `priority` change, and what
/// is never offered for dropping.
@Suite struct FitPlanTests {
    func pub(_ title: String, _ authors: [String], kind: PublicationKind = .conference, status: PublicationStatus = .published,
             year: Int = 2020, coFirst: Int? = nil) -> Publication {
        Publication(title: title, authors: authors, coFirst: coFirst, kind: kind, status: status, dates: .on(.year(year)))
    }

    func titles(_ moves: [FitMove], in profile: Profile) -> [String] {
        moves.compactMap { move -> String? in
            guard case .drop(let path, _) = move else { return "tighten" }
            let entry = profile.sections[path.section].entries[path.entry]
            switch entry.content {
            case .publication(let p): return p.title
            case .news(let n): return n.text.source
            case .award(let a): return a.title
            default: return "\(path)"
            }
        }
    }

    var profile: Profile {
        Profile(name: "Ada Lovelace", aliases: ["A. Lovelace"], sections: [
            Section(title: "News", entries: [Entry(.news(News(date: .year(2024), text: "news")))]),
            Section(title: "Awards", entries: [Entry(.award(Award(title: "award", dates: .on(.year(2023)))))]),
            Section(title: "Publications", entries: [
                Entry(.publication(pub("own", ["A. Lovelace", "B"], year: 2019))),
                Entry(.publication(pub("cofirst", ["B", "Ada Lovelace"], year: 2018, coFirst: 2))),
                Entry(.publication(pub("second", ["B", "Ada Lovelace"], year: 2021))),
                Entry(.publication(pub("preprint", ["Ada Lovelace"], kind: .preprint, status: .preprint, year: 2024))),
                Entry(.publication(pub("review", ["Ada Lovelace"], status: .underReview, year: 2024))),
                Entry(.publication(pub("patent", ["Ada Lovelace"], kind: .patent, year: 2022))),
            ]),
        ])
    }

    @Test func theManifestsOrderReadsAsAReaderValues() {
        let plan = FitPlan(rules: [[.news], [.patents], [.preprints], [.underReview], [.tighten], [.publications], [.awards], [.ownPublications]],
                           protected: [])
        #expect(titles(plan.moves(for: profile), in: profile)
                == ["news", "patent", "preprint", "review", "tighten", "second", "award", "cofirst", "own"])
    }

    @Test func rulesOfOneStepGoTogetherOldestFirst() {
        let plan = FitPlan(rules: [[.publications, .awards]], protected: [])
        // A pack without rules for patents, preprints, papers under review and own papers drops them as publications.
        #expect(titles(plan.moves(for: profile), in: profile) == ["cofirst", "own", "second", "patent", "award", "review", "preprint"])
        let together = FitPlan(rules: [[.awards, .ownPublications]], protected: [])
        #expect(titles(together.moves(for: profile), in: profile) == ["cofirst", "own", "award"])
    }

    @Test func priorityOverridesTheOrderAndSelectedIsNeverDropped() {
        var p = profile
        p.sections[2].entries[0].priority = -1  // "own" goes first
        p.sections[2].entries[3].priority = 1  // "preprint" goes last
        p.sections[2].entries[4].selected = true  // "review" stays
        let plan = FitPlan(rules: [[.news], [.patents], [.preprints], [.underReview], [.publications], [.ownPublications]], protected: [])
        #expect(titles(plan.moves(for: p), in: p) == ["own", "news", "patent", "second", "cofirst", "preprint"])
    }

    /// Whatever the rules, the first bullet of a list, the first nested bullet of a bullet, the
    /// first venue of a talk, the most recent position and degree are never offered.
    @Test(arguments: FitRule.allCases)
    func firstsAndTheMostRecentAreNeverOffered(_ rule: FitRule) {
        func bullets(_ n: Int) -> [Bullet] { (0..<n).map { Bullet(Markup("b\($0)"), items: [Bullet("n0"), Bullet("n1")]) } }
        let p = Profile(name: "A", sections: [
            Section(title: "Experience", entries: [
                Entry(.experience(Experience(organization: "old", dates: .from(.year(2015), to: .year(2016)), highlights: bullets(3)))),
                Entry(.experience(Experience(organization: "current", dates: .from(.year(2019), to: .present), highlights: bullets(3)))),
                Entry(.experience(Experience(organization: "internship", dates: .from(.year(2023), to: .year(2023)), highlights: bullets(1)))),
            ]),
            Section(title: "Education", entries: [
                Entry(.education(Education(institution: "BS", dates: .from(.year(2010), to: .year(2014))))),
                Entry(.education(Education(institution: "PhD", dates: .from(.year(2019), to: .year(2025))))),
            ]),
            Section(title: "Talks", entries: [
                Entry(.talk(Talk(title: "t", venues: [TalkVenue(name: "a"), TalkVenue(name: "b")]))),
            ]),
        ])
        let paths = FitPlan(rules: [[rule]], protected: []).candidates(for: p)
        for path in paths {
            #expect(path.bullet.first != 0 || path.bullet.count > 1, "\(path)")
            #expect(path.bullet.count < 2 || path.bullet[1] != 0, "\(path)")
            #expect(path.venue != 0, "\(path)")
            if path.bullet.isEmpty && path.venue == nil {
                #expect(!(path.section == 0 && path.entry == 1) && !(path.section == 1 && path.entry == 1), "\(path)")
            }
        }
        // Protected sections are never offered at all.
        #expect(FitPlan(rules: [[rule]], protected: ["experience", "education", "talks"]).candidates(for: p).isEmpty)
    }

    @Test func oldAwardsAreThoseBeforeTheMostRecentDegree() {
        let p = Profile(name: "A", sections: [
            Section(title: "Education", entries: [
                Entry(.education(Education(institution: "BS", dates: .from(.year(2012), to: .year(2016))))),
                Entry(.education(Education(institution: "PhD", dates: .on(.month(2024, 12))))),  // dated by its end
            ]),
            Section(title: "Awards", entries: [
                Entry(.award(Award(title: "undergraduate", dates: .on(.year(2015))))),
                Entry(.award(Award(title: "graduate", dates: .on(.year(2021))))),
            ]),
        ])
        let moves = FitPlan(rules: [[.oldAwards]], protected: []).moves(for: p)
        #expect(titles(moves, in: p) == ["undergraduate"])
    }
}
