import CVModel

/// What a CV says, decided once and in no output format: which entries, in what order and
/// groups, dates as display parts, author runs with their marks, a citation's parts, link texts
/// and labels in the locale's words. Writers walk it and only serialise.
///
/// Every text carries the profile path it came from, so a writer can point a problem at its field.
public struct Document: Equatable, Sendable {
    public var header: Header
    public var sections: [DocumentSection]
    /// The words the document was built with, for writers that print a label of their own kind
    /// ("Email: …").
    public var labels: Labels
    /// The profile's own paper size and TeX engine, for writers that set pages.
    public var paper: PaperSize?
    public var engine: Engine?
}

/// Plain text and where it came from: a profile path, or nil for a word of the locale.
public struct Field: Equatable, Sendable {
    public var text: String
    public var path: String?

    public init(_ text: String, path: String?) {
        self.text = text
        self.path = path
    }
}

/// Text with inline markup (bold, italic, code, links) and the profile path it came from.
public struct RichText: Equatable, Sendable {
    public var nodes: [InlineNode]
    public var path: String

    public init(_ nodes: [InlineNode], path: String) {
        self.nodes = nodes
        self.path = path
    }
}

/// A link: where it goes and the text it shows.
public struct LinkNode: Equatable, Sendable {
    public var url: String
    public var text: Field
}

public struct Header: Equatable, Sendable {
    public var name: Field
    public var headline: Field?
    public var affiliation: [Field]
    public var address: [Field]
    /// Email, phone, website and links, in that order.
    public var contacts: [Contact]
    public var summary: [RichText]
}

/// One way to reach the person.
public struct Contact: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable {
        case email, phone, website, link
    }

    public var kind: Kind
    /// The profile path of the whole contact (`email`, `links[2]`).
    public var path: String
    /// The locale's word for the kind ("Email"); nil for a link, whose text is its label.
    public var label: String?
    /// Where it goes: `mailto:`, `tel:` with the digits, or the address itself.
    public var url: String
    /// What it shows: the address, the number, the website without its scheme, or the link's label.
    public var text: Field
}

public struct DocumentSection: Equatable, Sendable {
    /// The id packs refer to.
    public var id: String
    public var path: String
    public var title: Field
    public var entries: [DocumentEntry]
}

public struct DocumentEntry: Equatable, Sendable {
    public var path: String
    public var content: EntryNode
}

/// The closed set of things a section holds. Every writer switches over it.
public enum EntryNode: Equatable, Sendable {
    case paragraph(RichText)
    case callout(RichText)
    case bullets([BulletNode])
    /// Education and experience: where, what, when.
    case position(PositionNode)
    case award(AwardNode)
    case publication(PublicationNode)
    case talk(TalkNode)
    case news(NewsNode)
    case detail(DetailNode)
    case item(ItemNode)
    case service(ServiceNode)
    case course(CourseNode)
    case referee(RefereeNode)
    case group(GroupNode)
    /// A line the document adds to explain a mark it printed ("* co-first author").
    case legend(LegendNode)
}

/// What a mark in the entries above means, in the locale's words.
public struct LegendNode: Equatable, Sendable {
    public enum Mark: Equatable, Sendable {
        /// The mark after each co-first author's name.
        case coFirst
    }

    public var mark: Mark
    /// The mark as the locale writes it (`*`), for writers that print marks as text.
    public var symbol: String
    public var text: String
}

public struct BulletNode: Equatable, Sendable {
    public var text: RichText
    public var dates: DateDisplay?
    public var items: [BulletNode]
}

public struct PositionNode: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case education, experience }
    public var kind: Kind
    /// The institution or organisation.
    public var organization: Field
    /// The degree or role.
    public var role: Field?
    public var location: Field?
    public var dates: DateDisplay?
    public var details: [RichText]
    public var highlights: [BulletNode]
}

public struct AwardNode: Equatable, Sendable {
    public var title: Field
    public var issuer: Field?
    public var dates: DateDisplay?
    public var details: [RichText]
}

