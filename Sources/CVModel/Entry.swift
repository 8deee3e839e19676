/// One item of a section. What it is lives in `content`; the rest is shared by every kind.
public struct Entry: Equatable, Sendable {
    public var content: EntryContent
    public var tags: [String]
    public var selected: Bool
    /// Higher is more important; packs that must fit a page drop low priorities first.
    public var priority: Int?
    /// Where a profile written in Swift made this entry (the builder records it), for diagnostics.
    /// Not part of the value: an entry equals its JSON twin.
    public var swiftLocation: SwiftLocation?

    public init(_ content: EntryContent, tags: [String] = [], selected: Bool = false, priority: Int? = nil) {
        self.content = content
        self.tags = Tag.normalized(tags)
        self.selected = selected
        self.priority = priority
    }

    public static func == (a: Entry, b: Entry) -> Bool {
        a.content == b.content && a.tags == b.tags && a.selected == b.selected && a.priority == b.priority
    }

    /// The typed dates of the entry, if its kind has any.
    public var dates: DateSpan? {
        switch content {
        case .education(let e): e.dates
        case .experience(let e): e.dates
        case .award(let a): a.dates
        case .publication(let p): p.dates
        case .news(let n): n.dates
        case .detail(let d): d.dates
        case .item(let i): i.dates
        case .service(let s): s.dates
        case .course(let c): c.dates
        case .talk(let t): t.venues.compactMap(\.dates).max { ($0.sortKey) < ($1.sortKey) }
        case .paragraph, .bullets, .callout, .referee, .group: nil
        }
    }
}

/// The closed set of entry kinds. Every renderer switches over it.
public enum EntryContent: Equatable, Sendable {
    case paragraph(Markup)
    case bullets([Bullet])
    case callout(Markup)
    case education(Education)
    case experience(Experience)
    case award(Award)
    case publication(Publication)
    case talk(Talk)
    case news(News)
    case detail(Detail)
    case item(Item)
    case service(Service)
    case course(Course)
    case referee(Referee)
    case group(Group)

    /// The name used for this kind in JSON (`"type"`).
    public var typeName: String { kind.rawValue }

    public static let typeNames = EntryKind.allCases.map(\.rawValue)
}

/// A bullet point; bullets nest three levels deep at most.
public struct Bullet: Equatable, Sendable {
    public var text: Markup
    public var items: [Bullet]
    public var dates: DateSpan?
    public var tags: [String]

    public init(_ text: Markup, items: [Bullet] = [], dates: DateSpan? = nil, tags: [String] = []) {
        self.text = text
        self.items = items
        self.dates = dates
        self.tags = Tag.normalized(tags)
    }
}

public struct Education: Equatable, Sendable {
    public var institution: String
    public var location: String?
    public var degree: String?
    public var dates: DateSpan?
    public var details: [Markup]
    public var highlights: [Bullet]

    public init(institution: String, location: String? = nil, degree: String? = nil, dates: DateSpan? = nil,
                details: [Markup] = [], highlights: [Bullet] = []) {
        self.institution = institution
        self.location = location
        self.degree = degree
        self.dates = dates
        self.details = details
        self.highlights = highlights
    }
}

public struct Experience: Equatable, Sendable {
    public var organization: String
    public var role: String?
    public var location: String?
    public var dates: DateSpan?
    public var details: [Markup]
    public var highlights: [Bullet]

    public init(organization: String, role: String? = nil, location: String? = nil, dates: DateSpan? = nil,
                details: [Markup] = [], highlights: [Bullet] = []) {
        self.organization = organization
        self.role = role
        self.location = location
        self.dates = dates
        self.details = details
        self.highlights = highlights
    }
}

public struct Award: Equatable, Sendable {
    public var title: String
    public var issuer: String?
    public var dates: DateSpan?
    public var details: [Markup]

    public init(title: String, issuer: String? = nil, dates: DateSpan? = nil, details: [Markup] = []) {
        self.title = title
        self.issuer = issuer
        self.dates = dates
        self.details = details
    }
}

public enum PublicationKind: String, CaseIterable, Equatable, Sendable {
    case conference, journal, workshop, preprint, patent, thesis, book, chapter, other
}

public enum PublicationStatus: String, CaseIterable, Equatable, Sendable {
    case published, accepted, underReview, submitted, preprint, inPreparation
}

public struct Publication: Equatable, Sendable {
    public var title: String
    public var authors: [String]
    /// The first `coFirst` authors contributed equally.
    public var coFirst: Int?
    public var etAl: Bool
    public var venue: String?
    public var venueShort: String?
    public var location: String?
    public var kind: PublicationKind
    public var status: PublicationStatus
    public var key: String?
    public var dates: DateSpan?
    public var notes: [Markup]
    public var links: [Link]

