import CVModel

/// One step of a pack's fitting order (`fit.drop` in its manifest): a kind of content to drop, or
/// `tighten`, which moves to the pack's next tighter look. The order reads as a résumé reader
/// values content: what they value least goes first.
public enum FitRule: String, CaseIterable, Sendable {
    /// News items.
    case news
    /// Call-outs (recruiting notices and other highlighted text).
    case callouts
    /// Prose paragraphs: a bio, an introduction.
    case paragraphs
    /// A research-interests section's paragraphs and bullet lists.
    case interests
    /// A talk's venues after its first.
    case talkVenues = "talk-venues"
    /// Patents.
    case patents
    /// Preprints.
    case preprints
    /// Papers under review, submitted or in preparation.
    case underReview = "under-review"
    /// Awards from before the most recent degree began.
    case oldAwards = "old-awards"
    /// Courses after the first of their section (coursework, and teaching beyond the main course).
    case courses
    /// The pack's next tighter look (`\cvtightness` one higher); never below its floors.
    case tighten
    /// Second-level bullets after the first of their list.
    case nestedBullets = "nested-bullets"
    /// Bullets after the first of each list.
    case bullets
    /// Awards.
    case awards
    /// Entries no other rule names: service, talks, items, label lines, referees, bullet lists, a
    /// section's first course.
    case entries
    /// Publications other than the owner's first-author and co-first peer-reviewed ones.
    case publications
    /// Positions other than the most recent.
    case positions
    /// Degrees other than the most recent.
    case degrees
    /// The owner's first-author and co-first peer-reviewed publications.
    case ownPublications = "own-publications"
}

/// One move of a fitting order: drop an item, or tighten the look.
public enum FitMove: Hashable, Sendable {
    case drop(ItemPath, FitRule)
    case tighten
}

/// The ordered moves a pack may make to fit a profile on its page limit.
///
/// Never dropped: entries marked `selected`, the sections named in `protected`, the most recent
/// position and the most recent degree, the first bullet of every list (a kept entry with bullets
/// keeps one, a kept project keeps one outcome). A `priority` overrides the pack's order: lower
/// priorities go before everything of a higher one (the default is 0); within one priority the
/// pack's order holds, and within a rule the oldest goes first, then the later in the CV.
public struct FitPlan {
    /// The steps in order; the rules of one step go together, oldest first.
    public var rules: [[FitRule]]
    /// Section ids whose entries are never dropped.
    public var protected: Set<String>

    public init(rules: [[FitRule]], protected: Set<String>) {
        self.rules = rules
        self.protected = protected
    }

    /// An item that may go, under the first of its rules the pack uses (most specific first: a
    /// patent is a `patents` item in a pack with that rule, a `publications` one in a pack without).
    struct Candidate {
        var path: ItemPath
        var rule: FitRule
        var priority: Int
        var date: Int
        var position: Int
    }

