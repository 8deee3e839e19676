/// A profile read from JSON, with the JSON tree it came from for locating values by path.
public struct DecodedProfile: Sendable {
    public var profile: Profile
    /// The source tree; positions are looked up in it only when a message needs one.
    public var root: JSONNode? { tree?.root }
    private var tree: SourceTree?
    /// Findings that do not stop the build (from an imported bibliography, for example).
    public var warnings: [Diagnostic] = []

    public init(profile: Profile, root: JSONNode? = nil) {
        self.profile = profile
        self.tree = root.map(SourceTree.init)
    }

    /// Where `path` (`sections[2].entries[0].title`) starts in the file, or its nearest enclosing value.
    public func position(of path: String) -> SourcePosition? { root?.position(at: path) }

    /// The JSON tree, shared by reference between copies of a decoded profile.
    final class SourceTree: Sendable {
        let root: JSONNode
        init(_ root: JSONNode) { self.root = root }
    }
}

/// Decodes a profile from JSON bytes, reporting every problem in one pass.
public enum ProfileDecoder {
    public static func decode(_ bytes: [UInt8], file: String? = nil) -> Result<DecodedProfile, DiagnosticsError> {
        let read = JSONReader.read(bytes)
        guard let root = read.root else {
            return .failure(DiagnosticsError(read.diagnostics.map { d in file.map { d.with(file: $0) } ?? d }))
        }
        let context = DecodeContext(root: root)
        context.diagnostics = read.diagnostics
        let profile = context.profile(root)
        let diagnostics = context.diagnostics.map { d in file.map { d.with(file: $0) } ?? d }
        if let profile, !diagnostics.contains(where: { $0.severity == .error }) {
            return .success(DecodedProfile(profile: profile, root: root))
        }
        return .failure(DiagnosticsError(diagnostics))
    }

    public static func decode(_ text: String, file: String? = nil) -> Result<DecodedProfile, DiagnosticsError> {
        decode(Array(text.utf8), file: file)
    }

    /// The keys each entry type takes, besides the shared `type`, `tags`, `selected`, `priority`.
    public static let entryKeys: [String: [String]] = [
        "paragraph": ["text"],
        "bullets": ["items"],
        "callout": ["text"],
        "education": ["institution", "location", "degree", "details", "highlights"] + dateKeys,
        "experience": ["organization", "role", "location", "details", "highlights"] + dateKeys,
        "award": ["title", "issuer", "details"] + dateKeys,
        "publication": ["title", "authors", "coFirst", "etAl", "venue", "venueShort", "location", "kind", "status",
                        "key", "notes", "links"] + dateKeys,
        "talk": ["title", "venues", "details"],
        "news": ["date", "text", "dateText"],
        "detail": ["label", "text"] + dateKeys,
        "item": ["text", "location", "highlights"] + dateKeys,
        "service": ["role", "venue", "venueShort", "details"] + dateKeys,
        "course": ["title", "code", "role", "institution"] + dateKeys,
        "referee": ["name", "position", "affiliation", "email", "phone", "relation"],
        "group": ["title", "entries"],
    ]
    public static let commonEntryKeys = ["type", "tags", "selected", "priority"]
    public static let dateKeys = ["date", "start", "end", "dateText"]
    public static let profileKeys = ["$schema", "name", "aliases", "headline", "affiliation", "address", "email", "phone",
                                     "website", "links", "summary", "paper", "dateFormat", "engine", "citationOrder", "authorJoining", "sections", "variants"]
    public static let variantKeys = ["tags", "excludeTags", "sections", "headline", "summary", "style", "since", "maxEntries"]
    public static let maxBulletDepth = 3
    /// The longest text a field may hold (64 KiB): far beyond any CV, short of what strains TeX.
    public static let maxTextBytes = 65_536
}

/// Walks the JSON tree, building the model and collecting diagnostics.
final class DecodeContext {
    var diagnostics: [Diagnostic] = []
    let root: JSONNode

    init(root: JSONNode) { self.root = root }

    func position(of path: String) -> SourcePosition? { root.position(at: path) }

    func error(_ message: String, path: String, at position: SourcePosition?, hint: String? = nil) {
        diagnostics.append(.error(message, path: path, at: position, hint: hint))
    }

