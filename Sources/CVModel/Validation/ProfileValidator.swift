/// The one validator of profiles, however they were made: decoded from JSON (where the decoder
/// has already checked the JSON shape) or built in Swift. It judges the model's values against
/// the format's declaration and its rules, and reports each problem with the path the value
/// has in the JSON form of the profile (`sections[0].entries[2].end`), so that a Swift profile
/// and its JSON twin get the same diagnostics.
public struct ProfileValidator: Sendable {
    /// How deep bullets nest: a bullet, its items, and theirs.
    public static let maxBulletDepth = 3
    /// The longest text a field may hold (64 KiB): far beyond any CV, short of what strains TeX.
    public static let maxTextBytes = 65_536

    /// The style packs a variant may name; nil leaves variants' styles unchecked.
    public var packNames: [String]?

    public init(packNames: [String]? = nil) { self.packNames = packNames }

    public func validate(_ profile: Profile) -> [Diagnostic] {
        let run = ValidationRun()
        run.profile(profile, packNames: packNames)
        return run.diagnostics
    }
}

/// The rules for date spans, shared by the decoder (for what only the JSON shows) and the validator.
enum DateRules {
    static let presentStart = "a range cannot start at \"present\""
}

final class ValidationRun {
    var diagnostics: [Diagnostic] = []
    /// Where the Swift source made the section or entry being checked, if it was written in Swift.
    var location: SwiftLocation?

    func error(_ message: String, _ path: String, hint: String? = nil) {
        var d = Diagnostic.error(message, path: path, hint: hint)
        if let location {
            d.file = location.fileID
            d.position = SourcePosition(line: location.line, column: location.column)
        }
        diagnostics.append(d)
    }

    /// Runs `check` with diagnostics pointing at `location` when there is one.
    func at(_ location: SwiftLocation?, _ check: () -> Void) {
        let outer = self.location
        self.location = location ?? outer
        check()
        self.location = outer
    }

    /// An object at `base` with its declared keys; its checks know which keys are required.
    struct Object {
        let base: String
        let keys: [KeySpec]
        let run: ValidationRun

        func path(_ key: KeySpec) -> String { base.isEmpty ? key.name : "\(base).\(key.name)" }
        func declared(_ key: KeySpec) -> KeySpec { keys.first { $0.name == key.name } ?? key }

        func text(_ key: KeySpec, _ value: String?) {
            guard let value else { return }
            run.text(value, path(key), required: declared(key).required, type: key.type)
        }

        func markup(_ key: KeySpec, _ value: Markup?) {
            guard let value else { return }
            run.markup(value, path(key), required: declared(key).required)
        }

        func texts(_ key: KeySpec, _ values: [String]) {
            for (i, v) in values.enumerated() { run.text(v, "\(path(key))[\(i)]", required: true, type: .text) }
        }

        func markups(_ key: KeySpec, _ values: [Markup]) {
            for (i, v) in values.enumerated() { run.markup(v, "\(path(key))[\(i)]", required: true) }
        }

        func bullets(_ key: KeySpec, _ values: [Bullet], depth: Int = 1) {
            for (i, b) in values.enumerated() { run.bullet(b, "\(path(key))[\(i)]", depth: depth) }
        }

        func links(_ key: KeySpec, _ values: [Link]) {
            for (i, l) in values.enumerated() {
                let o = Object(base: "\(path(key))[\(i)]", keys: Shape.link.keys, run: run)
                o.text(.label, l.label)
                o.text(.url, l.url)
                o.text(.username, l.username)
            }
        }

        /// A span under the date keys: `date` for a point, `start` and `end` for a range.
        func dates(_ span: DateSpan?) {
            guard let span else { return }
            text(.dateText, span.label)
            let startKey: KeySpec = span.end == nil ? .date : .start
            if let start = span.start, let problem = start.problem { run.error(problem, path(startKey)) }
            if let end = span.end, let problem = end.problem { run.error(problem, path(.end)) }
            guard let end = span.end else { return }
            guard let start = span.start else {
                run.error("\"end\" needs a \"start\"", path(.end), hint: "for a single point in time use \"date\"")
                return
            }
            if start.value == .present { run.error(DateRules.presentStart, path(.start)) }
            guard start.problem == nil, end.problem == nil, start.value != .present, end.value != .present else { return }
            if end.sortKey < start.sortKey, end.year != start.year || end.sortKey % 10_000 != 0 {
                run.error("the range ends (\(end.canonical)) before it starts (\(start.canonical))", path(.end))
            }
        }

