import CVDocument
import CVModel
import CVRender
import Foundation

/// Makes a profile fit a pack's page limit by measuring, not by trial: one TeX run typesets the
/// whole CV once per look of the pack on a page too tall to break and logs where every section,
/// entry, bullet and talk venue starts; the pack's fitting order (`fit.drop`: drops and `tighten`
/// steps) is then walked on those measures to the first state whose content fits the page, and
/// that state is typeset. Should the page still run over (spacing that merges differently once
/// neighbours are gone), a third run takes the next state that fits with a line to spare.
/// Deterministic: the same input gives the same page.
struct PageFitter {
    var builder: Builder
    var pack: StylePack
    var limit: Int
    /// Typesets a document in at most the given number of engine runs.
    var compile: (String, Int) throws(BuildFailure) -> TeXOutput

    struct Fitted {
        var output: TeXOutput
        /// The document that was typeset.
        var tex: String
        var report: [String]
        /// Engine runs in all, the measuring run included.
        var passes: Int
    }

    /// What the measuring run found: each mark's height on the page by level, and each level's
    /// text height, in scaled points.
    struct Measures {
        var textHeight: [Int: Int] = [:]
        /// level → mark → (page, y)
        var positions: [Int: [Int: (Int, Int)]] = [:]
        var top: [Int: (Int, Int)] = [:]
        var end: [Int: (Int, Int)] = [:]

        init(log: String) {
            for line in log.split(separator: "\n") where line.hasPrefix("cvfit ") {
                let f = line.split(separator: " ")
                guard f.count >= 4, let level = Int(f[1]) else { continue }
                if f[2] == "textheight" {
                    textHeight[level] = Self.points(f[3])
                    continue
                }
                guard f.count >= 5, let page = Int(f[3]), let y = Int(f[4]) else { continue }
                switch f[2] {
                case "top": top[level] = (page, y)
                case "end": end[level] = (page, y)
                default: if let n = Int(f[2]) { positions[level, default: [:]][n] = (page, y) }
                }
            }
        }

        /// `541.40024pt` in scaled points.
        static func points(_ s: Substring) -> Int {
            Int(((Double(s.dropLast(2)) ?? 0) * 65536).rounded())
        }

        /// The height each mark's own lines take (to the next mark) at `level`, and the height
        /// before the first mark (the header); marks on different pages count the rest of the page.
        func segments(level: Int, count: Int) -> (header: Int, own: [Int])? {
            guard let top = top[level], let end = end[level], let marks = positions[level], marks.count == count else { return nil }
            var points: [(Int, Int)] = [top]
            for n in 0..<count { points.append(marks[n]!) }
            points.append(end)
            var heights: [Int] = []
            for i in 0..<(points.count - 1) {
                let (a, b) = (points[i], points[i + 1])
                heights.append(a.0 == b.0 ? max(0, a.1 - b.1) : 0)
            }
            return (heights[0], Array(heights.dropFirst()))
        }
    }

    /// The marks as a tree, with the profile item each one stands for.
    struct Layout {
        var marks: [FitMark]
        var items: [ItemPath?]
        var children: [[Int]]

        init(_ marks: [FitMark]) {
            self.marks = marks
            items = marks.map { $0.kind == .section || $0.kind == .other ? nil : Self.itemPath($0.path) }
            children = Array(repeating: [], count: marks.count)
            for (n, m) in marks.enumerated() { if let p = m.parent { children[p].append(n) } }
        }

        /// `sections[1].entries[3].entries[0].highlights[2].items[1]` as an item path; a group made
        /// by kind (whose path is its section's) has none.
        static func itemPath(_ path: String) -> ItemPath? {
            var numbers: [(String, Int)] = []
            for part in path.split(separator: ".") {
                guard let open = part.firstIndex(of: "["), part.hasSuffix("]"),
                      let n = Int(part[part.index(after: open)..<part.index(before: part.endIndex)]) else { return nil }
                numbers.append((String(part[..<open]), n))
            }
            guard numbers.count >= 2, numbers[0].0 == "sections", numbers[1].0 == "entries" else { return nil }
            var item = ItemPath(section: numbers[0].1, entry: numbers[1].1)
            for (name, n) in numbers.dropFirst(2) {
                switch name {
                case "entries" where item.groupEntry == nil && item.bullet.isEmpty: item.groupEntry = n
                case "highlights", "items": item.bullet.append(n)
                case "venues": item.venue = n
                default: return nil
                }
            }
            return item
        }

