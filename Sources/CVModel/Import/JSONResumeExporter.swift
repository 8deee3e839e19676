import Foundation

/// Writes a profile as a JSON Resume document, warning (by profile path) about what JSON Resume
/// cannot hold: talks, news, callouts, service, courses, and lines that fit none of its sections.
struct JSONResumeExporter {
    var warnings: [Diagnostic] = []
    var summary: [String] = []
    /// Arrays by JSON Resume section name.
    var lists: [String: [JSONNode.Value]] = [:]
    /// The last reference written, so a paragraph after a referee becomes its text.
    var lastReference: (index: Int, hasText: Bool)?
    let owner: String

    init(owner: String) { self.owner = owner }

    /// JSON Resume's sections, in the order they are written.
    static let order = ["work", "volunteer", "education", "awards", "certificates", "publications", "skills", "languages",
                        "interests", "references", "projects"]

    /// Where a section's entries go, judged from its id and title.
    enum Target: Equatable { case work, volunteer, projects, certificates, skills, languages, interests, references, summary, none }

    static func target(of section: Section) -> Target {
        let words = section.id + " " + section.title.lowercased()
        let rules: [(Target, [String])] = [
            (.volunteer, ["volunteer"]), (.projects, ["project"]), (.certificates, ["certif"]), (.skills, ["skill"]),
            (.languages, ["language"]), (.interests, ["interest", "hobb"]), (.references, ["referee", "reference"]),
            (.summary, ["about", "summary", "bio", "profile"]),
        ]
        return rules.first { rule in rule.1.contains { words.contains($0) } }?.0 ?? .none
    }

    mutating func warn(_ message: String, path: String) {
        warnings.append(Diagnostic(.warning, path: path, message: message))
    }

    mutating func append(_ list: String, _ value: JSONNode.Value) { lists[list, default: []].append(value) }

    // MARK: The document

    mutating func run(_ p: Profile) -> JSONNode.Value {
        typealias J = JSONBuild
        summary = p.summary.map(\.source)
        if !p.affiliation.isEmpty { warn("JSON Resume has no affiliation; it is left out", path: "affiliation") }
        if !p.aliases.isEmpty { warn("JSON Resume has no other spellings of a name; the aliases are left out", path: "aliases") }
        for (i, section) in p.sections.enumerated() {
            lastReference = nil
            let target = Self.target(of: section)
            for (j, entry) in section.entries.enumerated() {
                self.entry(entry, target: target, path: "sections[\(i)].entries[\(j)]")
            }
        }
        let street = (p.address + [p.location?.address].compactMap { $0 }).joined(separator: "\n")
        let location: JSONNode.Value? = p.address.isEmpty && p.location == nil ? nil : J.object([
            ("address", street.isEmpty ? nil : .string(street)), ("postalCode", J.string(p.location?.postalCode)),
            ("city", J.string(p.location?.city)), ("countryCode", J.string(p.location?.countryCode)),
            ("region", J.string(p.location?.region)),
        ])
        let basics = J.object([
            ("name", .string(p.name)),
            ("label", J.string(p.headline)),
            ("email", J.string(p.email)),
            ("phone", J.string(p.phone)),
            ("url", J.string(p.website)),
            ("summary", summary.isEmpty ? nil : .string(summary.joined(separator: "\n\n"))),
            ("location", location),
            ("profiles", p.links.isEmpty ? nil : J.array(p.links.map {
                J.object([("network", .string($0.label)), ("username", J.string($0.username)), ("url", .string($0.url))])
            })),
        ])
        var pairs: [(String, JSONNode.Value?)] = [("$schema", .string(JSONResume.schemaURL)), ("basics", basics)]
        for name in Self.order { pairs.append((name, lists[name].map(J.array))) }
        return J.object(pairs)
    }

    // MARK: Entries