/// A citation in parts, decided by its kind and status: a writer prints the parts it is given,
/// in the given order, and adds only punctuation and looks.
public struct PublicationNode: Equatable, Sendable {
    /// Which part leads the citation.
    public var order: CitationOrder
    public var key: Field?
    public var venueShort: Field?
    /// The one of key and short venue that leads the line, by the document's rules.
    public var tag: Field?
    public var authors: [AuthorItem]
    public var title: Field
    /// The words before the venue: "In", a status lead ("Submitted to"), or nil (a patent number,
    /// a publisher, a venue that starts with "In" or "Proceedings", a status the citation states).
    public var venueLead: String?
    public var venue: Field?
    public var location: Field?
    /// Nil when the venue, its short name or a note already names the year.
    public var dates: DateDisplay?
    /// The status in the locale's words; nil for published work, and when the venue lead or the
    /// citation's own text already states it.
    public var status: String?
    public var notes: [RichText]
    public var links: [LinkNode]
}

/// One item of an author run: a name, a separator, or the mark that the list goes on.
public enum AuthorItem: Equatable, Sendable {
    case author(Author)
    case separator(AuthorSeparator)
    case etAl(String)
}

public struct Author: Equatable, Sendable {
    public var name: Field
    /// The profile's owner, under any of their spellings.
    public var isOwner: Bool
    /// One of the authors who contributed equally, first in the list.
    public var isCoFirst: Bool
}

public struct AuthorSeparator: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// Between names of a longer list.
        case list
        /// Between the two names of a pair.
        case pair
        /// Before the last name of three or more.
        case last
        /// Before the et-al mark.
        case beforeEtAl
    }

    public var kind: Kind
    /// The separator in the locale's words, as the document's rules join authors.
    public var text: String
}

public struct TalkNode: Equatable, Sendable {
    public var title: Field
    public var venues: [TalkVenueNode]
    public var details: [RichText]
}

public struct TalkVenueNode: Equatable, Sendable {
    public var name: Field
    public var location: Field?
    public var dates: DateDisplay?
}

public struct NewsNode: Equatable, Sendable {
    public var date: DateDisplay
    public var text: RichText
}

public struct DetailNode: Equatable, Sendable {
    public var label: Field
    public var text: RichText
    public var dates: DateDisplay?
}

public struct ItemNode: Equatable, Sendable {
    public var text: RichText
    public var location: Field?
    public var dates: DateDisplay?
    public var highlights: [BulletNode]
}

public struct ServiceNode: Equatable, Sendable {
    public var role: Field
    public var venue: Field
    public var venueShort: Field?
    public var dates: DateDisplay?
    public var details: [RichText]
}

public struct CourseNode: Equatable, Sendable {
    public var code: Field?
    public var title: Field
    public var role: Field?
    public var institution: Field?
    public var dates: DateDisplay?
}

public struct RefereeNode: Equatable, Sendable {
    public var name: Field
    public var position: Field?
    public var affiliation: Field?
    public var email: LinkNode?
    public var phone: Field?
    public var relation: Field?
}

public struct GroupNode: Equatable, Sendable {
    public var title: Field
    public var entries: [DocumentEntry]

    /// Whether the group holds only running text (paragraphs, callouts, bullet lists), not lines of entries.
    public var holdsOnlyProse: Bool {
        entries.allSatisfy {
            switch $0.content {
            case .paragraph, .callout, .bullets: true
            default: false
            }
        }
    }
}

/// When something happened, as it prints.
public enum DateDisplay: Equatable, Sendable {
    /// Free text written in the profile instead of the typed dates ("Fall 2022").
    case label(Field)
    case point(DatePoint)
    case range(start: DatePoint, separator: String, end: DatePoint)

    /// The whole display text.
    public var text: String {
        switch self {
        case .label(let f): f.text
        case .point(let p): p.text
        case .range(let a, let sep, let b): a.text + sep + b.text
        }
    }
}

/// One end of a span, in words: `Aug 2020`, `Present`, `Dec 2025 (expected)`.
public struct DatePoint: Equatable, Sendable {
    public var text: String
    public var isPresent: Bool
    public var isExpected: Bool
    /// The date in ISO 8601 (`2020`, `2020-08`, `2024-11-26`) for formats that mark dates up for
    /// machines (HTML's `<time datetime>`); nil for `Present`.
    public var machine: String?

    public init(_ text: String, isPresent: Bool = false, isExpected: Bool = false, machine: String? = nil) {
        self.text = text
        self.isPresent = isPresent
        self.isExpected = isExpected
        self.machine = machine
    }
}
