import CVModel

/// What a document shows of a profile and how its content reads: a pack's selection rules and
/// the choices of the output it is built for. Built once by the pack (or the writer's caller);
/// the builder applies it, so no writer re-decides content.
public struct DocumentRules: Equatable, Sendable {
    /// Section ids in the order printed; `"*"` stands for every other section in profile order.
    /// Nil prints every section in profile order.
    public var sections: [String]?
    /// The most entries a section shows, by section id (`"*"` for every section).
    public var maxEntries: [String: Int]
    /// Show only publications marked `selected` (when the profile marks any).
    public var selectedPublicationsOnly: Bool
    /// Regroup a section of unkeyed publications of several kinds into one group per kind.
    public var groupPublicationsByKind: Bool
    /// How dates print unless the profile says otherwise.
    public var dateStyle: DateStyle
    /// How the months of news dates are named.
    public var newsMonths: MonthNames
    /// Which of a publication's key and venue tag leads its line (`tag`).
    public var publicationTag: PublicationTag
    /// How the separators of an author list read.
    public var authorJoining: AuthorJoining
    /// Which part of a citation leads, unless the profile says otherwise.
    public var citationOrder: CitationOrder
    /// Whether straight quotes in prose and titles become typographic ones (`It’s`, `“x”`).
    public var quotes: QuoteStyle

    public enum MonthNames: Equatable, Sendable {
        /// Like every other date: `Nov 2024`.
        case abbreviated
        /// As a homepage's news lines write them: `Nov. 2024`, `July 2024`.
        case written
    }

    public enum PublicationTag: Equatable, Sendable {
        /// The short key (`C18`), else the venue's short name.
        case keyFirst
        /// The venue's short name (`SC'24`), else the key.
        case venueFirst
    }

    public typealias AuthorJoining = CVModel.AuthorJoining

    public init(sections: [String]? = nil, maxEntries: [String: Int] = [:], selectedPublicationsOnly: Bool = false,
                groupPublicationsByKind: Bool = false, dateStyle: DateStyle = .monthYear, newsMonths: MonthNames = .abbreviated,
                publicationTag: PublicationTag = .keyFirst, authorJoining: AuthorJoining = .serial,
                citationOrder: CitationOrder = .authorsFirst, quotes: QuoteStyle = .typographic) {
        self.sections = sections
        self.maxEntries = maxEntries
        self.selectedPublicationsOnly = selectedPublicationsOnly
        self.groupPublicationsByKind = groupPublicationsByKind
        self.dateStyle = dateStyle
        self.newsMonths = newsMonths
        self.publicationTag = publicationTag
        self.authorJoining = authorJoining
        self.citationOrder = citationOrder
        self.quotes = quotes
    }
}
