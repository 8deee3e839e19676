/// Builds a CV in Swift. The builders are typed, so the compiler checks what may nest where:
/// a profile holds header parts and sections, a section holds entries, a group holds entries
/// but no groups, and an entry's body holds only detail lines and bullets.
///
/// ```swift
/// let cv = Profile("Ada Lovelace") {
///     Headline("Analyst")
///     Email("ada@example.org")
///     CVSection("Education") {
///         Education(institution: "University of London", dates: .from(.year(1833), to: .year(1835))) {
///             Line("Advisor: **Augustus De Morgan**")
///         }
///     }
/// }
/// ```
extension Profile {
    public init(_ name: String, @ProfileBuilder _ content: () -> [ProfilePart]) {
        self.init(name: name)
        for part in content() {
            switch part {
            case .alias(let s): aliases.append(s)
            case .headline(let s): headline = s
            case .affiliation(let s): affiliation.append(s)
            case .address(let s): address.append(s)
            case .email(let s): email = s
            case .phone(let s): phone = s
            case .website(let s): website = s
            case .link(let l): links.append(l)
            case .summary(let m): summary.append(m)
            case .paper(let p): paper = p
            case .dateFormat(let d): dateFormat = d
            case .citationOrder(let o): citationOrder = o
            case .authorJoining(let j): authorJoining = j
            case .design(let key, let value): design[key] = value
            case .locale(let l): locale = l
            case .word(let name, let text): words[name.rawValue] = text
            case .section(let s): sections.append(s)
            }
        }
    }
}

/// One thing a profile's builder may hold.
public enum ProfilePart: Equatable, Sendable {
    case alias(String), headline(String), affiliation(String), address(String), email(String), phone(String)
    case website(String), link(Link), summary(Markup), paper(PaperSize), dateFormat(DateStyle), section(Section)
    case citationOrder(CitationOrder), authorJoining(AuthorJoining)
    case design(String, String), locale(Language), word(WordName, String)
}

public func Alias(_ s: String) -> ProfilePart { .alias(s) }
public func Headline(_ s: String) -> ProfilePart { .headline(s) }
public func Affiliation(_ s: String) -> ProfilePart { .affiliation(s) }
public func Address(_ s: String) -> ProfilePart { .address(s) }
public func Email(_ s: String) -> ProfilePart { .email(s) }
public func Phone(_ s: String) -> ProfilePart { .phone(s) }
public func Website(_ s: String) -> ProfilePart { .website(s) }
public func LinkTo(_ label: String, _ url: String) -> ProfilePart { .link(Link(label: label, url: url)) }
public func Summary(_ m: Markup) -> ProfilePart { .summary(m) }
public func Paper(_ p: PaperSize) -> ProfilePart { .paper(p) }
public func DateFormat(_ d: DateStyle) -> ProfilePart { .dateFormat(d) }
public func CitationOrderIs(_ o: CitationOrder) -> ProfilePart { .citationOrder(o) }
public func AuthorsJoined(_ j: AuthorJoining) -> ProfilePart { .authorJoining(j) }
/// A style pack option, as in a profile's `design`: `Design("accent", "#8B0000")`; the pack checks it at build time.
public func Design(_ option: String, _ value: String) -> ProfilePart { .design(option, value) }
/// The language of the words cvbuild adds: `InLocale(.de)`.
public func InLocale(_ l: Language) -> ProfilePart { .locale(l) }
/// The profile's own spelling of one of the locale's words: `Word(.present, "now")`.
public func Word(_ name: WordName, _ text: String) -> ProfilePart { .word(name, text) }

/// A section with its entries: `CVSection("Awards") { Award(title: "…") }`.
public func CVSection(_ title: String, id: String? = nil, @SectionBuilder _ entries: () -> [Entry]) -> ProfilePart {
    .section(Section(title: title, id: id, entries: entries()))
}

extension Entry {
    /// The entry, marked with where the builder met it (unless it was marked already).
    func located(_ fileID: String, _ line: Int, _ column: Int) -> Entry {
        var e = self
        if e.swiftLocation == nil { e.swiftLocation = SwiftLocation(fileID: fileID, line: line, column: column) }
        return e
    }
}

@resultBuilder
public enum ProfileBuilder {
    /// A section records where it stands in the Swift source, so diagnostics can point there.
    public static func buildExpression(_ part: ProfilePart, fileID: String = #fileID, line: Int = #line,
                                       column: Int = #column) -> [ProfilePart] {
        guard case .section(var s) = part, s.swiftLocation == nil else { return [part] }
        s.swiftLocation = SwiftLocation(fileID: fileID, line: line, column: column)
        return [.section(s)]
    }
    public static func buildBlock(_ parts: [ProfilePart]...) -> [ProfilePart] { parts.flatMap { $0 } }
    public static func buildOptional(_ parts: [ProfilePart]?) -> [ProfilePart] { parts ?? [] }
    public static func buildEither(first: [ProfilePart]) -> [ProfilePart] { first }
    public static func buildEither(second: [ProfilePart]) -> [ProfilePart] { second }
    public static func buildArray(_ parts: [[ProfilePart]]) -> [ProfilePart] { parts.flatMap { $0 } }
}

/// Anything that can stand in a section: every entry kind, plain or with tags and flags.
public protocol EntryConvertible {
    var entry: Entry { get }
}

/// Entry kinds that may stand inside a group (all but groups).
public protocol GroupMember: EntryConvertible {}

extension Entry: EntryConvertible { public var entry: Entry { self } }

@resultBuilder
public enum SectionBuilder {
    /// Each entry records where it stands in the Swift source, so diagnostics can point there.
    public static func buildExpression(_ e: some EntryConvertible, fileID: String = #fileID, line: Int = #line,
                                       column: Int = #column) -> [Entry] {
        [e.entry.located(fileID, line, column)]
    }
    public static func buildBlock(_ parts: [Entry]...) -> [Entry] { parts.flatMap { $0 } }
    public static func buildOptional(_ parts: [Entry]?) -> [Entry] { parts ?? [] }
    public static func buildEither(first: [Entry]) -> [Entry] { first }
    public static func buildEither(second: [Entry]) -> [Entry] { second }
    public static func buildArray(_ parts: [[Entry]]) -> [Entry] { parts.flatMap { $0 } }
}

@resultBuilder
public enum GroupBuilder {
    public static func buildExpression(_ e: some GroupMember, fileID: String = #fileID, line: Int = #line,
                                       column: Int = #column) -> [Entry] {
        [e.entry.located(fileID, line, column)]
    }
    public static func buildBlock(_ parts: [Entry]...) -> [Entry] { parts.flatMap { $0 } }
    public static func buildOptional(_ parts: [Entry]?) -> [Entry] { parts ?? [] }
    public static func buildEither(first: [Entry]) -> [Entry] { first }
    public static func buildEither(second: [Entry]) -> [Entry] { second }
    public static func buildArray(_ parts: [[Entry]]) -> [Entry] { parts.flatMap { $0 } }
}

/// An entry with its shared options, made by the modifiers below.
public struct TaggedEntry: GroupMember {
    public var entry: Entry
}

extension EntryConvertible {
    public func tags(_ tags: String...) -> TaggedEntry {
        var e = entry
        e.tags += Tag.normalized(tags)
        return TaggedEntry(entry: e)
    }

    public func selected(_ selected: Bool = true) -> TaggedEntry {
        var e = entry
        e.selected = selected
        return TaggedEntry(entry: e)
    }

    public func priority(_ priority: Int) -> TaggedEntry {
        var e = entry
        e.priority = priority
        return TaggedEntry(entry: e)
    }
}