    mutating func entry(_ e: Entry, target: Target, path: String) {
        typealias J = JSONBuild
        switch e.content {
        case .experience(let x): experience(x, target: target, tags: e.tags, path: path)
        case .education(let x): education(x, path: path)
        case .award(let x):
            if target == .certificates {
                let (url, rest) = Self.splitLink(x.details)
                if !rest.isEmpty { warn("a certificate has no details in JSON Resume; they are left out", path: path + ".details") }
                append("certificates", J.object([("name", .string(x.title)), ("date", J.string(Self.date(x.dates?.start))),
                                                 ("issuer", J.string(x.issuer)), ("url", J.string(url))]))
            } else {
                append("awards", J.object([("title", .string(x.title)), ("date", J.string(Self.date(x.dates?.start ?? x.dates?.end))),
                                           ("awarder", J.string(x.issuer)), ("summary", Self.joined(x.details.map(\.source)))]))
            }
        case .publication(let x): publication(x, path: path)
        case .detail(let d) where !d.keywords.isEmpty || d.level != nil:
            // A skill or interest kept in its parts: written back as they are, nothing split.
            if target == .interests {
                append("interests", J.object([("name", .string(d.label)), ("keywords", J.strings(d.keywords))]))
            } else if target == .skills {
                append("skills", J.object([("name", .string(d.label)), ("level", J.string(d.level)), ("keywords", J.strings(d.keywords))]))
            } else {
                detail(label: d.label, text: d.text.plainText, target: target, path: path, what: "a detail line")
            }
        case .detail(let d): detail(label: d.label, text: d.text.plainText, target: target, path: path, what: "a detail line")
        case .item(let it): detail(label: nil, text: it.text.plainText, target: target, path: path, what: "an item")
        case .referee(let r):
            let about = [r.position, r.affiliation, r.relation, r.email, r.phone].compactMap { $0 }.joined(separator: ", ")
            append("references", J.object([("name", .string(r.name)), ("reference", about.isEmpty ? nil : .string(about))]))
            lastReference = (lists["references", default: []].count - 1, !about.isEmpty)
        case .paragraph(let m):
            if target == .references, let last = lastReference {
                addReferenceText(m.source, at: last)
            } else if target == .summary {
                summary.append(m.source)
            } else {
                warn("JSON Resume has no place for a paragraph here; it is left out", path: path)
            }
        case .group(let g):
            for (k, inner) in g.entries.enumerated() { entry(inner, target: target, path: "\(path).entries[\(k)]") }
        case .bullets(let items):
            if target == .summary {
                summary.append(Self.flatten(items).map { "- " + $0 }.joined(separator: "\n"))
            } else {
                warn("JSON Resume has no place for a list of bullets here; it is left out", path: path)
            }
        case .talk: warn("JSON Resume has no talks; this talk is left out", path: path)
        case .news: warn("JSON Resume has no news; this news item is left out", path: path)
        case .callout: warn("JSON Resume has no callouts; this callout is left out", path: path)
        case .service: warn("JSON Resume has no service entries; this one is left out", path: path)
        case .course: warn("JSON Resume has no courses outside education; this course is left out", path: path)
        }
    }

    mutating func addReferenceText(_ text: String, at last: (index: Int, hasText: Bool)) {
        guard var refs = lists["references"], last.index < refs.count, case .object(var members) = refs[last.index] else { return }
        if let k = members.firstIndex(where: { $0.key == "reference" }), case .string(let old) = members[k].value.value {
            members[k].value = JSONBuild.node(.string(old + "\n\n" + text))
        } else {
            members.append(JSONMember(key: "reference", keyPosition: SourcePosition(line: 0, column: 0), value: JSONBuild.node(.string(text))))
        }
        refs[last.index] = .object(members)
        lists["references"] = refs
    }

    mutating func experience(_ x: Experience, target: Target, tags: [String], path: String) {
        typealias J = JSONBuild
        let (url, rest) = Self.splitLink(x.details)
        let highlights = J.strings(Self.flatten(x.highlights))
        switch target {
        case .projects:
            var description: [String] = []
            var keywords: [String] = []
            var entity: String?
            for line in rest.map(\.plainText) {
                if line.hasPrefix("Keywords: ") {
                    keywords = line.dropFirst("Keywords: ".count).components(separatedBy: ", ")
                } else if line.hasPrefix("Entity: ") {
                    entity = String(line.dropFirst("Entity: ".count))
                } else {
                    description.append(line)
                }
            }
            append("projects", J.object([
                ("name", .string(x.organization)), ("description", Self.joined(description)), ("highlights", highlights),
                ("keywords", J.strings(keywords)), ("startDate", J.string(Self.date(x.dates?.start))),
                ("endDate", J.string(Self.date(x.dates?.end))), ("url", J.string(url)),
                ("roles", J.strings(x.role.map { $0.components(separatedBy: ", ") } ?? [])), ("entity", J.string(entity)),
                ("type", J.string(tags.first)),
            ]))
            if x.location != nil { warn("a JSON Resume project has no location; it is left out", path: path + ".location") }
        case .volunteer:
            append("volunteer", J.object([
                ("organization", .string(x.organization)), ("position", J.string(x.role)), ("url", J.string(url)),
                ("startDate", J.string(Self.date(x.dates?.start))), ("endDate", J.string(Self.date(x.dates?.end))),
                ("summary", Self.joined(rest.map(\.source))), ("highlights", highlights),
            ]))
            if x.location != nil { warn("a JSON Resume volunteer entry has no location; it is left out", path: path + ".location") }
        default:
            append("work", J.object([
                ("name", .string(x.organization)), ("location", J.string(x.location)), ("position", J.string(x.role)),
                ("url", J.string(url)), ("startDate", J.string(Self.date(x.dates?.start))),
                ("endDate", J.string(Self.date(x.dates?.end))), ("summary", Self.joined(rest.map(\.source))),
                ("highlights", highlights),
            ]))
        }
    }

