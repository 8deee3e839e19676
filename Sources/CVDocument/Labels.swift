import CVModel

/// Every word the document adds to what the profile says, in one language.
///
/// The model holds only the user's text and typed values; writers hold only markup. Words such as
/// "Present", month names, publication-kind headings, status labels and the joiners of an author
/// list come from here, so a document in another language needs another `Labels` and nothing else.
public struct Labels: Equatable, Sendable {
    /// The language these words are in; it also picks the hyphenation patterns.
    public var language: Language = .en
    /// How a month and year print: `{month}` and `{year}` stand for them (`{month} {year}`, `{year}年{month}`).
    public var monthYearPattern = "{month} {year}"
    /// How a full date prints (`{day} {month} {year}`, `{year}年{month}{day}日`).
    public var dayPattern = "{day} {month} {year}"
    /// The footer of a multi-page CV; `{page}` and `{pages}` stand for the numbers.
    public var pageOf = "Page {page} of {pages}"
    /// Abbreviated month names, January first (`Aug 2020`).
    public var months: [String]
    /// Month names as news lines on a homepage write them, January first (`26 Nov. 2024`, `18 July 2024`).
    public var writtenMonths: [String]
    /// The end of a span that goes on.
    public var present: String
    /// The qualifier of a date not yet reached, printed in parentheses after it.
    public var expected: String
    /// Between the start and the end of a span.
    public var dateRangeSeparator: String
    /// Between two days of one month (`10–16 Dec 2023`).
    public var dayRangeSeparator: String
    /// Between the parts of a list: authors, addresses.
    public var listSeparator: String
    /// Between the two authors of a pair ("A and B").
    public var pairSeparator: String
    /// Before the last of three or more authors ("A, B, and C").
    public var lastSeparator: String
    /// After an author list that goes on.
    public var etAl: String
    /// The mark after each co-first author's name.
    public var coFirstMark: String
    public var email: String
    public var phone: String
    public var address: String
    public var website: String
    public var links: String
    /// The heading of a group of publications of one kind.
    public var publicationKinds: [PublicationKind: String]
    /// How a status reads; a status without an entry (published) prints nothing.
    public var statuses: [PublicationStatus: String]
    /// The word before the venue of published work ("In *NeurIPS*").
    public var venueIn: String
    /// The words before the venue of work not yet published, which then say its status
    /// ("Submitted to *MLSys*"); a status without one prints its label after the venue.
    public var statusLeads: [PublicationStatus: String]
    /// Phrases (lower case) that already state a status when a citation's venue, short venue,
    /// notes or group title contain them; the status is then not printed again.
    public var statusPhrases: [String]
    /// What the co-first mark means, printed once after the mark ("* co-first author").
    public var coFirstMeaning: String
    /// The heading of the summary on a homepage.
    public var about: String

    public static let english = Labels(
        months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        writtenMonths: ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sep.", "Oct.", "Nov.", "Dec."],
        present: "Present",
        expected: "expected",
        dateRangeSeparator: " – ",
        dayRangeSeparator: "–",
        listSeparator: ", ",
        pairSeparator: " and ",
        lastSeparator: ", and ",
        etAl: "et al.",
        coFirstMark: "*",
        email: "Email",
        phone: "Phone",
        address: "Address",
        website: "Website",
        links: "Links",
        publicationKinds: [
            .conference: "Conference Papers", .journal: "Journal Articles", .workshop: "Workshop Papers",
            .preprint: "Preprints", .patent: "Patents", .thesis: "Theses", .book: "Books",
            .chapter: "Book Chapters", .other: "Other Publications",
        ],
        statuses: [
            .accepted: "Accepted", .underReview: "Under review", .submitted: "Submitted",
            .preprint: "Preprint", .inPreparation: "In preparation",
        ],
        venueIn: "In",
        statusLeads: [.accepted: "To appear in", .underReview: "Under review at", .submitted: "Submitted to"],
        statusPhrases: ["accepted", "to appear", "under review", "in review", "submitted", "submission", "preprint", "arxiv",
                        "in preparation", "in press", "forthcoming"],
        coFirstMeaning: "co-first author",
        about: "About me")

    /// The heading of a list of publications of `kind`.
    public func title(of kind: PublicationKind) -> String { publicationKinds[kind] ?? kind.rawValue }

    /// How `status` reads in a CV; nil for published work.
    public func label(of status: PublicationStatus) -> String? { statuses[status] }
}
