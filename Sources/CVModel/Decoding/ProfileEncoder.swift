/// Writes a profile as canonical JSON: keys in the documented order, defaults left out.
/// Decoding the output gives the same profile, and encoding that gives the same bytes.
public enum ProfileEncoder {
    public static func encode(_ p: Profile) -> String { JSONWriter.write(value(p)) }

    public static func value(_ p: Profile) -> JSONNode.Value {
        typealias J = JSONBuild
        return object(Shape.profile.keys, [
            (.name, .string(p.name)),
            (.aliases, J.strings(p.aliases)),
            (.headline, J.string(p.headline)),
            (.profileAffiliation, J.strings(p.affiliation)),
            (.address, J.strings(p.address)),
            (.profileLocation, p.location.map(location)),
            (.email, J.string(p.email)),
            (.phone, J.string(p.phone)),
            (.website, J.string(p.website)),
            (.links, p.links.isEmpty ? nil : J.array(p.links.map(link))),
            (.summary, J.strings(p.summary.map(\.source))),
            (.paper, J.string(p.paper?.rawValue)),
            (.dateFormat, J.string(p.dateFormat?.rawValue)),
            (.engine, J.string(p.engine?.rawValue)),
            (.citationOrder, J.string(p.citationOrder?.rawValue)),
            (.authorJoining, J.string(p.authorJoining?.rawValue)),
            (.design, design(p.design)),
            (.locale, J.string(p.locale?.rawValue)),
            (.words, p.words.isEmpty ? nil : object(Shape.words.keys, p.words.map { (KeySpec($0.key, .text, ""), .string($0.value)) })),
            (.sections, J.array(p.sections.map(section))),
            (.variants, p.variants.isEmpty ? nil : J.object(p.variants.map { ($0.name, variant($0)) })),
        ])
    }

    /// The pairs in the order `keys` declares; a pair whose key is not declared goes last, where
    /// decoding the output reports it (the round-trip tests catch it).
    static func object(_ keys: [KeySpec], _ pairs: [(KeySpec, JSONNode.Value?)]) -> JSONNode.Value {
        func rank(_ k: KeySpec) -> Int { keys.firstIndex { $0.name == k.name } ?? keys.count }
        let ordered = pairs.enumerated().sorted { (rank($0.element.0), $0.offset) < (rank($1.element.0), $1.offset) }
        return JSONBuild.object(ordered.map { ($0.element.0.name, $0.element.1) })
    }

    static func variant(_ v: Variant) -> JSONNode.Value {
        let t = v.tailoring
        return object(Shape.variant.keys, [
            (.tags, JSONBuild.strings(t.tags)), (.excludeTags, JSONBuild.strings(t.excludeTags)),
            (.sectionIds, t.sections.map { JSONBuild.array($0.map { .string($0) }) }),
            (.headline, JSONBuild.string(t.headline)),
            (.summary, t.summary.map { JSONBuild.array($0.map { .string($0.source) }) }),
            (.style, JSONBuild.string(v.style)), (.since, JSONBuild.int(t.since)),
            (.design, design(t.design)), (.locale, JSONBuild.string(t.locale?.rawValue)),
            (.maxEntries, t.maxEntries.isEmpty ? nil : JSONBuild.object(t.maxEntries.sorted { $0.key < $1.key }.map { ($0.key, .number(String($0.value))) })),
        ])
    }

