/// A whole CV: the person, a summary, and ordered sections of typed entries.
///
/// The model knows nothing of LaTeX or of files: renderers walk it, decoders build it.
public struct Profile: Equatable, Sendable {
    public var name: String
    /// Other spellings of the owner's name in author lists ("H. Huang", "Zhu, Hanqing").
    public var aliases: [String]
    public var headline: String?
    public var affiliation: [String]
    public var address: [String]
    public var email: String?
    public var phone: String?
    public var website: String?
    /// The postal address in parts (from JSON Resume's `basics.location`); printed after `address`.
    public var location: PostalAddress?
    public var links: [Link]
    public var summary: [Markup]
    public var paper: PaperSize?
    /// Overrides the pack's date format.
    public var dateFormat: DateStyle?
    /// The TeX engine to use, overriding the pack's.
    public var engine: Engine?
    /// The order of a citation's parts, overriding the pack's.
    public var citationOrder: CitationOrder?
    /// How author lists are joined, overriding the pack's.
    public var authorJoining: AuthorJoining?
    /// Values of the style pack's options (`accent`, `dates`, …), by option name, as written;
    /// the pack's manifest types and checks them.
    public var design: [String: String] = [:]
    /// The language of the words the CV adds (months, "present", "Page n of N") and of hyphenation.
    public var locale: Language?
    /// The profile's own spelling of the locale's words, by word name (`present`, `jan`, …).
    public var words: [String: String] = [:]
    public var sections: [Section]
    /// Named tailorings of this profile (`--variant NAME`), in the order written.
    public var variants: [Variant] = []

    public init(
        name: String, aliases: [String] = [], headline: String? = nil, affiliation: [String] = [],
        address: [String] = [], email: String? = nil, phone: String? = nil, website: String? = nil,
        links: [Link] = [], summary: [Markup] = [], paper: PaperSize? = nil, dateFormat: DateStyle? = nil, sections: [Section] = []
    ) {
        self.name = name
        self.aliases = aliases
        self.headline = headline
        self.affiliation = affiliation
        self.address = address
        self.email = email
        self.phone = phone
        self.website = website
        self.links = links
        self.summary = summary
        self.paper = paper
        self.dateFormat = dateFormat
        self.sections = sections
    }

    /// Every spelling under which the owner appears in author lists.
    public var ownerNames: [String] { [name] + aliases }
}

public struct Link: Equatable, Sendable {
    public var label: String
    public var url: String
    /// The account name on the network the link leads to (JSON Resume's `profiles[].username`).
    public var username: String?
    public init(label: String, url: String, username: String? = nil) {
        self.label = label
        self.url = url
        self.username = username
    }
}

/// A postal address in parts, as JSON Resume keeps it; printed after the `address` lines.
public struct PostalAddress: Equatable, Sendable {
    /// Street lines.
    public var address: String?
    public var postalCode: String?
    public var city: String?
    public var region: String?
    /// ISO 3166-1 alpha-2, such as `US`.
    public var countryCode: String?

    public init(address: String? = nil, postalCode: String? = nil, city: String? = nil, region: String? = nil, countryCode: String? = nil) {
        self.address = address
        self.postalCode = postalCode
        self.city = city
        self.region = region
        self.countryCode = countryCode
    }

    /// The lines as printed: the street lines, "City, Region PostalCode", the country code.
    public var lines: [String] {
        var lines = (address ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var place = [city, region].compactMap { $0 }.joined(separator: ", ")
        if let postalCode { place += place.isEmpty ? postalCode : " " + postalCode }
        if !place.isEmpty { lines.append(place) }
        if let countryCode { lines.append(countryCode) }
        return lines
    }
}

/// The languages a CV's own words and hyphenation come in.
public enum Language: String, CaseIterable, Equatable, Sendable {
    case en, de, fr, es, it, pt, zh, ja

    /// Chinese and Japanese need a Unicode engine (xelatex or lualatex).
    public var needsUnicodeEngine: Bool { self == .zh || self == .ja }
}

/// The words of a locale a profile may respell (`"words": {"present": "now"}`).
public enum WordName: String, CaseIterable, Sendable {
    case present, expected, and, etAl, page, venueIn = "in", coFirstAuthor
    case jan, feb, mar, apr, may, jun, jul, aug, sep, oct, nov, dec