        /// Which marks are left when `dropped` goes: a mark goes with its item, with what holds it,
        /// and a section, group or bullet list goes when everything in it has gone.
        func kept(dropping dropped: Set<ItemPath>) -> [Bool] {
            var kept = Array(repeating: true, count: marks.count)
            func visit(_ n: Int, _ parentKept: Bool) -> Bool {
                var keep = parentKept
                if keep, let item = items[n], dropped.contains(item) { keep = false }
                var anyChild = false, countedChildren = 0
                for c in children[n] {
                    let k = visit(c, keep)
                    if marks[c].kind != .other && marks[c].kind != .venue { countedChildren += 1; if k { anyChild = true } }
                }
                // A section or group with nothing left goes; so does a bullet list entry with no bullets.
                if keep && countedChildren > 0 && !anyChild {
                    switch marks[n].kind {
                    case .section, .group: keep = false
                    case .entry where Self.isBulletList(marks, children[n]): keep = false
                    default: break
                    }
                }
                kept[n] = keep
                return keep
            }
            for n in marks.indices where marks[n].parent == nil { _ = visit(n, true) }
            return kept
        }

        /// An entry whose first mark inside is a bullet and that has no lines of its own before it
        /// (a list of bullets: its own segment is empty).
        static func isBulletList(_ marks: [FitMark], _ children: [Int]) -> Bool {
            guard let first = children.first else { return false }
            return marks[first].kind == .bullet && marks[first].path.contains(".items[")
                && !marks[first].path.contains(".highlights[")
        }
    }

    func fit(_ decoded: DecodedProfile, file: String?) throws(BuildFailure) -> Fitted {
        let profile = decoded.profile
        let top = pack.tightnessLevels
        var rules = pack.fitRules
        // A pack that names no `tighten` step tightens first.
        if top > 0 && !rules.contains(where: { $0.contains(.tighten) }) { rules = Array(repeating: [.tighten], count: top) + rules }
        let moves = FitPlan(rules: rules, protected: Set(pack.fitProtected)).moves(for: profile)
        let levels = Array(0...top)

        // Run 1: measure every look.
        var measuring = decoded
        measuring.profile = profile
        let measure = try builder.renderDocument(measuring, pack: pack, file: file, measureLevels: levels)
        // One run: the page count a multi-page measuring document reports needs no second.
        let measured = try compile(measure.tex, 1)
        var passes = measured.passes
        let measures = Measures(log: measured.log)
        let layout = Layout(measure.fitMarks)
        var segments: [Int: (header: Int, own: [Int])] = [:]
        for level in levels { segments[level] = measures.segments(level: level, count: layout.marks.count) }

        // The states in order: (level, drops so far), one per move.
        var states: [(level: Int, drops: Int)] = [(0, 0)]
        var dropPaths: [ItemPath] = []
        var ruleOf: [ItemPath: FitRule] = [:]
        var level = 0
        for move in moves {
            switch move {
            case .tighten:
                guard level < top else { continue }
                level += 1
            case .drop(let path, let rule):
                dropPaths.append(path)
                ruleOf[path] = rule
            }
            states.append((level, dropPaths.count))
        }
        // Where the last `tighten` move is in the drops: what went before it went to spare tightening.
        var tightenedAfter: [Int: Int] = [0: 0]
        do {
            var l = 0, n = 0
            for move in moves {
                switch move {
                case .tighten: if l < top { l += 1; tightenedAfter[l] = n }
                case .drop: n += 1
                }
            }
        }
        func height(_ level: Int, _ dropped: Set<ItemPath>) -> Int? {
            guard let seg = segments[level] else { return nil }
            let kept = layout.kept(dropping: dropped)
            var h = seg.header
            for (n, k) in kept.enumerated() where k { h += seg.own[n] }
            return h
        }
        func height(_ state: (level: Int, drops: Int)) -> Int? { height(state.level, Set(dropPaths.prefix(state.drops))) }
        func available(_ level: Int) -> Int? { measures.textHeight[level].map { $0 * limit } }
        /// The first state from `start` whose measured height leaves `spare` free.
        func firstFitting(from start: Int, spare: Int) -> Int? {
            for i in start..<states.count {
                guard let h = height(states[i]), let room = available(states[i].level) else { return nil }
                if h + spare <= room { return i }
            }
            return nil
        }
        /// The drops of state `i`, with what still fits taken back: the last dropped first, only
        /// among the drops made after the last tightening (what went to spare tightening stays out),
        /// and never a patent, preprint or paper under review while an own publication is out.
        func filled(_ i: Int, spare: Int) -> [ItemPath] {
            let (lvl, n) = states[i]
            var dropped = Array(dropPaths.prefix(n))
            guard var h = height(lvl, Set(dropped)), let room = available(lvl) else { return dropped }
            let from = tightenedAfter[lvl] ?? n
            let ownOut = dropped.contains { ruleOf[$0] == .ownPublications }
            for k in stride(from: dropped.count - 1, through: from, by: -1) {
                if ownOut, let r = ruleOf[dropped[k]], [.patents, .preprints, .underReview].contains(r) { continue }
                var trial = dropped
                trial.remove(at: k)
                guard let t = height(lvl, Set(trial)), t > h, t + spare <= room else { continue }
                dropped = trial
                h = t
            }
            return dropped
        }
        func typeset(_ i: Int, _ dropped: [ItemPath]) throws(BuildFailure) -> (TeXOutput, String) {
            var d = decoded
            d.profile = profile.removing(Set(dropped)).closingKeyGaps(after: profile)
            let tex = try builder.render(d, pack: pack, file: file, tightness: states[i].level)
            return (try compile(tex, 3), tex)
        }

        let point = 65536
        // Without measures (a pack whose marks did not all reach the log), the last state.
        var chosen = firstFitting(from: 0, spare: 2 * point) ?? states.count - 1
        var dropped = filled(chosen, spare: 2 * point)
        var (out, tex) = try typeset(chosen, dropped)
        passes += out.passes
        if out.pages > limit {
            // A line to spare, from the next state on.
            if chosen + 1 < states.count {
                chosen = firstFitting(from: chosen + 1, spare: 14 * point) ?? states.count - 1
                dropped = Array(dropPaths.prefix(states[chosen].drops))
                (out, tex) = try typeset(chosen, dropped)
                passes += out.passes
            }
        }
        guard out.pages <= limit else {
            throw BuildFailure(.texFailed, [Diagnostic(file: file,
                message: "does not fit on \(limit) page\(limit == 1 ? "" : "s") in style \"\(pack.name)\" even after dropping \(dropped.count) items (\(out.pages) pages)",
                hint: "mark fewer entries \"selected\", or shorten the profile")])
        }
        var report: [String] = []
        if states[chosen].level > 0 { report.append("tightened to level \(states[chosen].level) of \(top)") }
        report += Self.describe(dropped, in: profile)
        return Fitted(output: out, tex: tex, report: report, passes: passes)
    }