    /// Option values in name order, as strings.
    static func design(_ d: [String: String]) -> JSONNode.Value? {
        d.isEmpty ? nil : JSONBuild.object(d.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
    }

    static func link(_ l: Link) -> JSONNode.Value {
        object(Shape.link.keys, [(.label, .string(l.label)), (.url, .string(l.url)), (.username, JSONBuild.string(l.username))])
    }

    static func location(_ l: PostalAddress) -> JSONNode.Value {
        typealias J = JSONBuild
        return object(Shape.location.keys, [(.street, J.string(l.address)), (.postalCode, J.string(l.postalCode)), (.city, J.string(l.city)),
                                            (.region, J.string(l.region)), (.countryCode, J.string(l.countryCode))])
    }

    static func section(_ s: Section) -> JSONNode.Value {
        object(Shape.section.keys, [
            (.title, .string(s.title)),
            (.id, s.id == Section.slug(s.title) ? nil : .string(s.id)),
            (.bibliography, JSONBuild.string(s.bibliography)),
            (.entries, JSONBuild.array(s.entries.map(entry))),
        ])
    }

    static func dates(_ d: DateSpan?) -> [(KeySpec, JSONNode.Value?)] {
        guard let d else { return [] }
        var out: [(KeySpec, JSONNode.Value?)] = []
        if let end = d.end {
            out.append((.start, d.start.map { .string($0.canonical) }))
            out.append((.end, .string(end.canonical)))
        } else {
            out.append((.date, d.start.map { .string($0.canonical) }))
        }
        out.append((.dateText, JSONBuild.string(d.label)))
        return out
    }

    static func markups(_ m: [Markup]) -> JSONNode.Value? { JSONBuild.strings(m.map(\.source)) }

    static func bullets(_ items: [Bullet]) -> JSONNode.Value? {
        items.isEmpty ? nil : JSONBuild.array(items.map(bullet))
    }

    static func bullet(_ b: Bullet) -> JSONNode.Value {
        if b.items.isEmpty && b.dates == nil && b.tags.isEmpty { return .string(b.text.source) }
        return object(Shape.bullet.keys, [(.text, .string(b.text.source)), (.items, bullets(b.items))] + dates(b.dates)
                                + [(.tags, JSONBuild.strings(b.tags))])
    }

    static func entry(_ e: Entry) -> JSONNode.Value {
        typealias J = JSONBuild
        var pairs: [(KeySpec, JSONNode.Value?)] = [(EntryKind.typeKey, .string(e.content.typeName))]
        switch e.content {
        case .paragraph(let m), .callout(let m): pairs.append((.text, .string(m.source)))
        case .bullets(let items): pairs.append((.items, J.array(items.map(bullet))))
        case .education(let x):
            pairs += [(.institution, .string(x.institution)), (.degree, J.string(x.degree)), (.location, J.string(x.location))]
            pairs += dates(x.dates) + [(.details, markups(x.details)), (.highlights, bullets(x.highlights))]
        case .experience(let x):
            pairs += [(.organization, .string(x.organization)), (.role, J.string(x.role)), (.location, J.string(x.location))]
            pairs += dates(x.dates) + [(.details, markups(x.details)), (.highlights, bullets(x.highlights))]
        case .award(let x):
            pairs += [(.title, .string(x.title)), (.issuer, J.string(x.issuer))] + dates(x.dates) + [(.details, markups(x.details))]
        case .publication(let x):
            pairs += [(.key, J.string(x.key)), (.authors, J.array(x.authors.map { .string($0) })), (.coFirst, J.int(x.coFirst)),
                      (.etAl, J.flag(x.etAl)), (.title, .string(x.title)), (.venue, J.string(x.venue)),
                      (.venueShort, J.string(x.venueShort)), (.location, J.string(x.location)),
                      (.kind, x.kind == .conference ? nil : .string(x.kind.rawValue)),
                      (.status, x.status == .published ? nil : .string(x.status.rawValue))]
            pairs += dates(x.dates) + [(.notes, markups(x.notes)), (.links, x.links.isEmpty ? nil : J.array(x.links.map(link)))]
        case .talk(let x):
            pairs += [(.title, .string(x.title)),
                      (.venues, J.array(x.venues.map { v in object(Shape.venue.keys, [(.name, .string(v.name)), (.location, J.string(v.location))] + dates(v.dates)) })),
                      (.details, markups(x.details))]
        case .news(let x):
            pairs += [(.date, .string(x.date.canonical)), (.dateText, J.string(x.dateText)), (.text, .string(x.text.source))]
        case .detail(let x):
            // Text made from the keywords and level is left for the decoder to make again.
            let derived = !x.keywords.isEmpty && x.text == Detail.text(keywords: x.keywords, level: x.level)
            pairs += [(.label, .string(x.label)), (.requiredUnlessKeywords, derived ? nil : .string(x.text.source))] + dates(x.dates)
            pairs += [(.keywords, J.strings(x.keywords)), (.level, J.string(x.level))]
        case .item(let x):
            pairs += [(.text, .string(x.text.source)), (.location, J.string(x.location))] + dates(x.dates)
            pairs.append((.highlights, bullets(x.highlights)))
        case .service(let x):
            pairs += [(.role, .string(x.role)), (.venue, .string(x.venue)), (.venueShort, J.string(x.venueShort))]
            pairs += dates(x.dates) + [(.details, markups(x.details))]
        case .course(let x):
            pairs += [(.code, J.string(x.code)), (.title, .string(x.title)), (.role, J.string(x.role)),
                      (.institution, J.string(x.institution))] + dates(x.dates)
        case .referee(let x):
            pairs += [(.name, .string(x.name)), (.position, J.string(x.position)), (.affiliation, J.string(x.affiliation)),
                      (.email, J.string(x.email)), (.phone, J.string(x.phone)), (.relation, J.string(x.relation))]
        case .group(let g):
            pairs += [(.title, .string(g.title)), (.entries, J.array(g.entries.map(entry)))]
        }
        pairs += [(.tags, J.strings(e.tags)), (.selected, J.flag(e.selected)), (.priority, J.int(e.priority))]
        return object(e.content.kind.allKeys, pairs)
    }
}