    public init(title: String, authors: [String], coFirst: Int? = nil, etAl: Bool = false, venue: String? = nil,
                venueShort: String? = nil, location: String? = nil, kind: PublicationKind = .conference,
                status: PublicationStatus = .published, key: String? = nil, dates: DateSpan? = nil,
                notes: [Markup] = [], links: [Link] = []) {
        self.title = title
        self.authors = authors
        self.coFirst = coFirst
        self.etAl = etAl
        self.venue = venue
        self.venueShort = venueShort
        self.location = location
        self.kind = kind
        self.status = status
        self.key = key
        self.dates = dates
        self.notes = notes
        self.links = links
    }
}

public struct Talk: Equatable, Sendable {
    public var title: String
    public var venues: [TalkVenue]
    public var details: [Markup]

    public init(title: String, venues: [TalkVenue], details: [Markup] = []) {
        self.title = title
        self.venues = venues
        self.details = details
    }
}

public struct TalkVenue: Equatable, Sendable {
    public var name: String
    public var location: String?
    public var dates: DateSpan?

    public init(name: String, location: String? = nil, dates: DateSpan? = nil) {
        self.name = name
        self.location = location
        self.dates = dates
    }
}

public struct News: Equatable, Sendable {
    public var date: CVDate
    public var text: Markup
    /// Printed instead of the typed date ("18 July 2024").
    public var dateText: String?

    public init(date: CVDate, text: Markup, dateText: String? = nil) {
        self.date = date
        self.text = text
        self.dateText = dateText
    }

    public var dates: DateSpan { DateSpan(start: date, label: dateText) }
}

public struct Detail: Equatable, Sendable {
    public var label: String
    public var text: Markup
    public var dates: DateSpan?
    /// A skill's keywords, each whole (JSON Resume's `skills[].keywords`); `text` is made from them when not given.
    public var keywords: [String]
    /// A skill's level (JSON Resume's `skills[].level`).
    public var level: String?

    public init(label: String, text: Markup, dates: DateSpan? = nil, keywords: [String] = [], level: String? = nil) {
        self.label = label
        self.text = text
        self.dates = dates
        self.keywords = keywords
        self.level = level
    }

    /// A skill line: the keywords joined by commas, then the level in parentheses ("HTML, CSS (Master)").
    public init(label: String, keywords: [String], level: String?, dates: DateSpan? = nil) {
        self.init(label: label, text: Self.text(keywords: keywords, level: level), dates: dates, keywords: keywords, level: level)
    }

    /// The text printed for `keywords` and `level`, as markup that prints them literally.
    public static func text(keywords: [String], level: String?) -> Markup {
        var s = keywords.joined(separator: ", ")
        if let level { s = s.isEmpty ? level : "\(s) (\(level))" }
        var out = ""
        for c in s {
            if c == "*" || c == "`" || c == "[" || c == "]" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return Markup(out)
    }
}

public struct Item: Equatable, Sendable {
    public var text: Markup
    public var location: String?
    public var dates: DateSpan?
    public var highlights: [Bullet]

    public init(text: Markup, location: String? = nil, dates: DateSpan? = nil, highlights: [Bullet] = []) {
        self.text = text
        self.location = location
        self.dates = dates
        self.highlights = highlights
    }
}

public struct Service: Equatable, Sendable {
    public var role: String
    public var venue: String
    public var venueShort: String?
    public var dates: DateSpan?
    public var details: [Markup]

    public init(role: String, venue: String, venueShort: String? = nil, dates: DateSpan? = nil, details: [Markup] = []) {
        self.role = role
        self.venue = venue
        self.venueShort = venueShort
        self.dates = dates
        self.details = details
    }
}

public struct Course: Equatable, Sendable {
    public var title: String
    public var code: String?
    public var role: String?
    public var institution: String?
    public var dates: DateSpan?

    public init(title: String, code: String? = nil, role: String? = nil, institution: String? = nil, dates: DateSpan? = nil) {
        self.title = title
        self.code = code
        self.role = role
        self.institution = institution
        self.dates = dates
    }
}

public struct Referee: Equatable, Sendable {
    public var name: String
    public var position: String?
    public var affiliation: String?
    public var email: String?
    public var phone: String?
    public var relation: String?

    public init(name: String, position: String? = nil, affiliation: String? = nil, email: String? = nil,
                phone: String? = nil, relation: String? = nil) {
        self.name = name
        self.position = position
        self.affiliation = affiliation
        self.email = email
        self.phone = phone
        self.relation = relation
    }
}

public struct Group: Equatable, Sendable {
    public var title: String
    public var entries: [Entry]

    public init(title: String, entries: [Entry]) {
        self.title = title
        self.entries = entries
    }
}
