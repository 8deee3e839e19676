/// The shape of the value a key holds. The decoder checks it, the encoder writes it, the JSON
/// Schema and the docs' key tables are generated from it.
public indirect enum ValueType: Equatable, Sendable {
    /// A string printed exactly as typed.
    case text
    /// A string with the inline markup.
    case markup
    /// A date: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `present`, optionally ` (expected)`.
    case date
    /// A link target: `https://…`, `http://…` or `mailto:…`.
    case url
    /// Lower-case letters and digits in words joined by single dashes (`professional-service`).
    case identifier
    /// The name of a style pack: a plain name (`one-page`, `my_cv2`), see `PackName`.
    case packName
    /// A whole number from `minimum` to `maximum`; the schema says both.
    case integer(minimum: Int, maximum: Int)
    case bool
    /// One of a closed set of strings.
    case choice([String])
    case list(ValueType, minItems: Int)
    /// An object with keys of its own (a link, a section, a talk's venue, a variant).
    case object(Shape)
    /// A bullet: markup, or an object with nested bullets.
    case bullet
    /// An entry of any kind (one of a group: any kind but a group).
    case entry
    /// An object mapping variant names to variants.
    case variants
    /// An object mapping section ids to whole numbers (0 or more).
    case counts
    /// An object mapping style pack option names to values (strings or numbers); the pack's manifest types them.
    case design

    static func list(_ item: ValueType) -> ValueType { .list(item, minItems: 0) }

    /// The largest whole number every JSON reader holds exactly (2^53 − 1, JavaScript's
    /// `Number.MAX_SAFE_INTEGER`): the bound of whole numbers that have no narrower one.
    public static let largestWholeNumber = 9_007_199_254_740_991
    /// A whole number bounded only by what every JSON reader holds exactly.
    static let wholeNumber = ValueType.integer(minimum: -largestWholeNumber, maximum: largestWholeNumber)
    /// A count: 0 or more.
    static let count = ValueType.integer(minimum: 0, maximum: largestWholeNumber)

    /// How the type reads in the docs' tables.
    public var docName: String {
        switch self {
        case .text: "text"
        case .markup: "markup"
        case .date: "date"
        case .url: "url"
        case .identifier: "id"
        case .packName: "pack name"
        case .integer: "int"
        case .bool: "bool"
        case .choice(let values): values.map { "`\"\($0)\"`" }.joined(separator: " ")
        case .list(let item, _): "[\(item.docName)]"
        case .object(let shape): shape.rawValue
        case .bullet: "bullet"
        case .entry: "entry"
        case .variants: "{name: variant}"
        case .counts: "{section id: int}"
        case .design: "{option: value}"
        }
    }
}

/// The rule for a style pack's name, which is also its folder's name: a letter or digit, then
/// letters, digits, `-` and `_` (ASCII), at most 64 characters, so that it can name files.
public enum PackName {
    public static let pattern = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"
    public static let rule = "letters, digits, - and _, starting with a letter or digit"

    public static func isValid(_ name: String) -> Bool {
        let scalars = name.unicodeScalars
        guard let first = scalars.first, scalars.count <= 64, isLetterOrDigit(first) else { return false }
        return scalars.allSatisfy { isLetterOrDigit($0) || $0 == "-" || $0 == "_" }
    }

    /// A valid pack name made from `name`: accents dropped, other characters as `-` between
    /// words (`"my pack"` → `my-pack`); nil when nothing of it is left.
    public static func suggestion(from name: String) -> String? {
        var out = ""
        var pendingDash = false
        for c in name.decomposedStringWithCanonicalMapping.unicodeScalars {
            if isLetterOrDigit(c) || (c == "_" && !out.isEmpty) {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.unicodeScalars.append(c)
            } else if c.properties.generalCategory != .nonspacingMark {
                pendingDash = true
            }
        }
        let name = String(out.prefix(64))
        return isValid(name) ? name : nil
    }

    private static func isLetterOrDigit(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
    }
}

/// One key of an object in a profile: its name, what it holds, whether it must be given, and what it means.
public struct KeySpec: Equatable, Sendable {
    public var name: String
    public var type: ValueType
    public var required: Bool
    /// The key is required unless this other key is given (a section's `entries` and `bibliography`).
    public var requiredUnless: String?
    public var description: String

    public init(_ name: String, _ type: ValueType, required: Bool = false, requiredUnless: String? = nil, _ description: String) {
        self.name = name
        self.type = type
        self.required = required
        self.requiredUnless = requiredUnless
        self.description = description
    }

    /// The same key, required.
    public var isRequired: KeySpec {
        var k = self
        k.required = true
        return k
    }

    /// The same key with another description.
    public func described(_ text: String) -> KeySpec {
        var k = self
        k.description = text
        return k
    }

