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

    /// For arrays some of whose elements could not be decoded, the source indices of the elements kept,
    /// by the array's path in the source.
    var kept: [String: [Int]] = [:]

    /// Where `path` (`sections[2].entries[0].title`) starts in the file, or its nearest enclosing value.
    public func position(of path: String) -> SourcePosition? { root?.position(at: sourcePath(path)) }

    /// The path in the source of a path in the model: they differ only after elements that could not be decoded.
    func sourcePath(_ path: String) -> String {
        guard !kept.isEmpty else { return path }
        var out = ""
        for step in JSONNode.steps(path) {
            switch step {
            case .key(let k): out += out.isEmpty ? k : "." + k
            case .index(let i):
                let indices = kept[out]
                out += "[\(indices.flatMap { i < $0.count ? $0[i] : nil } ?? i)]"
            }
        }
        return out
    }

    /// The JSON tree, shared by reference between copies of a decoded profile.
    final class SourceTree: Sendable {
        let root: JSONNode
        init(_ root: JSONNode) { self.root = root }
    }
}

/// Decodes a profile from JSON bytes, reporting every problem in one pass: those of the JSON
/// shape found while decoding, then the model validator's, in the order of the file.
public enum ProfileDecoder {
    /// `packNames`: the style packs a variant may name; nil leaves variants' styles unchecked.
    public static func decode(_ bytes: [UInt8], file: String? = nil, packNames: [String]? = nil) -> Result<DecodedProfile, DiagnosticsError> {
        let read = JSONReader.read(bytes)
        guard let root = read.root else {
            return .failure(DiagnosticsError(read.diagnostics.map { d in file.map { d.with(file: $0) } ?? d }))
        }
        let context = DecodeContext(root: root)
        context.diagnostics = read.diagnostics
        let profile = context.profile(root)
        var decoded = DecodedProfile(profile: profile ?? Profile(name: ""), root: root)
        decoded.kept = context.kept
        var diagnostics = context.diagnostics
        if let profile {
            for var d in ProfileValidator(packNames: packNames).validate(profile) {
                d.path = decoded.sourcePath(d.path)
                if context.reported.contains(d.path) { continue }
                // The validator names a bullet of text alone by the bullet's own path, as canonical
                // JSON writes it (a string); written as an object, its text is the member "text".
                if case .object = root.node(at: d.path).value, d.path.hasSuffix("]") { d.path += ".text" }
                d.position = root.position(at: d.path)
                // In the maps of names (variants, a variant's maxEntries) a finding is about the key.
                if let dot = d.path.lastIndex(of: "."), case let parent = String(d.path[..<dot]),
                   parent == "variants" || parent.hasSuffix(".maxEntries"),
                   case .object(let members) = root.node(at: parent).value,
                   let member = members.first(where: { $0.key == d.path[d.path.index(after: dot)...] }) {
                    d.position = member.keyPosition
                }
                diagnostics.append(d)
            }
        }
        diagnostics = diagnostics.enumerated().sorted { a, b in
            let pa = a.element.position.map { ($0.line, $0.column) } ?? (Int.max, Int.max)
            let pb = b.element.position.map { ($0.line, $0.column) } ?? (Int.max, Int.max)
            return pa != pb ? pa < pb : a.offset < b.offset
        }.map { d in file.map { d.element.with(file: $0) } ?? d.element }
        if profile != nil, !diagnostics.contains(where: { $0.severity == .error }) {
            return .success(decoded)
        }
        return .failure(DiagnosticsError(diagnostics))
    }

    public static func decode(_ text: String, file: String? = nil, packNames: [String]? = nil) -> Result<DecodedProfile, DiagnosticsError> {
        decode(Array(text.utf8), file: file, packNames: packNames)
    }

    /// The longest text a field may hold (64 KiB): far beyond any CV, short of what strains TeX.
    public static let maxTextBytes = ProfileValidator.maxTextBytes
}

/// Walks the JSON tree, building the model and collecting diagnostics.
final class DecodeContext {
    var diagnostics: [Diagnostic] = []
    var kept: [String: [Int]] = [:]
    /// Paths whose value was missing, null or of the wrong type, already reported: the validator's
    /// findings there (an empty placeholder) are left out.
    var reported: Set<String> = []
    let root: JSONNode