    mutating func education(_ x: Education, path: String) {
        typealias J = JSONBuild
        var studyType = x.degree, area: String?
        if let degree = x.degree, let range = degree.range(of: " in ") {
            studyType = String(degree[..<range.lowerBound])
            area = String(degree[range.upperBound...])
        }
        var score: String?
        var courses: [String] = []
        for (k, line) in x.details.enumerated() {
            let text = line.plainText
            if text.hasPrefix("GPA: ") {
                score = String(text.dropFirst(5))
            } else if text.hasPrefix("Courses: ") {
                courses += text.dropFirst(9).components(separatedBy: "; ")
            } else {
                warn("a JSON Resume education entry holds only a score and courses; this line is left out", path: "\(path).details[\(k)]")
            }
        }
        if x.location != nil { warn("a JSON Resume education entry has no location; it is left out", path: path + ".location") }
        if !x.highlights.isEmpty { warn("a JSON Resume education entry has no highlights; they are left out", path: path + ".highlights") }
        append("education", J.object([
            ("institution", .string(x.institution)), ("area", J.string(area)), ("studyType", J.string(studyType)),
            ("startDate", J.string(Self.date(x.dates?.start))), ("endDate", J.string(Self.date(x.dates?.end))),
            ("score", J.string(score)), ("courses", J.strings(courses)),
        ]))
    }

    mutating func publication(_ x: Publication, path: String) {
        typealias J = JSONBuild
        var summary: [String] = []
        if x.authors != [owner] {
            summary.append(x.authors.joined(separator: ", ") + (x.etAl ? ", et al." : ""))
        }
        summary += x.notes.map(\.source)
        if x.links.count > 1 { warn("a JSON Resume publication has one url; the other links are left out", path: path + ".links") }
        append("publications", J.object([
            ("name", .string(x.title)), ("publisher", J.string(x.venue)),
            ("releaseDate", J.string(Self.date(x.dates?.start ?? x.dates?.end))), ("url", J.string(x.links.first?.url)),
            ("summary", Self.joined(summary)),
        ]))
    }

    mutating func detail(label: String?, text: String, target: Target, path: String, what: String) {
        typealias J = JSONBuild
        switch target {
        case .skills:
            var keywords = text, level: String?
            if label != nil, keywords.hasSuffix(")"), let open = keywords.range(of: " (", options: .backwards) {
                level = String(keywords[open.upperBound...].dropLast())
                keywords = String(keywords[..<open.lowerBound])
            }
            if let label {
                append("skills", J.object([("name", .string(label)), ("level", J.string(level)),
                                           ("keywords", J.strings(keywords.isEmpty ? [] : keywords.components(separatedBy: ", ")))]))
            } else {
                append("skills", J.object([("name", .string(text))]))
            }
        case .languages:
            append("languages", J.object([("language", .string(label ?? text)), ("fluency", label == nil ? nil : .string(text))]))
        case .interests:
            append("interests", J.object([("name", .string(label ?? text)),
                                          ("keywords", label == nil ? nil : J.strings(text.components(separatedBy: ", ")))]))
        default:
            warn("JSON Resume has no place for \(what) outside skills, languages and interests; it is left out", path: path)
        }
    }

    // MARK: Values

    /// A date as JSON Resume writes it; nil for `present` (an open end).
    static func date(_ d: CVDate?) -> String? {
        guard let d, d.value != .present else { return nil }
        return CVDate(d.value).canonical
    }

    /// Paragraphs as one text, separated by blank lines (what the importer splits on).
    static func joined(_ lines: [String]) -> JSONNode.Value? {
        lines.isEmpty ? nil : .string(lines.joined(separator: "\n\n"))
    }

    /// Bullets and their sub-bullets, in reading order.
    static func flatten(_ items: [Bullet]) -> [String] {
        items.flatMap { [$0.text.source] + flatten($0.items) }
    }

    /// The first detail line that is nothing but a link (its URL), and the other lines.
    static func splitLink(_ lines: [Markup]) -> (url: String?, rest: [Markup]) {
        var url: String?
        var rest: [Markup] = []
        for line in lines {
            if url == nil, line.nodes.count == 1, case .link(_, let target) = line.nodes[0] {
                url = target
            } else {
                rest.append(line)
            }
        }
        return (url, rest)
    }
}
