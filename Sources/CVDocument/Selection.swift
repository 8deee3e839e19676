import CVModel

/// An entry chosen for the document, with the profile path it was written at. Selecting,
/// grouping and trimming move entries around; their paths stay those of the profile, so a
/// problem found in the output can always be traced to its field.
struct Placed {
    var entry: Entry
    /// Where the entry is in the profile (`sections[1].entries[3]`); for a group made by kind,
    /// the section's path, since no entry of the profile holds it.
    var path: String
    /// A group's entries as placed; empty for other entries.
    var children: [Placed]
    /// The kind a group made by kind holds; nil for the profile's own entries.
    var kind: PublicationKind?

    static func of(_ entry: Entry, path: String) -> Placed {
        var children: [Placed] = []
        if case .group(let g) = entry.content {
            children = g.entries.enumerated().map { of($1, path: "\(path).entries[\($0)]") }
        }
        return Placed(entry: entry, path: path, children: children, kind: nil)
    }
}

/// What a document shows of a profile: which sections, in what order, and how many entries each.
struct Selection {
    var rules: DocumentRules
    var labels: Labels

    /// The sections to print with their index in the profile (for paths), each with its entries
    /// already selected, grouped and trimmed.
    func sections(of profile: Profile) -> [(Int, Section, [Placed])] {
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
            var placed = section.entries.enumerated().map { Placed.of($1, path: "sections[\(i)].entries[\($0)]") }
            if rules.selectedPublicationsOnly && anySelected {
                placed = Self.keepSelectedPublications(placed)
            }
            if rules.groupPublicationsByKind { placed = groupedByKind(placed, sectionPath: "sections[\(i)]") }
            if let limit = rules.maxEntries[section.id] ?? rules.maxEntries["*"], placed.count > limit {
                placed = Array(placed.prefix(limit))
            }
            return placed.isEmpty ? nil : (i, section, placed)
        }
    }

    /// A section of unkeyed publications of several kinds becomes one group per kind, in order of
    /// first appearance; each publication keeps its own path.
    func groupedByKind(_ entries: [Placed], sectionPath: String) -> [Placed] {
        var kinds: [PublicationKind] = []
        for e in entries {
            guard case .publication(let p) = e.entry.content, p.key == nil else { return entries }
            if !kinds.contains(p.kind) { kinds.append(p.kind) }
        }
        guard kinds.count > 1 else { return entries }
        return kinds.map { kind in
            let members = entries.filter {
                if case .publication(let p) = $0.entry.content { p.kind == kind } else { false }
            }
            let group = Entry(.group(Group(title: labels.title(of: kind), entries: members.map(\.entry))))
            return Placed(entry: group, path: sectionPath, children: members, kind: kind)
        }
    }

    static func isSelectedPublication(_ e: Entry) -> Bool {
        switch e.content {
        case .publication: e.selected
        case .group(let g): g.entries.contains(where: isSelectedPublication)
        default: false
        }
    }

    static func keepSelectedPublications(_ entries: [Placed]) -> [Placed] {
        entries.compactMap { e in
            switch e.entry.content {
            case .publication: return e.entry.selected ? e : nil
            case .group(var g):
                var copy = e
                copy.children = keepSelectedPublications(e.children)
                if copy.children.isEmpty { return nil }
                g.entries = copy.children.map(\.entry)
                copy.entry.content = .group(g)
                return copy
            default: return e
            }
        }
    }
}