    init(root: JSONNode) { self.root = root }

    func error(_ message: String, path: String, at position: SourcePosition?, hint: String? = nil) {
        diagnostics.append(.error(message, path: path, at: position, hint: hint))
    }

    func profile(_ node: JSONNode) -> Profile? {
        guard let o = ObjectReader(node, path: "", context: self, what: "a profile (a JSON object)", keys: Shape.profile.keys) else { return nil }
        _ = o.text(.schema)
        let name = o.text(.name)
        var profile = Profile(
            name: name ?? "",
            aliases: o.textList(.aliases),
            headline: o.text(.headline),
            affiliation: o.textList(.profileAffiliation),
            address: o.textList(.address),
            email: o.text(.email),
            phone: o.text(.phone),
            website: o.text(.website),
            links: o.list(.links, link),
            summary: o.markupList(.summary),
            paper: o.enumeration(.paper, PaperSize.self),
            dateFormat: o.enumeration(.dateFormat, DateStyle.self),
            sections: o.list(.sections, section))
        profile.location = o.value(.profileLocation, as: { if case .object = $0 { true } else { false } }).flatMap { location($0, o.path("location")) }
        profile.engine = o.enumeration(.engine, Engine.self)
        profile.variants = variants(o)
        profile.citationOrder = o.enumeration(.citationOrder, CitationOrder.self)
        profile.authorJoining = o.enumeration(.authorJoining, AuthorJoining.self)
        profile.design = design(o)
        profile.locale = o.enumeration(.locale, Language.self)
        if let w = o.value(.words, as: { $0 == .object(.words) }),
           let r = ObjectReader(w, path: o.path("words"), context: self, what: "an object of words", keys: Shape.words.keys) {
            for name in WordName.allCases {
                if let text = r.text(KeySpec(name.rawValue, .text, "")) { profile.words[name.rawValue] = text }
            }
            r.finish()
        }
        o.finish()
        return profile
    }

    /// `"design": {"accent": "#8B0000", "fontSize": 11}`: option names and values as written (a number
    /// as its digits). Which names and values a pack takes is checked against its manifest at build time.
    func design(_ o: ObjectReader) -> [String: String] {
        guard let v = o.value(.design, as: { $0 == .design }) else { return [:] }
        guard case .object(let members) = v.value else { o.mismatch(v, "an object of style pack options", o.path("design")); return [:] }
        var out: [String: String] = [:]
        for m in members {
            switch m.value.value {
            case .string(let s): out[m.key] = s
            case .number(let n): out[m.key] = n
            default: o.mismatch(m.value, "a string or a number", o.path("design") + "." + m.key)
            }
        }
        return out
    }

    /// `"variants": {"industry": {"tags": [...], ...}}`, in the order written.
    func variants(_ profile: ObjectReader) -> [Variant] {
        guard let v = profile.value(.variants, as: { $0 == .variants }) else { return [] }
        guard case .object(let members) = v.value else { profile.mismatch(v, "an object of named variants", profile.path("variants")); return [] }
        var seen: [String] = []
        return members.compactMap { m -> Variant? in
            guard !seen.contains(m.key) else { return nil }  // a duplicate key, reported by the reader
            seen.append(m.key)
            let p = profile.path("variants") + "." + m.key
            guard let o = ObjectReader(m.value, path: p, context: self, what: "a variant", keys: Shape.variant.keys) else { return nil }
            var limits: [String: Int] = [:]
            if let lv = o.value(.maxEntries, as: { $0 == .counts }) {
                if case .object(let items) = lv.value {
                    for item in items {
                        if let i = o.wholeNumber(item.value, o.path("maxEntries") + "." + item.key, .count) { limits[item.key] = i }
                    }
                } else {
                    o.mismatch(lv, "an object of section ids and counts", o.path("maxEntries"))
                }
            }
            let t = Tailoring(tags: o.textList(.tags), excludeTags: o.textList(.excludeTags), since: o.int(.since),
                              sections: o.has(.sectionIds) ? o.textList(.sectionIds) : nil, headline: o.text(.headline),
                              summary: o.has(.summary) ? o.markupList(.summary) : nil, maxEntries: limits)
            var tailoring = t
            tailoring.design = design(o)
            tailoring.locale = o.enumeration(.locale, Language.self)
            let style = o.text(.style)
            o.finish()
            return Variant(name: m.key, tailoring: tailoring, style: style)
        }
    }