    /// A required text or markup value must hold something besides white space; so must every
    /// item of a list of text or markup.
    public var mustNotBeBlank: Bool { required && (type == .text || type == .markup) }
}

/// The objects of a profile that are not entries, each with its keys.
public enum Shape: String, CaseIterable, Sendable {
    case profile, section, link, venue, bullet, variant, location, words

    public var keys: [KeySpec] {
        typealias K = KeySpec
        switch self {
        case .profile:
            return [K.schema, K.name.isRequired.described("The owner's name, as printed."), .aliases, .headline,
                    .profileAffiliation, .address, .profileLocation, .email, .phone, .website, .links, .summary, .paper, .dateFormat, .engine,
                    .citationOrder, .authorJoining, .design, .locale, .words, .sections, .variants]
        case .section:
            return [K.title.isRequired.described("The section's title, as printed."), .id, .bibliography, .entries]
        case .link:
            return [K.label.isRequired.described("The text shown for the link."), K.url.isRequired, .username]
        case .location:
            return [K.street, .postalCode, .city, .region, .countryCode]
        case .venue:
            return [K.name.isRequired.described("Where the talk was given."), .location, .date, .dateText]
        case .bullet:
            return [K.text.isRequired, .items, .date, .start, .end, .dateText, .tags]
        case .variant:
            return [K.tags.described("Keep untagged items and items with any of these tags."), .excludeTags,
                    .sectionIds,
                    K.headline.described("Replaces the profile's headline."),
                    K.summary.described("Replaces the profile's summary (markup)."), .style, .since, .maxEntries,
                    K.design.described("Style pack option values over the profile's design; --set beats both."),
                    K.locale.described("The locale, over the profile's; --locale beats both.")]
        case .words:
            return WordName.allCases.map { KeySpec($0.rawValue, .text, $0.meaning) }
        }
    }

    /// A line saying what the object is, for the docs and the schema.
    public var summary: String {
        switch self {
        case .profile: "A CV kept as code: the person, a summary, and ordered sections of typed entries."
        case .section: "A titled list of entries."
        case .link: "A labelled link."
        case .location: "A postal address in parts (JSON Resume's basics.location), printed after the address lines."
        case .venue: "Where and when a talk was given."
        case .bullet: "A bullet point: markup, or an object with nested bullets."
        case .variant: "A named tailoring of the profile."
        case .words: "The profile's own spelling of words the locale supplies."
        }
    }
}

/// The closed set of entry kinds, each with its keys: the one declaration the decoder, the
/// encoder, the JSON Schema and the docs follow.
public enum EntryKind: String, CaseIterable, Sendable {
    case paragraph, bullets, callout, education, experience, award, publication, talk, news, detail, item, service
    case course, referee, group

    /// The keys every entry takes besides its kind's: `type` first, the rest after the kind's keys.
    public static let typeKey = KeySpec("type", .choice(EntryKind.allCases.map(\.rawValue)), required: true, "The kind of entry.")
    public static let commonKeys: [KeySpec] = [.tags, .selected, .priority]

    /// The keys of this kind, in the order the canonical JSON writes them.
    public var keys: [KeySpec] {
        typealias K = KeySpec
        switch self {
        case .paragraph: return [K.text.isRequired]
        case .bullets: return [K.items.isRequired]
        case .callout: return [K.text.isRequired]
        case .education:
            return [K.institution.isRequired, .degree, .location] + K.dates + [.details, .highlights]
        case .experience:
            return [K.organization.isRequired, .role, .location] + K.dates + [.details, .highlights]
        case .award:
            return [K.title.isRequired, .issuer] + K.dates + [.details]
        case .publication:
            return [K.key, K.authors.isRequired, .coFirst, .etAl, K.title.isRequired, .venue, .venueShort, .location,
                    .kind, .status] + K.dates + [.notes, .links]
        case .talk: return [K.title.isRequired, K.venues.isRequired, .details]
        case .news: return [K.date.isRequired, .dateText, K.text.isRequired]
        case .detail: return [K.label.isRequired, K.requiredUnlessKeywords] + K.dates + [.keywords, .level]
        case .item: return [K.text.isRequired, .location] + K.dates + [.highlights]
        case .service: return [K.role.isRequired, K.venue.isRequired, .venueShort] + K.dates + [.details]
        case .course: return [K.code, K.title.isRequired, .role, .institution] + K.dates
        case .referee: return [K.name.isRequired.described("The referee's name."), .position, .affiliation, .email, .phone, .relation]
        case .group: return [K.title.isRequired, K.entries.isRequired]
        }
    }

