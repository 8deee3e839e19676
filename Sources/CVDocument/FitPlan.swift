import CVModel

/// What a pack may drop, in order, to fit its page limit.
public enum FitRule: String, CaseIterable, Sendable {
    /// Second-level bullets, the last ones first.
    case nestedBullets = "nested-bullets"
    /// Publications not marked `selected`, the oldest first.
    case publications
    /// Bullets after the first of each list, the last ones first.
    case bullets
    /// Entries not marked `selected`, never the first of a section, the oldest first.
    case entries
}

/// The ordered list of items a pack may drop from a profile to make it fit.
public struct FitPlan {
    public var rules: [FitRule]
    /// Section ids whose entries are never dropped.
    public var protected: Set<String>

    public init(rules: [FitRule], protected: Set<String>) {
        self.rules = rules
        self.protected = protected
    }

    /// Candidates in drop order: all of the first rule's, then the next rule's, and so on.
    /// Within a rule: lower priority first, then older, then later in the CV.
    public func candidates(for profile: Profile) -> [ItemPath] {
        var seen: Set<ItemPath> = []
        var out: [ItemPath] = []
        let entries = profile.allEntries().filter { !protected.contains(profile.sections[$0.0.section].id) }
        for rule in rules {
            var found: [(ItemPath, Int, Int, Int)] = []  // path, priority, date, position
            for (position, (path, entry)) in entries.enumerated() {
                let priority = entry.priority ?? 0
                switch rule {
                case .nestedBullets, .bullets:
                    for (i, b) in entry.bullets.enumerated() {
                        if rule == .nestedBullets {
                            for k in b.items.indices {
                                var p = path; p.bullet = [i, k]
                                found.append((p, priority, 0, position * 1000 + i * 10 + k))
                            }
                        } else if i > 0 {
                            var p = path; p.bullet = [i]
                            found.append((p, priority, 0, position * 1000 + i))
                        }
                    }
                case .publications:
                    if case .publication = entry.content, !entry.selected {
                        found.append((path, priority, entry.dates?.sortKey ?? 0, position))
                    }
                case .entries:
                    let first = path.entry == 0 && path.groupEntry == nil || path.groupEntry == 0
                    switch entry.content {
                    case .group, .paragraph, .callout: continue
                    default: break
                    }
                    if !entry.selected && !first {
                        found.append((path, priority, entry.dates?.sortKey ?? 0, position))
                    }
                }
            }
            found.sort { a, b in
                if a.1 != b.1 { return a.1 < b.1 }
                if a.2 != b.2 { return a.2 < b.2 }
                return a.3 > b.3
            }
            for (path, _, _, _) in found where !seen.contains(path) {
                seen.insert(path)
                out.append(path)
            }
        }
        return out
    }
}