    func link(_ node: JSONNode, _ path: String) -> Link? {
        guard let o = ObjectReader(node, path: path, context: self, what: "a link ({\"label\": …, \"url\": …})", keys: Shape.link.keys) else { return nil }
        let label = o.text(.label)
        let url = o.text(.url)
        let username = o.text(.username)
        o.finish()
        guard let label, let url else { return nil }
        return Link(label: label, url: url, username: username)
    }

    func location(_ node: JSONNode, _ path: String) -> PostalAddress? {
        guard let o = ObjectReader(node, path: path, context: self, what: "a postal address ({\"city\": …, \"countryCode\": …})", keys: Shape.location.keys) else { return nil }
        let value = PostalAddress(address: o.text(.street), postalCode: o.text(.postalCode), city: o.text(.city),
                                  region: o.text(.region), countryCode: o.text(.countryCode))
        o.finish()
        return value
    }

    func section(_ node: JSONNode, _ path: String) -> Section? {
        guard let o = ObjectReader(node, path: path, context: self, what: "a section", keys: Shape.section.keys) else { return nil }
        let title = o.text(.title)
        let id = o.text(.id)
        if let id, !Identifier.isValid(id) {
            // An id written by hand is an identifier, even where the one derived from the title holds other letters.
            reported.insert(o.path("id"))
            let (message, hint) = ValidationRun.invalidSectionID(id, title: title)
            error(message, path: o.path("id"), at: o.position("id"), hint: hint)
        }
        let bibliography = o.text(.bibliography)
        let entries = o.list(.entries) { entry($0, $1) }
        o.finish()
        guard let title else { return nil }
        return Section(title: title, id: id == "" ? nil : id, entries: entries, bibliography: bibliography)
    }

    func entry(_ node: JSONNode, _ path: String) -> Entry? {
        guard let o = ObjectReader(node, path: path, context: self, what: "an entry", keys: [EntryKind.typeKey]) else { return nil }
        guard let typeNode = o.value(EntryKind.typeKey, as: { _ in true }), let type = o.string(typeNode, o.path("type")) else {
            o.finish(check: false)
            return nil
        }
        let names = EntryKind.allCases.map(\.rawValue)
        guard let kind = EntryKind(rawValue: type) else {
            error("unknown entry type \"\(type)\"", path: o.path("type"), at: o.position("type"),
                  hint: nearest(type, in: names).map { "did you mean \"\($0)\"?" } ?? "one of: " + names.joined(separator: ", "))
            o.finish(check: false)
            return nil
        }
        o.keys = kind.allKeys
        o.entryType = kind
        let content: EntryContent? = switch kind {
        case .paragraph: o.markup(.text).map(EntryContent.paragraph)
        case .callout: o.markup(.text).map(EntryContent.callout)
        case .bullets: bullets(o)
        case .education: education(o)
        case .experience: experience(o)
        case .award: award(o)
        case .publication: publication(o)
        case .talk: talk(o)
        case .news: news(o)
        case .detail: detail(o)
        case .item: item(o)
        case .service: service(o)
        case .course: course(o)
        case .referee: referee(o)
        case .group: group(o)
        }
        let tags = o.textList(.tags)
        let selected = o.bool(.selected) ?? false
        let priority = o.int(.priority)
        o.finish()
        return content.map { Entry($0, tags: tags, selected: selected, priority: priority) }
    }

    private func bullets(_ o: ObjectReader) -> EntryContent? {
        let items = o.bullets(.items)
        return o.has(.items) ? .bullets(items) : nil
    }

    private func education(_ o: ObjectReader) -> EntryContent? {
        let institution = o.text(.institution)
        let value = Education(institution: institution ?? "", location: o.text(.location), degree: o.text(.degree),
                              dates: o.dates(), details: o.markupList(.details), highlights: o.bullets(.highlights))
        return institution == nil ? nil : .education(value)
    }