    /// What the kind is for, in the docs' entry table.
    public var summary: String {
        switch self {
        case .paragraph: "a paragraph of prose"
        case .bullets: "a bullet list"
        case .callout: "a highlighted notice (openings, \"we are hiring\")"
        case .education: "a degree or programme"
        case .experience: "a position held"
        case .award: "an award, grant or honour"
        case .publication: "a paper, patent, thesis or book"
        case .talk: "a talk, with where and when it was given"
        case .news: "a dated news line"
        case .detail: "a \"Label: detail\" line (reviewing, skills)"
        case .item: "a one-line dated item"
        case .service: "a role in professional service"
        case .course: "a course taught or taken"
        case .referee: "a referee"
        case .group: "a titled sub-list (`Conference Papers`); it may hold any entry but a group"
        }
    }

    /// Every key an entry of this kind takes, `type` first.
    public var allKeys: [KeySpec] { [Self.typeKey] + keys + Self.commonKeys }
}

extension EntryContent {
    /// The kind of this entry; the compiler checks that every case has one.
    public var kind: EntryKind {
        switch self {
        case .paragraph: .paragraph
        case .bullets: .bullets
        case .callout: .callout
        case .education: .education
        case .experience: .experience
        case .award: .award
        case .publication: .publication
        case .talk: .talk
        case .news: .news
        case .detail: .detail
        case .item: .item
        case .service: .service
        case .course: .course
        case .referee: .referee
        case .group: .group
        }
    }
}

/// Every key of the format, each spelled once.
extension KeySpec {
    static let schema = KeySpec("$schema", .text, "The schema this file follows, for editors; ignored.")
    static let name = KeySpec("name", .text, "A name.")
    static let aliases = KeySpec("aliases", .list(.text), "Other spellings of the owner's name in author lists (\"H. Huang\"); these and name are set in bold.")
    static let headline = KeySpec("headline", .text, "A line under the name, such as a position.")
    static let profileAffiliation = KeySpec("affiliation", .list(.text), "Lines naming the department and institution.")
    static let address = KeySpec("address", .list(.text), "Postal address lines.")
    static let profileLocation = KeySpec("location", .object(.location), "The postal address in parts, as JSON Resume keeps it; printed after address.")
    static let street = KeySpec("address", .text, "Street lines (separated by line breaks).")
    static let postalCode = KeySpec("postalCode", .text, "The postal code.")
    static let city = KeySpec("city", .text, "The city.")
    static let region = KeySpec("region", .text, "The region, state or province.")
    static let countryCode = KeySpec("countryCode", .text, "The country, as an ISO 3166-1 code such as US.")
    static let username = KeySpec("username", .text, "The account name on that network.")
    static let keywords = KeySpec("keywords", .list(.text), "A skill's keywords, each kept whole; the text is made from them when not given (\"HTML, CSS (Master)\").")
    static let level = KeySpec("level", .text, "A skill's level, printed in parentheses after the keywords.")
    static let email = KeySpec("email", .text, "Email address.")
    static let phone = KeySpec("phone", .text, "Phone number, as printed.")
    static let website = KeySpec("website", .url, "Personal website (https://…).")
    static let links = KeySpec("links", .list(.object(.link)), "Links, such as Google Scholar or GitHub.")
    static let summary = KeySpec("summary", .list(.markup), "Paragraphs under the header (markup).")
    static let paper = KeySpec("paper", .choice(PaperSize.allCases.map(\.rawValue)), "Default paper size.")
    static let dateFormat = KeySpec("dateFormat", .choice(DateStyle.allCases.map(\.rawValue)),
                                    "How dates print (Aug 2020, 08/2020, 2020), overriding the style pack.")
    static let engine = KeySpec("engine", .choice(Engine.allCases.map(\.rawValue)),
                                "The TeX engine, overriding the style pack: xelatex and lualatex set scripts pdflatex cannot, such as CJK.")
    static let citationOrder = KeySpec("citationOrder", .choice(CitationOrder.allCases.map(\.rawValue)),
                                       "The order of a citation's parts, overriding the style pack: authors first or title first.")
    static let authorJoining = KeySpec("authorJoining", .choice(AuthorJoining.allCases.map(\.rawValue)),
                                       "How author lists are joined, overriding the style pack: serial (A, B, and C) or commas (A, B, C).")
    static let design = KeySpec("design", .design,
                                "Values of the style pack's options (accent, fontFamily, dates, …; see cvbuild styles --options), over the pack's defaults.")
    static let locale = KeySpec("locale", .choice(Language.allCases.map(\.rawValue)),
                                "The language of the words cvbuild adds (months, present, Page n of N) and of hyphenation (default en).")
    static let words = KeySpec("words", .object(.words), "The profile's own spelling of any of the locale's words.")
    static let sections = KeySpec("sections", .list(.object(.section)), required: true, "The sections, in the order printed.")
    static let variants = KeySpec("variants", .variants, "Named tailorings, built with --variant NAME or --all-variants.")