        /// A whole number within its key's declared bounds.
        func integer(_ key: KeySpec, _ value: Int?) {
            guard let value, case .integer(let minimum, let maximum) = declared(key).type else { return }
            run.integer(value, path(key), minimum: minimum, maximum: maximum)
        }

        func date(_ key: KeySpec, _ value: CVDate) {
            if let problem = value.problem { run.error(problem, path(key)) }
        }
    }

    func object(_ base: String, _ keys: [KeySpec]) -> Object { Object(base: base, keys: keys, run: self) }

    func integer(_ n: Int, _ path: String, minimum: Int, maximum: Int) {
        guard n < minimum || n > maximum else { return }
        error(Self.outOfRange(String(n)), path, hint: Self.range(minimum, maximum))
    }
    static func outOfRange(_ n: String) -> String { "\(n) is out of range" }
    static func range(_ minimum: Int, _ maximum: Int) -> String { "use a whole number from \(minimum) to \(maximum)" }

    func text(_ s: String, _ path: String, required: Bool, type: ValueType) {
        guard presentAndWithinLimit(s, path, required: required) else { return }
        if type == .url && !URLRule.accepts(s) {
            error("\"\(URLRule.excerpt(s))\" is not a link a CV can print", path, hint: URLRule.hint)
        }
    }

    /// Whether text or markup source passes the checks every string field shares: not blank when
    /// required, and within the byte limit. Reports the first that fails.
    func presentAndWithinLimit(_ s: String, _ path: String, required: Bool) -> Bool {
        if required && isBlank(s) {
            error("must not be empty", path)
            return false
        }
        if s.utf8.count > ProfileValidator.maxTextBytes {
            error("text of \(s.utf8.count) bytes is longer than the limit of \(ProfileValidator.maxTextBytes)", path,
                  hint: "no field of a CV needs this much; split it into paragraphs or bullets")
            return false
        }
        return true
    }

    /// Blank: empty or only white space. Any visible ASCII byte means not blank; only then look at Unicode.
    func isBlank(_ s: String) -> Bool {
        !s.utf8.contains(where: { $0 > 0x20 && $0 < 0x80 }) && s.allSatisfy(\.isWhitespace)
    }

    func markup(_ m: Markup, _ path: String, required: Bool) {
        guard presentAndWithinLimit(m.source, path, required: required) else { return }
        for url in Self.linkTargets(m.nodes) where !URLRule.acceptsInMarkup(url) {
            error("\"\(URLRule.excerpt(url))\" is not a link a CV can print", path, hint: URLRule.markupHint)
        }
        if let at = m.overNesting {
            error("markup nests more than \(Markup.maxNesting) levels deep at character \(at + 1): \(excerpt(m.source, at))", path,
                  hint: "bold, italic and links nest at most \(Markup.maxNesting) levels; write a delimiter meant literally as \\*, \\[ or \\]")
        }
    }

    /// The targets of the links in markup, nested ones included.
    static func linkTargets(_ nodes: [InlineNode]) -> [String] {
        nodes.flatMap { node -> [String] in
            switch node {
            case .link(let text, let url): [url] + linkTargets(text)
            case .bold(let inner), .italic(let inner): linkTargets(inner)
            case .text, .code: []
            }
        }
    }

    /// A few characters either side of the character at `offset`, quoted.
    private func excerpt(_ s: String, _ offset: Int) -> String {
        let chars = Array(s)
        let lower = max(0, offset - 12), upper = min(chars.count, offset + 12)
        guard lower < upper else { return "\"\"" }
        let shown = String(chars[lower..<upper]).map { $0.isNewline ? " " : String($0) }.joined()
        return "\"" + (lower > 0 ? "…" : "") + shown + (upper < chars.count ? "…" : "") + "\""
    }

