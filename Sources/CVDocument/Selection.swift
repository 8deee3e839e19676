import CVModel

/// What a document shows of a profile: which sections, in what order, and how many entries each.
struct Selection {
    var rules: DocumentRules
    var labels: Labels

    /// The sections to print with their index in the profile (for paths), each already trimmed.
    func sections(of profile: Profile) -> [(Int, Section)] {
        let indexed = Array(profile.sections.enumerated())
        var ordered: [(Int, Section)]
        if let order = rules.sections {
            let named = Set(order)
            ordered = []
            for id in order {
                if id == "*" {
                    ordered += indexed.filter { !named.contains($0.element.id) }.map { ($0.offset, $0.element) }
                } else {
                    ordered += indexed.filter { $0.element.id == id }.map { ($0.offset, $0.element) }
                }
            }
        } else {
            ordered = indexed.map { ($0.offset, $0.element) }
        }
        let anySelected = profile.sections.contains { $0.entries.contains(where: Self.isSelectedPublication) }
        return ordered.compactMap { (i, section) in
            var s = section
            if rules.selectedPublicationsOnly && anySelected {
                s.entries = Self.keepSelectedPublications(s.entries)
            }
            if rules.groupPublicationsByKind { s.entries = groupedByKind(s.entries) }
            if let limit = rules.maxEntries[s.id] ?? rules.maxEntries["*"], s.entries.count > limit {
                s.entries = Array(s.entries.prefix(limit))
            }
            return s.entries.isEmpty ? nil : (i, s)
        }
    }

    /// A section of unkeyed publications of several kinds becomes one group per kind, in order of first appearance.
    func groupedByKind(_ entries: [Entry]) -> [Entry] {
        var kinds: [PublicationKind] = []
        for e in entries {
            guard case .publication(let p) = e.content, p.key == nil else { return entries }
            if !kinds.contains(p.kind) { kinds.append(p.kind) }
        }
        guard kinds.count > 1 else { return entries }
        return kinds.map { kind in
            Entry(.group(Group(title: labels.title(of: kind), entries: entries.filter {
                if case .publication(let p) = $0.content { p.kind == kind } else { false }
            })))
        }
    }

    static func isSelectedPublication(_ e: Entry) -> Bool {
        switch e.content {
        case .publication: e.selected
        case .group(let g): g.entries.contains(where: isSelectedPublication)
        default: false
        }
    }

    static func keepSelectedPublications(_ entries: [Entry]) -> [Entry] {
        entries.compactMap { e in
            switch e.content {
            case .publication: return e.selected ? e : nil
            case .group(var g):
                g.entries = keepSelectedPublications(g.entries)
                if g.entries.isEmpty { return nil }
                var copy = e
                copy.content = .group(g)
                return copy
            default: return e
            }
        }
    }
}