    /// What the word is, for the docs and the schema.
    public var meaning: String {
        switch self {
        case .present: "The end of a span that goes on (Present, heute, aujourd'hui)."
        case .expected: "The qualifier of a date not yet reached, printed in parentheses."
        case .and: "Between the last two authors (and, und, et)."
        case .etAl: "After an author list that goes on (et al.)."
        case .page: "The footer of a multi-page CV; {page} and {pages} stand for the numbers (Page {page} of {pages})."
        case .venueIn: "The word before a published work's venue (In)."
        case .coFirstAuthor: "What the co-first mark means (co-first author)."
        default: "The abbreviated name of the month."
        }
    }
}

public enum PaperSize: String, CaseIterable, Equatable, Sendable {
    case letter, a4
}

/// The TeX program that sets the CV. pdflatex is fastest; xelatex and lualatex set any script
/// the installed fonts cover (CJK, for example).
public enum Engine: String, CaseIterable, Equatable, Sendable {
    case pdflatex, xelatex, lualatex
}

/// How dates print: a pack's default, which a profile may override.
public enum DateStyle: String, CaseIterable, Equatable, Sendable {
    /// `Aug 2020`, `26 Nov 2024`
    case monthYear = "month-year"
    /// `08/2020`, `2024/11/26`
    case numeric
    /// `2020`
    case year
}

/// Which part of a citation leads: a pack's default, which a profile may override.
public enum CitationOrder: String, CaseIterable, Equatable, Sendable {
    /// `Authors. "Title." In *Venue*, 2024.`
    case authorsFirst = "authors-first"
    /// `"Title." Authors. [Tag] *Venue*.`
    case titleFirst = "title-first"
}

/// How the names of an author list are joined: a pack's default, which a profile may override.
public enum AuthorJoining: String, CaseIterable, Equatable, Sendable {
    /// `A and B`, `A, B, and C`.
    case serial
    /// Commas only: `A, B, C`.
    case commas
}

/// Identifiers written by hand (a section's `id`, a variant's name): lower-case ASCII letters
/// and digits in words joined by single dashes, so that they can name files.
public enum Identifier {
    public static func isValid(_ s: String) -> Bool { !s.isEmpty && words(s, keepingOtherScripts: false) == s }

    /// The letters and digits of `s`, lower-cased, in words joined by dashes. Latin letters lose
    /// their accents; letters and digits of other scripts are kept or, unless
    /// `keepingOtherScripts`, separate words as other characters do.
    public static func words(_ s: String, keepingOtherScripts: Bool) -> String {
        var out = ""
        var pendingDash = false
        for character in s.lowercased().decomposedStringWithCanonicalMapping {
            // A character is a base and the marks on it; a Latin base keeps no marks.
            guard let base = character.unicodeScalars.first else { continue }
            let piece: String?
            if base.isASCII {
                piece = base.properties.isAlphabetic || ("0"..."9").contains(base) ? String(base) : nil
            } else if keepingOtherScripts && (base.properties.isAlphabetic || base.properties.numericType != nil) {
                piece = String(character).precomposedStringWithCanonicalMapping
            } else {
                piece = nil
            }
            guard let piece else { pendingDash = true; continue }
            if pendingDash && !out.isEmpty { out.append("-") }
            pendingDash = false
            out += piece
        }
        return out
    }
}

public struct Section: Equatable, Sendable {
    public var title: String
    /// The identifier style packs refer to; derived from the title unless given.
    public var id: String
    public var entries: [Entry]
    /// A `.bib` file (relative to the profile) whose publications are added after `entries`.
    public var bibliography: String?
    /// Where a profile written in Swift made this section, for diagnostics; not part of the value.
    public var swiftLocation: SwiftLocation?

    public static func == (a: Section, b: Section) -> Bool {
        a.title == b.title && a.id == b.id && a.entries == b.entries && a.bibliography == b.bibliography
    }

    public init(title: String, id: String? = nil, entries: [Entry], bibliography: String? = nil) {
        self.title = title
        self.id = id ?? Section.slug(title)
        self.entries = entries
        self.bibliography = bibliography
    }

    /// The id derived from a title, never empty for a title that is not blank: its letters and
    /// digits, lower-cased, in words joined by dashes (`"Professional Service"` →
    /// `professional-service`). Latin letters lose their accents (`Expériences` → `experiences`);
    /// letters of other scripts are kept as they are (`论文` → `论文`, `Публикации` → `публикации`);
    /// a title with no letter or digit is named by its characters' code points (`★` → `u2605`).
    /// It depends on the title alone, so it stays the same when sections move.
    public static func slug(_ title: String) -> String {
        let words = Identifier.words(title, keepingOtherScripts: true)
        guard words.isEmpty else { return words }
        return title.unicodeScalars.filter { !$0.properties.isWhitespace }
            .map { "u" + String($0.value, radix: 16) }.joined(separator: "-")
    }
}

import Foundation