    private func experience(_ o: ObjectReader) -> EntryContent? {
        let organization = o.text(.organization)
        let value = Experience(organization: organization ?? "", role: o.text(.role), location: o.text(.location),
                               dates: o.dates(), details: o.markupList(.details), highlights: o.bullets(.highlights))
        return organization == nil ? nil : .experience(value)
    }

    private func award(_ o: ObjectReader) -> EntryContent? {
        let title = o.text(.title)
        let value = Award(title: title ?? "", issuer: o.text(.issuer), dates: o.dates(), details: o.markupList(.details))
        return title == nil ? nil : .award(value)
    }

    private func publication(_ o: ObjectReader) -> EntryContent? {
        let title = o.text(.title)
        let hasAuthors = o.has(.authors)
        let authors = o.textList(.authors)
        let value = Publication(
            title: title ?? "", authors: authors, coFirst: o.int(.coFirst), etAl: o.bool(.etAl) ?? false,
            venue: o.text(.venue), venueShort: o.text(.venueShort), location: o.text(.location),
            kind: o.enumeration(.kind, PublicationKind.self) ?? .conference,
            status: o.enumeration(.status, PublicationStatus.self) ?? .published,
            key: o.text(.key), dates: o.dates(), notes: o.markupList(.notes),
            links: o.list(.links, link))
        return title == nil || !hasAuthors ? nil : .publication(value)
    }

    private func talk(_ o: ObjectReader) -> EntryContent? {
        let title = o.text(.title)
        let hasVenues = o.has(.venues)
        let venues = o.list(.venues) { node, path -> TalkVenue? in
            guard let v = ObjectReader(node, path: path, context: self, what: "a talk venue", keys: Shape.venue.keys) else { return nil }
            let name = v.text(.name)
            let location = v.text(.location)
            let dates = v.dates()
            v.finish()
            return name.map { TalkVenue(name: $0, location: location, dates: dates) }
        }
        let details = o.markupList(.details)
        guard let title, hasVenues else { return nil }
        return .talk(Talk(title: title, venues: venues, details: details))
    }

    private func news(_ o: ObjectReader) -> EntryContent? {
        let date = o.date(.date)
        let label = o.text(.dateText)
        let text = o.markup(.text)
        guard let date, let text else { return nil }
        return .news(News(date: date, text: text, dateText: label))
    }

    private func detail(_ o: ObjectReader) -> EntryContent? {
        let label = o.text(.label)
        let keywords = o.textList(.keywords)
        let level = o.text(.level)
        let text = o.markup(.requiredUnlessKeywords) ?? (o.has(.keywords) ? Detail.text(keywords: keywords, level: level) : nil)
        let dates = o.dates()
        guard let label, let text else { return nil }
        return .detail(Detail(label: label, text: text, dates: dates, keywords: keywords, level: level))
    }

    private func item(_ o: ObjectReader) -> EntryContent? {
        let text = o.markup(.text)
        let value = Item(text: text ?? "", location: o.text(.location), dates: o.dates(), highlights: o.bullets(.highlights))
        return text == nil ? nil : .item(value)
    }

    private func service(_ o: ObjectReader) -> EntryContent? {
        let role = o.text(.role)
        let venue = o.text(.venue)
        let value = Service(role: role ?? "", venue: venue ?? "", venueShort: o.text(.venueShort), dates: o.dates(),
                            details: o.markupList(.details))
        return role == nil || venue == nil ? nil : .service(value)
    }

    private func course(_ o: ObjectReader) -> EntryContent? {
        let code = o.text(.code)
        let title = o.text(.title)
        let value = Course(title: title ?? "", code: code, role: o.text(.role), institution: o.text(.institution), dates: o.dates())
        return title == nil ? nil : .course(value)
    }

    private func referee(_ o: ObjectReader) -> EntryContent? {
        let name = o.text(.name)
        let value = Referee(name: name ?? "", position: o.text(.position), affiliation: o.text(.affiliation),
                            email: o.text(.email), phone: o.text(.phone), relation: o.text(.relation))
        return name == nil ? nil : .referee(value)
    }

    private func group(_ o: ObjectReader) -> EntryContent? {
        let title = o.text(.title)
        let hasEntries = o.has(.entries)
        let entries = o.list(.entries) { entry($0, $1) }
        guard let title, hasEntries else { return nil }
        return .group(Group(title: title, entries: entries))
    }
}
