/// The parts of an entry's body: detail lines and bullets. Nothing else may stand there.
public enum EntryPart: Equatable, Sendable {
    case line(Markup)
    case bullet(Bullet)
}

/// A detail line under an entry ("Advisor: …").
public func Line(_ m: Markup) -> EntryPart { .line(m) }

@resultBuilder
public enum EntryBodyBuilder {
    public static func buildExpression(_ p: EntryPart) -> [EntryPart] { [p] }
    public static func buildExpression(_ b: Bullet) -> [EntryPart] { [.bullet(b)] }
    /// A bare string in an entry's body is a bullet.
    public static func buildExpression(_ m: Markup) -> [EntryPart] { [.bullet(Bullet(m))] }
    public static func buildBlock(_ parts: [EntryPart]...) -> [EntryPart] { parts.flatMap { $0 } }
    public static func buildOptional(_ parts: [EntryPart]?) -> [EntryPart] { parts ?? [] }
    public static func buildEither(first: [EntryPart]) -> [EntryPart] { first }
    public static func buildEither(second: [EntryPart]) -> [EntryPart] { second }
    public static func buildArray(_ parts: [[EntryPart]]) -> [EntryPart] { parts.flatMap { $0 } }
}

@resultBuilder
public enum BulletBuilder {
    public static func buildExpression(_ b: Bullet) -> [Bullet] { [b] }
    public static func buildExpression(_ s: Markup) -> [Bullet] { [Bullet(s)] }
    public static func buildBlock(_ parts: [Bullet]...) -> [Bullet] { parts.flatMap { $0 } }
    public static func buildOptional(_ parts: [Bullet]?) -> [Bullet] { parts ?? [] }
    public static func buildEither(first: [Bullet]) -> [Bullet] { first }
    public static func buildEither(second: [Bullet]) -> [Bullet] { second }
    public static func buildArray(_ parts: [[Bullet]]) -> [Bullet] { parts.flatMap { $0 } }
}

extension [EntryPart] {
    var lines: [Markup] { compactMap { if case .line(let m) = $0 { m } else { nil } } }
    var bullets: [Bullet] { compactMap { if case .bullet(let b) = $0 { b } else { nil } } }
}

extension Bullet {
    /// A bullet with nested bullets: `Bullet("Project") { "first"; "second" }`.
    public init(_ text: Markup, dates: DateSpan? = nil, tags: [String] = [], @BulletBuilder _ items: () -> [Bullet]) {
        self.init(text, items: items(), dates: dates, tags: tags)
    }
}

extension Education: GroupMember {
    public var entry: Entry { Entry(.education(self)) }
    public init(institution: String, location: String? = nil, degree: String? = nil, dates: DateSpan? = nil,
                @EntryBodyBuilder _ body: () -> [EntryPart]) {
        let parts = body()
        self.init(institution: institution, location: location, degree: degree, dates: dates, details: parts.lines, highlights: parts.bullets)
    }
}

extension Experience: GroupMember {
    public var entry: Entry { Entry(.experience(self)) }
    public init(organization: String, role: String? = nil, location: String? = nil, dates: DateSpan? = nil,
                @EntryBodyBuilder _ body: () -> [EntryPart]) {
        let parts = body()
        self.init(organization: organization, role: role, location: location, dates: dates, details: parts.lines, highlights: parts.bullets)
    }
}

extension Item: GroupMember {
    public var entry: Entry { Entry(.item(self)) }
    public init(_ text: Markup, location: String? = nil, dates: DateSpan? = nil, @BulletBuilder highlights: () -> [Bullet] = { [] }) {
        self.init(text: text, location: location, dates: dates, highlights: highlights())
    }
}

extension Award: GroupMember { public var entry: Entry { Entry(.award(self)) } }
extension Publication: GroupMember { public var entry: Entry { Entry(.publication(self)) } }
extension Talk: GroupMember { public var entry: Entry { Entry(.talk(self)) } }
extension News: GroupMember { public var entry: Entry { Entry(.news(self)) } }
extension Detail: GroupMember { public var entry: Entry { Entry(.detail(self)) } }
extension Service: GroupMember { public var entry: Entry { Entry(.service(self)) } }
extension Course: GroupMember { public var entry: Entry { Entry(.course(self)) } }
extension Referee: GroupMember { public var entry: Entry { Entry(.referee(self)) } }

/// A titled sub-list; it may hold any entry but another group.
extension Group: EntryConvertible {
    public var entry: Entry { Entry(.group(self)) }
    public init(_ title: String, @GroupBuilder _ entries: () -> [Entry]) {
        self.init(title: title, entries: entries())
    }
}

/// A paragraph of prose.
public struct Paragraph: GroupMember {
    public var text: Markup
    public init(_ text: Markup) { self.text = text }
    public var entry: Entry { Entry(.paragraph(text)) }
}

/// A highlighted notice.
public struct Callout: GroupMember {
    public var text: Markup
    public init(_ text: Markup) { self.text = text }
    public var entry: Entry { Entry(.callout(text)) }
}

/// A bullet list: `Bullets { "one"; Bullet("two") { "nested" } }`.
public struct Bullets: GroupMember {
    public var items: [Bullet]
    public init(@BulletBuilder _ items: () -> [Bullet]) { self.items = items() }
    public var entry: Entry { Entry(.bullets(items)) }
}