    func bullet(_ b: Bullet, _ path: String, depth: Int) {
        if depth > ProfileValidator.maxBulletDepth {
            error("bullets nest at most \(ProfileValidator.maxBulletDepth) levels deep", path)
            return
        }
        // A bullet with nothing but text is written as a plain string, whose path is the bullet's own.
        if b.items.isEmpty && b.dates == nil && b.tags.isEmpty {
            markup(b.text, path, required: true)
            return
        }
        let o = object(path, Shape.bullet.keys)
        o.markup(.text, b.text)
        o.bullets(.items, b.items, depth: depth + 1)
        o.dates(b.dates)
        o.texts(.tags, b.tags)
    }

    func profile(_ p: Profile, packNames: [String]?) {
        let o = object("", Shape.profile.keys)
        o.text(.name, p.name)
        o.texts(.aliases, p.aliases)
        o.text(.headline, p.headline)
        o.texts(.profileAffiliation, p.affiliation)
        o.texts(.address, p.address)
        if let l = p.location {
            let lo = Object(base: "location", keys: Shape.location.keys, run: self)
            lo.text(.street, l.address); lo.text(.postalCode, l.postalCode); lo.text(.city, l.city)
            lo.text(.region, l.region); lo.text(.countryCode, l.countryCode)
        }
        o.text(.email, p.email)
        o.text(.phone, p.phone)
        o.text(.website, p.website)
        o.links(.links, p.links)
        o.markups(.summary, p.summary)
        for (i, s) in p.sections.enumerated() { at(s.swiftLocation) { section(s, "sections[\(i)]") } }
        sectionIDsAreUnique(p.sections)
        for v in p.variants { variant(v, in: p, packNames: packNames) }
    }

    func section(_ s: Section, _ path: String) {
        let o = object(path, Shape.section.keys)
        o.text(.title, s.title)
        // An id left out is derived from the title (and may hold letters of any script); one given is an identifier.
        if s.id != Section.slug(s.title) && !Identifier.isValid(s.id) {
            let (message, hint) = Self.invalidSectionID(s.id, title: s.title)
            error(message, o.path(.id), hint: hint)
        }
        o.text(.bibliography, s.bibliography)
        for (i, e) in s.entries.enumerated() { at(e.swiftLocation) { entry(e, "\(path).entries[\(i)]", nested: false) } }
    }

    /// What is said of a section id written by hand that is not an identifier.
    static func invalidSectionID(_ id: String, title: String?) -> (message: String, hint: String) {
        let written = Identifier.words(id, keepingOtherScripts: false)
        let suggestion = written.isEmpty ? Identifier.words(title ?? "", keepingOtherScripts: false) : written
        return ("\"\(id)\" is not a valid section id",
                "use lower-case letters, digits and dashes" + (suggestion.isEmpty ? "" : ", such as \"\(suggestion)\""))
    }

    /// Two sections with one id, given or derived from their titles, could not be told apart by
    /// variants and packs: each later one is reported where its id comes from.
    func sectionIDsAreUnique(_ sections: [Section]) {
        var first: [String: Int] = [:]
        for (i, s) in sections.enumerated() {
            guard let j = first[s.id] else { first[s.id] = i; continue }
            let derived = s.id == Section.slug(s.title)
            at(s.swiftLocation) {
                error((derived ? "the id \"\(s.id)\" derived from this title" : "the id \"\(s.id)\"") + " is also the id of sections[\(j)]",
                      "sections[\(i)]." + (derived ? "title" : "id"),
                      hint: "give one of the two sections an \"id\" of its own (lower-case letters, digits and dashes), so that variants and style packs can tell them apart")
            }
        }
    }