    /// "dropped from Publications: 2 preprints, 1 patent" — one line per section, in the order of
    /// the profile, each kind counted in words a reader uses.
    static func describe(_ dropped: [ItemPath], in profile: Profile) -> [String] {
        var counts: [Int: [String: Int]] = [:]
        var order: [Int: [String]] = [:]
        let all = Set(dropped)
        // A bullet or venue that went with its entry (or a nested bullet with its bullet) is not counted again.
        func within(_ p: ItemPath) -> Bool {
            if p.bullet.isEmpty && p.venue == nil { return false }
            var up = p.entryPath
            if all.contains(up) { return true }
            for depth in 1..<max(1, p.bullet.count) {
                up.bullet = Array(p.bullet.prefix(depth))
                if all.contains(up) { return true }
            }
            return false
        }
        for path in dropped where !within(path) {
            let noun = self.noun(path, in: profile)
            if counts[path.section, default: [:]][noun] == nil { order[path.section, default: []].append(noun) }
            counts[path.section, default: [:]][noun, default: 0] += 1
        }
        return counts.keys.sorted().map { s in
            let parts = order[s]!.map { noun in
                let n = counts[s]![noun]!
                return "\(n) \(n == 1 ? noun : plural(noun))"
            }
            return "dropped from \(profile.sections[s].title): " + parts.joined(separator: ", ")
        }
    }

    static func plural(_ noun: String) -> String {
        if noun.hasPrefix("paper ") { return "papers" + noun.dropFirst(5) }
        return noun + "s"
    }

    /// What a reader calls the item at `path`.
    static func noun(_ path: ItemPath, in profile: Profile) -> String {
        if path.venue != nil { return "talk venue" }
        if !path.bullet.isEmpty { return "bullet" }
        var entry = profile.sections[path.section].entries[path.entry]
        if let g = path.groupEntry, case .group(let group) = entry.content { entry = group.entries[g] }
        return switch entry.content {
        case .paragraph: "paragraph"
        case .bullets: "bullet list"
        case .callout: "call-out"
        case .education: "degree"
        case .experience: "position"
        case .award: "award"
        case .publication(let p):
            p.kind == .patent ? "patent"
                : p.kind == .preprint || p.status == .preprint ? "preprint"
                : [.underReview, .submitted, .inPreparation].contains(p.status) ? "paper under review"
                : "publication"
        case .talk: "talk"
        case .news: "news item"
        case .detail: "line"
        case .item: "item"
        case .service: "service role"
        case .course: "course"
        case .referee: "referee"
        case .group: "group"
        }
    }
}