    func profile(_ node: JSONNode) -> Profile? {
        guard let o = ObjectReader(node, path: "", context: self, what: "a profile (a JSON object)") else { return nil }
        let name = o.text("name", required: true)
        var profile = Profile(
            name: name ?? "",
            aliases: o.textList("aliases"),
            headline: o.text("headline"),
            affiliation: o.textList("affiliation"),
            address: o.textList("address"),
            email: o.text("email"),
            phone: o.text("phone"),
            website: o.text("website"),
            links: o.objects("links").compactMap(link),
            summary: o.markupList("summary"),
            paper: o.enumeration("paper", PaperSize.self),
            dateFormat: o.enumeration("dateFormat", DateStyle.self),
            sections: o.objects("sections", required: true).compactMap(section))
        profile.variants = variants(o)
        profile.engine = o.enumeration("engine", Engine.self)
        profile.citationOrder = o.enumeration("citationOrder", CitationOrder.self)
        profile.authorJoining = o.enumeration("authorJoining", AuthorJoining.self)
        o.finish(allowed: ProfileDecoder.profileKeys)
        validateVariants(profile, o)
        return profile
    }

    /// `"variants": {"industry": {"tags": [...], ...}}`, in the order written.
    func variants(_ profile: ObjectReader) -> [Variant] {
        guard let v = profile.value("variants", required: false) else { return [] }
        guard case .object(let members) = v.value else { profile.mismatch(v, "an object of named variants", profile.path("variants")); return [] }
        return members.compactMap { m -> Variant? in
            let p = profile.path("variants") + "." + m.key
            if Section.slug(m.key) != m.key || m.key.isEmpty {
                error("\"\(m.key)\" is not a valid variant name", path: p, at: m.keyPosition,
                              hint: "use lower-case letters, digits and dashes; the name becomes part of output file names")
            }
            guard let o = ObjectReader(m.value, path: p, context: self, what: "a variant") else { return nil }
            var limits: [String: Int] = [:]
            if let lv = o.value("maxEntries", required: false) {
                if case .object(let items) = lv.value {
                    for item in items {
                        if case .number(let n) = item.value.value, let i = Int(n), i >= 0 { limits[item.key] = i } else {
                            error("expected a whole number", path: o.path("maxEntries") + "." + item.key, at: item.value.position)
                        }
                    }
                } else {
                    o.mismatch(lv, "an object of section ids and counts", o.path("maxEntries"))
                }
            }
            let t = Tailoring(tags: o.textList("tags"), excludeTags: o.textList("excludeTags"), since: o.int("since"),
                              sections: o.has("sections") ? o.textList("sections") : nil, headline: o.text("headline"),
                              summary: o.has("summary") ? o.markupList("summary") : nil, maxEntries: limits)
            let style = o.text("style")
            o.finish(allowed: ProfileDecoder.variantKeys)
            return Variant(name: m.key, tailoring: t, style: style)
        }
    }

    /// Variants may only name tags and sections the profile has.
    func validateVariants(_ profile: Profile, _ o: ObjectReader) {
        let tags = profile.allTags
        let ids = profile.sections.map(\.id)
        for v in profile.variants {
            let base = "variants.\(v.name)"
            for (k, tag) in (v.tailoring.tags + v.tailoring.excludeTags).enumerated() where !tags.contains(tag) {
                let key = k < v.tailoring.tags.count ? "tags[\(k)]" : "excludeTags[\(k - v.tailoring.tags.count)]"
                error("tag \"\(tag)\" is not used by any entry", path: "\(base).\(key)", at: position(of: "\(base).\(key)"),
                      hint: nearest(tag, in: tags).map { "did you mean \"\($0)\"?" } ?? (tags.isEmpty ? "no entry has tags" : "tags in this profile: " + tags.joined(separator: ", ")))
            }
            for (k, id) in (v.tailoring.sections ?? []).enumerated() where !ids.contains(id) {
                error("no section has the id \"\(id)\"", path: "\(base).sections[\(k)]", at: position(of: "\(base).sections[\(k)]"),
                      hint: nearest(id, in: ids).map { "did you mean \"\($0)\"?" } ?? "section ids: " + ids.joined(separator: ", "))
            }
        }
    }