    func entry(_ e: Entry, _ path: String, nested: Bool) {
        let o = object(path, e.content.kind.allKeys)
        o.texts(.tags, e.tags)
        o.integer(.priority, e.priority)
        switch e.content {
        case .paragraph(let m), .callout(let m): o.markup(.text, m)
        case .bullets(let items): o.bullets(.items, items)
        case .education(let x):
            o.text(.institution, x.institution); o.text(.degree, x.degree); o.text(.location, x.location)
            o.dates(x.dates); o.markups(.details, x.details); o.bullets(.highlights, x.highlights)
        case .experience(let x):
            o.text(.organization, x.organization); o.text(.role, x.role); o.text(.location, x.location)
            o.dates(x.dates); o.markups(.details, x.details); o.bullets(.highlights, x.highlights)
        case .award(let x):
            o.text(.title, x.title); o.text(.issuer, x.issuer); o.dates(x.dates); o.markups(.details, x.details)
        case .publication(let x):
            o.text(.key, x.key)
            if x.authors.isEmpty { error("a publication needs at least one author", o.path(.authors)) }
            o.texts(.authors, x.authors)
            if let n = x.coFirst, n < 2 || n > max(x.authors.count, 2) {
                error("coFirst is \(n), but it counts the leading authors who share first authorship", o.path(.coFirst),
                      hint: "use a number from 2 to the number of authors (\(x.authors.count))")
            }
            o.text(.title, x.title); o.text(.venue, x.venue); o.text(.venueShort, x.venueShort); o.text(.location, x.location)
            o.dates(x.dates); o.markups(.notes, x.notes); o.links(.links, x.links)
        case .talk(let x):
            o.text(.title, x.title)
            if x.venues.isEmpty { error("a talk needs at least one venue", o.path(.venues)) }
            for (i, v) in x.venues.enumerated() {
                let vo = object("\(o.path(.venues))[\(i)]", Shape.venue.keys)
                vo.text(.name, v.name); vo.text(.location, v.location)
                if let d = v.dates, d.end != nil {
                    error("a talk venue has one date, not a range", vo.path(.start), hint: "give each venue its own \"date\"")
                }
                vo.dates(v.dates.map { DateSpan(start: $0.start, label: $0.label) })
            }
            o.markups(.details, x.details)
        case .news(let x):
            o.date(.date, x.date); o.text(.dateText, x.dateText); o.markup(.text, x.text)
        case .detail(let x):
            o.text(.label, x.label); o.markup(.requiredUnlessKeywords, x.text); o.dates(x.dates)
            o.texts(.keywords, x.keywords); o.text(.level, x.level)
        case .item(let x):
            o.markup(.text, x.text); o.text(.location, x.location); o.dates(x.dates); o.bullets(.highlights, x.highlights)
        case .service(let x):
            o.text(.role, x.role); o.text(.venue, x.venue); o.text(.venueShort, x.venueShort); o.dates(x.dates)
            o.markups(.details, x.details)
        case .course(let x):
            o.text(.code, x.code); o.text(.title, x.title); o.text(.role, x.role); o.text(.institution, x.institution)
            o.dates(x.dates)
        case .referee(let x):
            o.text(.name, x.name); o.text(.position, x.position); o.text(.affiliation, x.affiliation)
            o.text(.email, x.email); o.text(.phone, x.phone); o.text(.relation, x.relation)
        case .group(let g):
            if nested {
                error("a group cannot hold another group", "\(path).type",
                      hint: "use a separate section, or list the entries in this group")
            }
            o.text(.title, g.title)
            for (i, inner) in g.entries.enumerated() { at(inner.swiftLocation) { entry(inner, "\(o.path(.entries))[\(i)]", nested: true) } }
        }
    }