    /// Every move in order: drops and `tighten` steps.
    public func moves(for profile: Profile) -> [FitMove] {
        let rank = Dictionary(rules.enumerated().flatMap { i, step in step.map { ($0, i) } }, uniquingKeysWith: { a, _ in a })
        var found: [Candidate] = []
        let owner = OwnerMatcher(profile)
        let entries = profile.allEntries()
        let keep = Self.keptPositions(entries)
        let lastDegreeStart = Self.lastDegreeStart(entries)
        func add(_ path: ItemPath, _ candidates: [FitRule], _ entry: Entry, date: Int? = nil, position: Int) {
            guard let rule = candidates.first(where: { rank[$0] != nil }) else { return }
            found.append(Candidate(path: path, rule: rule, priority: entry.priority ?? 0, date: date ?? entry.dates?.sortKey ?? 0,
                                   position: position))
        }
        for (position, (path, entry)) in entries.enumerated() {
            let section = profile.sections[path.section]
            guard !protected.contains(section.id), !entry.selected else { continue }
            let interests = section.id.contains("interest")
            let p = position * 10_000
            // Bullets: all but the first of each list; nested ones after bullets of the same entry.
            for (i, b) in entry.bullets.enumerated() {
                if i > 0 { add(ItemPath(section: path.section, entry: path.entry, groupEntry: path.groupEntry, bullet: [i]),
                               interests ? [.interests, .bullets] : [.bullets], entry, position: p + 100 * i) }
                for k in b.items.indices where k > 0 {
                    add(ItemPath(section: path.section, entry: path.entry, groupEntry: path.groupEntry, bullet: [i, k]),
                        [.nestedBullets, .bullets], entry, position: p + 100 * i + k)
                }
            }
            var rules: [FitRule] = []
            switch entry.content {
            case .group: continue
            case .news: rules = [.news, .entries]
            case .callout: rules = [.callouts]
            case .paragraph: rules = interests ? [.interests, .paragraphs] : [.paragraphs]
            case .bullets: rules = interests ? [.interests, .entries] : [.entries]
            case .course:
                let first = entries.first { $0.0.section == path.section && $0.0.groupEntry == path.groupEntry
                    && { if case .course = $0.1.content { true } else { false } }($0) }
                rules = first?.0 == path ? [.entries] : [.courses, .entries]
            case .award:
                let old = lastDegreeStart.map { (entry.dates?.sortKey ?? 0) < $0 } ?? false
                rules = old ? [.oldAwards, .awards, .entries] : [.awards, .entries]
            case .talk(let t):
                for k in t.venues.indices where k > 0 {
                    var v = path; v.venue = k
                    add(v, [.talkVenues], entry, date: t.venues[k].dates?.sortKey ?? 0, position: p + k)
                }
                rules = [.entries]
            case .publication(let pub):
                if pub.kind == .patent { rules.append(.patents) }
                if pub.kind == .preprint || pub.status == .preprint { rules.append(.preprints) }
                if [.underReview, .submitted, .inPreparation].contains(pub.status) { rules.append(.underReview) }
                // A pack without a rule of its own for a kind drops it under the next one.
                rules += Self.isOwnPeerReviewed(pub, owner) ? [.ownPublications, .publications, .entries] : [.publications, .entries]
            case .education:
                if keep.contains(path) { continue }
                rules = [.degrees, .entries]
            case .experience:
                if keep.contains(path) { continue }
                rules = [.positions, .entries]
            default: rules = [.entries]
            }
            add(path, rules, entry, position: p)
        }
        var moves: [(priority: Int, rank: Int, date: Int, position: Int, move: FitMove)] = found.map {
            ($0.priority, rank[$0.rule]!, $0.date, $0.position, .drop($0.path, $0.rule))
        }
        for (i, step) in rules.enumerated() where step.contains(.tighten) { moves.append((0, i, 0, 0, .tighten)) }
        moves.sort { a, b in
            if a.priority != b.priority { return a.priority < b.priority }
            if a.rank != b.rank { return a.rank < b.rank }
            if a.date != b.date { return a.date < b.date }
            return a.position > b.position
        }
        return moves.map(\.move)
    }

    /// Drops only, in order (the `tighten` steps left out).
    public func candidates(for profile: Profile) -> [ItemPath] {
        moves(for: profile).compactMap { if case .drop(let p, _) = $0 { p } else { nil } }
    }

    /// A publication of the owner's a reader counts first: peer-reviewed (a conference, journal,
    /// workshop paper, book or chapter, published or accepted) with the owner first or co-first.
    public static func isOwnPeerReviewed(_ pub: Publication, _ owner: OwnerMatcher) -> Bool {
        guard [.conference, .journal, .workshop, .book, .chapter].contains(pub.kind),
              [.published, .accepted].contains(pub.status) else { return false }
        let lead = max(1, pub.coFirst ?? 1)
        return pub.authors.prefix(lead).contains(where: owner.isOwner)
    }

    /// The most recent position and the most recent degree: the experience and the education
    /// entry that ends last (a current one first), then started last; ties: the first written.
    static func keptPositions(_ entries: [(ItemPath, Entry)]) -> Set<ItemPath> {
        var latest: [Bool: (ItemPath, Int, Int)] = [:]
        for (path, entry) in entries {
            let isDegree: Bool
            switch entry.content {
            case .education: isDegree = true
            case .experience: isDegree = false
            default: continue
            }
            let end = entry.dates?.sortKey ?? 0, start = entry.dates?.start?.sortKey ?? 0
            if let best = latest[isDegree], (best.1, best.2) >= (end, start) { continue }
            latest[isDegree] = (path, end, start)
        }
        return Set(latest.values.map(\.0))
    }

    /// When the most recent degree began: its start when its dates are a span; for a degree
    /// dated by its end alone, when the degree before it ended. Nil without degrees.
    static func lastDegreeStart(_ entries: [(ItemPath, Entry)]) -> Int? {
        let degrees = entries.compactMap { _, e -> DateSpan? in
            if case .education(let x) = e.content { x.dates } else { nil }
        }.sorted { $0.sortKey > $1.sortKey }
        guard let last = degrees.first else { return nil }
        if last.end != nil, let start = last.start { return start.sortKey }
        return degrees.dropFirst().first?.sortKey
    }
}