    func link(_ node: JSONNode, _ path: String) -> Link? {
        guard let o = ObjectReader(node, path: path, context: self, what: "a link ({\"label\": …, \"url\": …})") else { return nil }
        let label = o.text("label", required: true)
        let url = o.text("url", required: true)
        o.finish(allowed: ["label", "url"])
        guard let label, let url else { return nil }
        return Link(label: label, url: url)
    }

    func section(_ node: JSONNode, _ path: String) -> Section? {
        guard let o = ObjectReader(node, path: path, context: self, what: "a section") else { return nil }
        let title = o.text("title", required: true)
        let id = o.text("id")
        if let id, Section.slug(id) != id {
            error("\"\(id)\" is not a valid section id", path: o.path("id"), at: o.position("id"),
                  hint: "use lower-case letters, digits and dashes, such as \"\(Section.slug(id))\"")
        }
        let bibliography = o.text("bibliography")
        let entries = o.objects("entries", required: bibliography == nil).compactMap { entry($0, $1, nested: false) }
        o.finish(allowed: ["title", "id", "entries", "bibliography"])
        guard let title else { return nil }
        return Section(title: title, id: id, entries: entries, bibliography: bibliography)
    }

    func entry(_ node: JSONNode, _ path: String, nested: Bool) -> Entry? {
        guard let o = ObjectReader(node, path: path, context: self, what: "an entry") else { return nil }
        guard let type = o.text("type", required: true, hint: "one of: " + EntryContent.typeNames.joined(separator: ", ")) else {
            o.finish(allowed: nil)
            return nil
        }
        guard let keys = ProfileDecoder.entryKeys[type] else {
            let suggestion = nearest(type, in: EntryContent.typeNames)
            error("unknown entry type \"\(type)\"", path: o.path("type"), at: o.position("type"),
                  hint: suggestion.map { "did you mean \"\($0)\"?" } ?? "one of: " + EntryContent.typeNames.joined(separator: ", "))
            o.finish(allowed: nil)
            return nil
        }
        let tags = o.textList("tags")
        let selected = o.bool("selected") ?? false
        let priority = o.int("priority")
        let content: EntryContent? = switch type {
        case "paragraph": o.markup("text", required: true).map(EntryContent.paragraph)
        case "callout": o.markup("text", required: true).map(EntryContent.callout)
        case "bullets": .bullets(o.bullets("items", required: true))
        case "education": education(o)
        case "experience": experience(o)
        case "award": award(o)
        case "publication": publication(o)
        case "talk": talk(o)
        case "news": news(o)
        case "detail": detail(o)
        case "item": item(o)
        case "service": service(o)
        case "course": course(o)
        case "referee": referee(o)
        case "group": group(o, nested: nested)
        default: nil
        }
        o.finish(allowed: ProfileDecoder.commonEntryKeys + keys, entryType: type)
        return content.map { Entry($0, tags: tags, selected: selected, priority: priority) }
    }

    private func education(_ o: ObjectReader) -> EntryContent? {
        let institution = o.text("institution", required: true)
        let value = Education(institution: institution ?? "", location: o.text("location"), degree: o.text("degree"),
                              dates: o.dates(), details: o.markupList("details"), highlights: o.bullets("highlights"))
        return institution == nil ? nil : .education(value)
    }

    private func experience(_ o: ObjectReader) -> EntryContent? {
        let organization = o.text("organization", required: true)
        let value = Experience(organization: organization ?? "", role: o.text("role"), location: o.text("location"),
                               dates: o.dates(), details: o.markupList("details"), highlights: o.bullets("highlights"))
        return organization == nil ? nil : .experience(value)
    }

    private func award(_ o: ObjectReader) -> EntryContent? {
        let title = o.text("title", required: true)
        let value = Award(title: title ?? "", issuer: o.text("issuer"), dates: o.dates(), details: o.markupList("details"))
        return title == nil ? nil : .award(value)
    }