    /// A variant may name only variant names that make file names, and only tags, sections and
    /// style packs that exist.
    func variant(_ v: Variant, in profile: Profile, packNames: [String]?) {
        let base = "variants.\(v.name)"
        if !Identifier.isValid(v.name) {
            error("\"\(v.name)\" is not a valid variant name", base,
                  hint: "use lower-case letters, digits and dashes; the name becomes part of output file names")
        }
        let o = object(base, Shape.variant.keys)
        let t = v.tailoring
        o.texts(.tags, t.tags)
        o.texts(.excludeTags, t.excludeTags)
        o.texts(.sectionIds, t.sections ?? [])
        o.text(.headline, t.headline)
        o.markups(.summary, t.summary ?? [])
        o.integer(.since, t.since)
        let tags = profile.allTags
        for (k, tag) in (t.tags + t.excludeTags).enumerated() where !tags.contains(tag) && !isBlank(tag) {
            let key = k < t.tags.count ? "tags[\(k)]" : "excludeTags[\(k - t.tags.count)]"
            error("tag \"\(tag)\" is not used by any entry", "\(base).\(key)",
                  hint: nearest(tag, in: tags).map { "did you mean \"\($0)\"?" } ?? (tags.isEmpty ? "no entry has tags" : "tags in this profile: " + tags.joined(separator: ", ")))
        }
        let ids = profile.sections.map(\.id)
        func sectionHint(_ id: String) -> String {
            nearest(id, in: ids).map { "did you mean \"\($0)\"?" } ?? "section ids: " + ids.joined(separator: ", ")
        }
        for (k, id) in (t.sections ?? []).enumerated() where !ids.contains(id) && !isBlank(id) {
            error("no section has the id \"\(id)\"", "\(base).sections[\(k)]", hint: sectionHint(id))
        }
        for (id, limit) in t.maxEntries.sorted(by: { $0.key < $1.key }) {
            if !ids.contains(id) {
                error("no section has the id \"\(id)\"", "\(base).maxEntries.\(id)", hint: sectionHint(id))
            }
            if limit < 0 {
                error("\(limit) is not a number of entries", "\(base).maxEntries.\(id)", hint: "use 0 or more")
            } else if case .integer(let minimum, let maximum) = ValueType.count {
                integer(limit, "\(base).maxEntries.\(id)", minimum: minimum, maximum: maximum)
            }
        }
        guard let style = v.style else { return }
        let suggestion = packNames.flatMap { nearest(style, in: $0) }.map { "did you mean \"\($0)\"?" }
        let packList = packNames.map { "style packs: " + $0.sorted().joined(separator: ", ") }
        if !PackName.isValid(style) {
            error("\(style.isEmpty ? "an empty string" : "\"\(style)\"") is not a style pack name (expected the name of a style pack: \(PackName.rule))",
                  o.path(.style), hint: suggestion ?? ((packList.map { $0 + "; or " } ?? "") + "leave \"style\" out to build with --style or the default pack"))
        } else if let packNames, !packNames.contains(style) {
            error("no style pack is named \"\(style)\"", o.path(.style), hint: suggestion ?? packList)
        }
    }
}

/// Which link targets a CV may hold: web and mail links, nothing a PDF reader would run or fetch otherwise.
/// Which links a CV may hold: the one rule the validator, the importers and the writers share.
public enum URLRule {
    public static let schemes = ["https://", "http://", "mailto:"]
    static let hint = "start it with https://, http:// or mailto:, and leave no white space in it"

    /// A link with one of `schemes`, something after it and no white space.
    public static func accepts(_ s: String, schemes: [String] = URLRule.schemes) -> Bool {
        guard let scheme = schemes.first(where: { s.hasPrefix($0) }) else { return false }
        let rest = s.dropFirst(scheme.count)
        return !rest.isEmpty && !rest.unicodeScalars.contains { $0.properties.isWhitespace }
    }

    static func excerpt(_ s: String) -> String { s.count > 60 ? String(s.prefix(60)) + "…" : s }

    /// A markup link may also be a relative reference (`papers/cv.pdf`, `/talks`, `#top`): no scheme,
    /// not `//host` (another site), no white space or control characters. A writer that makes links of
    /// its own adds their schemes (`tel:` for a phone number).
    public static func acceptsInMarkup(_ s: String, alsoSchemes extra: [String] = []) -> Bool {
        if accepts(s, schemes: schemes + extra) { return true }
        guard !s.isEmpty, !s.hasPrefix("//"), !s.hasPrefix("\\"),
              !s.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) else { return false }
        let head = s.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !head.contains(":")
    }
    static let markupHint = "start it with https://, http:// or mailto:, or write a relative path, with no white space"
}
