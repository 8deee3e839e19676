import CVModel

/// Every word the document adds to what the profile says, in one language.
///
/// The model holds only the user's text and typed values; writers hold only markup. Words such as
/// "Present", month names, publication-kind headings, status labels and the joiners of an author
/// list come from here, so a document in another language needs another `Labels` and nothing else.
public struct Labels: Equatable, Sendable {
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

    public static let english = Labels(
        months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        writtenMonths: ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sep.", "Oct.", "Nov.", "Dec."],
        present: "Present",
        expected: "expected",
        dateRangeSeparator: " – ",
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
        ])

    /// The heading of a list of publications of `kind`.
    public func title(of kind: PublicationKind) -> String { publicationKinds[kind] ?? kind.rawValue }

    /// How `status` reads in a CV; nil for published work.
    public func label(of status: PublicationStatus) -> String? { statuses[status] }
}