    static let title = KeySpec("title", .text, "The title, as printed.")
    static let id = KeySpec("id", .identifier, "The identifier style packs and variants refer to; derived from the title when left out (\"Professional Service\" → professional-service).")
    static let bibliography = KeySpec("bibliography", .text, "A .bib file, relative to the profile, whose publications follow the section's entries.")
    static let entries = KeySpec("entries", .list(.entry), requiredUnless: "bibliography", "The entries, in the order printed.")
    static let label = KeySpec("label", .text, "The label before the text.")
    static let url = KeySpec("url", .url, "The link target: https://…, http://… or mailto:….")

    static let tags = KeySpec("tags", .list(.text), "Tags for tailoring with --tag, --exclude-tag and variants.")
    static let selected = KeySpec("selected", .bool, "Keep this entry when a style pack must fit a page or shows selected publications only.")
    static let priority = KeySpec("priority", .wholeNumber, "Importance when fitting a page: higher is kept longer.")

    static let text = KeySpec("text", .markup, "The text, in markup.")
    static var requiredUnlessKeywords: KeySpec {
        KeySpec("text", .markup, requiredUnless: "keywords", "The text, in markup; made from keywords and level when left out.")
    }
    static let items = KeySpec("items", .list(.bullet), "Bullets: markup strings, or objects with nested items.")
    static let institution = KeySpec("institution", .text, "The school, university or institution.")
    static let location = KeySpec("location", .text, "Where, such as a city and country.")
    static let degree = KeySpec("degree", .text, "The degree or programme.")
    static let details = KeySpec("details", .list(.markup), "Extra lines under the entry (markup).")
    static let highlights = KeySpec("highlights", .list(.bullet), "Bullets under the entry.")
    static let organization = KeySpec("organization", .text, "The employer or lab.")
    static let role = KeySpec("role", .text, "The position or role held.")
    static let issuer = KeySpec("issuer", .text, "Who gave the award, or where.")
    static let key = KeySpec("key", .text, "A short label printed in brackets, such as C18.")
    static let authors = KeySpec("authors", .list(.text, minItems: 1), "The author list as printed, one name per item; names matching name or aliases are bolded.")
    static let coFirst = KeySpec("coFirst", .integer(minimum: 2, maximum: ValueType.largestWholeNumber), "The first N authors contributed equally (marked with *); from 2 to the number of authors.")
    static let etAl = KeySpec("etAl", .bool, "The author list is truncated (printed et al.).")
    static let venue = KeySpec("venue", .text, "Where it appeared or was held.")
    static let venueShort = KeySpec("venueShort", .text, "A short tag for the venue, such as SC'24.")
    static let kind = KeySpec("kind", .choice(PublicationKind.allCases.map(\.rawValue)), "The kind of publication (default conference).")
    static let status = KeySpec("status", .choice(PublicationStatus.allCases.map(\.rawValue)), "The publication status (default published).")
    static let notes = KeySpec("notes", .list(.markup), "Remarks such as awards or acceptance rates (markup).")
    static let venues = KeySpec("venues", .list(.object(.venue), minItems: 1), "Where and when the talk was given.")
    static let code = KeySpec("code", .text, "The course code.")
    static let position = KeySpec("position", .text, "The referee's position.")
    static let affiliation = KeySpec("affiliation", .text, "The referee's institution.")
    static let relation = KeySpec("relation", .text, "How the referee knows the owner.")

    static let date = KeySpec("date", .date, "One point in time: YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by \" (expected)\"; or present.")
    static let start = KeySpec("start", .date, "When it started (a date, not present); give end too for a range.")
    static let end = KeySpec("end", .date, "When it ended (a date, or present); needs start.")
    static let dateText = KeySpec("dateText", .text, "Free text printed instead of the typed dates; sorting still uses them.")
    /// The date keys of a dated object: `date`, or `start` with an optional `end`, and `dateText`.
    static let dates: [KeySpec] = [.date, .start, .end, .dateText]

    static let excludeTags = KeySpec("excludeTags", .list(.text), "Drop items with any of these tags.")
    static let sectionIds = KeySpec("sections", .list(.text), "Section ids, in the order printed; other sections are left out.")
    static let style = KeySpec("style", .packName, "The style pack this variant builds with when --style is not given.")
    static let since = KeySpec("since", .integer(minimum: 0, maximum: 9999), "Drop entries that ended before this year (0 to 9999, as dates' years).")
    static let maxEntries = KeySpec("maxEntries", .counts, "The most entries a section keeps, by section id.")
}