    private func publication(_ o: ObjectReader) -> EntryContent? {
        let title = o.text("title", required: true)
        let authors = o.textList("authors", required: true)
        let coFirst = o.int("coFirst")
        if let coFirst, coFirst < 2 || coFirst > max(authors.count, 2) {
            error("coFirst is \(coFirst), but it counts the leading authors who share first authorship",
                  path: o.path("coFirst"), at: o.position("coFirst"),
                  hint: "use a number from 2 to the number of authors (\(authors.count))")
        }
        if o.has("authors") && authors.isEmpty {
            error("a publication needs at least one author", path: o.path("authors"), at: o.position("authors"))
        }
        let value = Publication(
            title: title ?? "", authors: authors, coFirst: coFirst, etAl: o.bool("etAl") ?? false,
            venue: o.text("venue"), venueShort: o.text("venueShort"), location: o.text("location"),
            kind: o.enumeration("kind", PublicationKind.self) ?? .conference,
            status: o.enumeration("status", PublicationStatus.self) ?? .published,
            key: o.text("key"), dates: o.dates(), notes: o.markupList("notes"),
            links: o.objects("links").compactMap(link))
        return title == nil ? nil : .publication(value)
    }

    private func talk(_ o: ObjectReader) -> EntryContent? {
        let title = o.text("title", required: true)
        let venues = o.objects("venues", required: true).compactMap { node, path -> TalkVenue? in
            guard let v = ObjectReader(node, path: path, context: self, what: "a talk venue") else { return nil }
            let name = v.text("name", required: true)
            let location = v.text("location")
            let dates = v.dates(allowRange: false)
            v.finish(allowed: ["name", "location", "date", "dateText"])
            return name.map { TalkVenue(name: $0, location: location, dates: dates) }
        }
        if o.count("venues") == 0 {
            error("a talk needs at least one venue", path: o.path("venues"), at: o.position("venues"))
        }
        return title.map { .talk(Talk(title: $0, venues: venues, details: o.markupList("details"))) }
    }

    private func news(_ o: ObjectReader) -> EntryContent? {
        let date = o.date("date", required: true)
        let text = o.markup("text", required: true)
        let label = o.text("dateText")
        guard let date, let text else { return nil }
        return .news(News(date: date, text: text, dateText: label))
    }

    private func detail(_ o: ObjectReader) -> EntryContent? {
        let label = o.text("label", required: true)
        let text = o.markup("text", required: true)
        let dates = o.dates()
        guard let label, let text else { return nil }
        return .detail(Detail(label: label, text: text, dates: dates))
    }

    private func item(_ o: ObjectReader) -> EntryContent? {
        let text = o.markup("text", required: true)
        let value = Item(text: text ?? "", location: o.text("location"), dates: o.dates(), highlights: o.bullets("highlights"))
        return text == nil ? nil : .item(value)
    }

    private func service(_ o: ObjectReader) -> EntryContent? {
        let role = o.text("role", required: true)
        let venue = o.text("venue", required: true)
        let value = Service(role: role ?? "", venue: venue ?? "", venueShort: o.text("venueShort"), dates: o.dates(),
                            details: o.markupList("details"))
        return role == nil || venue == nil ? nil : .service(value)
    }

    private func course(_ o: ObjectReader) -> EntryContent? {
        let title = o.text("title", required: true)
        let value = Course(title: title ?? "", code: o.text("code"), role: o.text("role"),
                           institution: o.text("institution"), dates: o.dates())
        return title == nil ? nil : .course(value)
    }

    private func referee(_ o: ObjectReader) -> EntryContent? {
        let name = o.text("name", required: true)
        let value = Referee(name: name ?? "", position: o.text("position"), affiliation: o.text("affiliation"),
                            email: o.text("email"), phone: o.text("phone"), relation: o.text("relation"))
        return name == nil ? nil : .referee(value)
    }

    private func group(_ o: ObjectReader, nested: Bool) -> EntryContent? {
        if nested {
            error("a group cannot hold another group", path: o.path("type"), at: o.position("type"),
                  hint: "use a separate section, or list the entries in this group")
        }
        let title = o.text("title", required: true)
        let entries = o.objects("entries", required: true).compactMap { entry($0, $1, nested: true) }
        return title.map { .group(Group(title: $0, entries: entries)) }
    }
}
