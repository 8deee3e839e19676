import Foundation

/// Builds a profile from a JSON Resume document (https://jsonresume.org/schema), one section per
/// JSON Resume section, in the order of the file.
final class JSONResumeImporter {
    let file: String?
    var diagnostics: [Diagnostic] = []
    /// The owner's name, credited as the author of their publications.
    var ownerName = JSONResume.placeholderName

    init(file: String?) { self.file = file }

    func error(_ message: String, path: String, at position: SourcePosition?, hint: String? = nil) {
        diagnostics.append(Diagnostic(.error, file: file, position: position, path: path, message: message, hint: hint))
    }

    func warning(_ message: String, path: String, at position: SourcePosition?, hint: String? = nil) {
        diagnostics.append(Diagnostic(.warning, file: file, position: position, path: path, message: message, hint: hint))
    }

    /// Text from a node: a trimmed string (nil when blank), or a number used as text with a warning.
    func text(_ node: JSONNode, path: String) -> String? {
        switch node.value {
        case .string(let s):
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            return t.isEmpty ? nil : t
        case .number(let n):
            warning("expected text (a string), found a number \(n); it is used as text", path: path, at: node.position)
            return n
        case .null:
            return nil
        default:
            error("expected text (a string), found \(node.typeDescription) \(node.quoted)", path: path, at: node.position)
            return nil
        }
    }

    // MARK: The document

    func profile(_ root: JSONNode) -> Profile? {
        guard let o = JSONResumeObject(root, path: "", importer: self, what: "a JSON Resume (a JSON object)") else { return nil }
        var profile = Profile(name: JSONResume.placeholderName)
        if let basics = o.object("basics", what: "an object (basics)") {
            self.basics(basics, into: &profile)
        }
        if profile.name == JSONResume.placeholderName {
            warning("the resume has no basics.name; the profile is named \"\(JSONResume.placeholderName)\"", path: "basics.name",
                    at: o.value("basics")?.position ?? root.position, hint: "add \"basics\": {\"name\": \"…\"}")
        }
        ownerName = profile.name
        for member in o.members {
            let entries: [Entry]
            switch member.key {
            case "$schema", "meta", "basics": continue
            case "work": entries = o.objects("work", what: "an object (a job)") { work($0, volunteer: false) }
            case "volunteer": entries = o.objects("volunteer", what: "an object (a volunteer role)") { work($0, volunteer: true) }
            case "education": entries = o.objects("education", what: "an object (a school)", education)
            case "awards": entries = o.objects("awards", what: "an object (an award)", award)
            case "certificates": entries = o.objects("certificates", what: "an object (a certificate)", certificate)
            case "publications": entries = o.objects("publications", what: "an object (a publication)", publication)
            case "skills": entries = o.objects("skills", what: "an object (a skill)", skill)
            case "languages": entries = o.objects("languages", what: "an object (a language)", language)
            case "interests": entries = o.objects("interests", what: "an object (an interest)", interest)
            case "references": entries = o.objects("references", what: "an object (a reference)", reference).flatMap { $0 }
            case "projects": entries = o.objects("projects", what: "an object (a project)", project)
            default:
                if !JSONResumeObject.isEmpty(member.value) {
                    warning("unknown section \"\(member.key)\"; it is left out", path: member.key, at: member.keyPosition)
                }
                continue
            }
            if !entries.isEmpty, let title = JSONResume.sectionTitles[member.key] {
                profile.sections.append(Section(title: title, entries: entries))
            }
        }
        return profile
    }

    func basics(_ o: JSONResumeObject, into p: inout Profile) {
        if let name = o.string("name") { p.name = name }
        p.headline = o.string("label")
        p.email = o.string("email")
        p.phone = o.string("phone")
        p.website = url(o, "url", "website")
        if let summary = o.string("summary") { p.summary = paragraphs(summary) }
        if let location = o.object("location", what: "an object (location)") { p.location = postalAddress(location) }
        o.objects("profiles", what: "an object (a profile)") { $0 }.forEach { profile in
            let network = profile.string("network")
            let username = profile.string("username")
            guard let url = url(profile, "url") else {
                let shown = [network, username].compactMap { $0 }.joined(separator: ": ")
                if !shown.isEmpty, profile.string("url") == nil {
                    warning("the profile \"\(shown)\" has no url; it is left out", path: profile.path, at: profile.node.position,
                            hint: "give the profile's address in \"url\"")
                }
                return
            }
            p.links.append(Link(label: network ?? username ?? "Profile", url: url, username: username))
            profile.finish(mapped: ["network", "username", "url"])
        }
        o.finish(mapped: ["name", "label", "email", "phone", "url", "website", "summary", "location", "profiles"],
                 unmapped: ["image": "a profile has no photo", "picture": "a profile has no photo"])
    }

    /// The location in its parts; nil when it holds none.
    func postalAddress(_ o: JSONResumeObject) -> PostalAddress? {
        let value = PostalAddress(address: o.string("address"), postalCode: o.string("postalCode"), city: o.string("city"),
                                  region: o.string("region", "state"), countryCode: o.string("countryCode"))
        o.finish(mapped: ["address", "postalCode", "city", "region", "state", "countryCode"])
        return value == PostalAddress() ? nil : value
    }

    // MARK: Sections

    func work(_ o: JSONResumeObject, volunteer: Bool) -> Entry? {
        let organization = volunteer ? o.string("organization", "name") : o.string("name", "company")
        var role = o.string("position")
        guard let org = organization ?? role else {
            warning("has neither \(volunteer ? "organization" : "name") nor position; it is left out", path: o.path, at: o.node.position)
            o.finish(mapped: Set(o.members.map(\.key)))
            return nil
        }
        if organization == nil { role = nil }
        var details: [Markup] = []
        if let description = o.string("description") { details.append(plain(description)) }
        if let summary = o.string("summary") { details += paragraphs(summary) }
        if let url = url(o, "url", "website") { details.append(link(url)) }
        o.finish(mapped: ["name", "company", "organization", "position", "location", "description", "url", "website",
                          "startDate", "endDate", "summary", "highlights"])
        return Entry(.experience(Experience(
            organization: org, role: role, location: o.string("location"),
            dates: span(o.date("startDate"), o.date("endDate"), ongoing: true), details: details,
            highlights: o.strings("highlights").map { Bullet(Markup($0)) })))
    }

    func education(_ o: JSONResumeObject) -> Entry? {
        guard let institution = o.string("institution") else {
            warning("has no institution; it is left out", path: o.path, at: o.node.position)
            return nil
        }
        let degree: String? = switch (o.string("studyType"), o.string("area")) {
        case (let type?, let area?): "\(type) in \(area)"
        case (let type?, nil): type
        case (nil, let area?): area
        case (nil, nil): nil
        }
        var details: [Markup] = []
        if let score = o.string("score", "gpa") { details.append(plain("GPA: " + score)) }
        let courses = o.strings("courses")
        if !courses.isEmpty { details.append(plain("Courses: " + courses.joined(separator: "; "))) }
        o.finish(mapped: ["institution", "area", "studyType", "startDate", "endDate", "score", "gpa", "courses"],
                 unmapped: ["url": "an education entry has no place for the institution's web site"])
        return Entry(.education(Education(
            institution: institution, degree: degree, dates: span(o.date("startDate"), o.date("endDate"), ongoing: false),
            details: details)))
    }

    func award(_ o: JSONResumeObject) -> Entry? {
        guard let title = o.string("title") else {
            warning("has no title; it is left out", path: o.path, at: o.node.position)
            return nil
        }
        let date = o.date("date") ?? o.date("awardDate")
        o.finish(mapped: ["title", "date", "awardDate", "awarder", "summary"])
        return Entry(.award(Award(title: title, issuer: o.string("awarder"), dates: date.map(DateSpan.on),
                                  details: o.string("summary").map(paragraphs) ?? [])))
    }

    func certificate(_ o: JSONResumeObject) -> Entry? {
        guard let name = o.string("name") else {
            warning("has no name; it is left out", path: o.path, at: o.node.position)
            return nil
        }
        o.finish(mapped: ["name", "date", "issuer", "url"])
        return Entry(.award(Award(title: name, issuer: o.string("issuer"), dates: o.date("date").map(DateSpan.on),
                                  details: url(o, "url").map { [link($0)] } ?? [])))
    }

    func publication(_ o: JSONResumeObject) -> Entry? {
        guard let name = o.string("name") else {
            warning("has no name; it is left out", path: o.path, at: o.node.position)
            return nil
        }
        o.finish(mapped: ["name", "publisher", "releaseDate", "url", "website", "summary"])
        return Entry(.publication(Publication(
            title: name, authors: [ownerName], venue: o.string("publisher"), kind: .other,
            dates: o.date("releaseDate").map(DateSpan.on), notes: o.string("summary").map(paragraphs) ?? [],
            links: url(o, "url", "website").map { [Link(label: "link", url: $0)] } ?? [])))
    }

    /// `Name: keyword, keyword (level)`, the keywords and level kept as they are.
    func skill(_ o: JSONResumeObject) -> Entry? {
        let keywords = o.strings("keywords")
        let level = o.string("level")
        o.finish(mapped: ["name", "level", "keywords"])
        if let name = o.string("name"), !keywords.isEmpty || level != nil {
            return Entry(.detail(Detail(label: name, keywords: keywords, level: level)))
        }
        return labelled(o.string("name"), Detail.text(keywords: keywords, level: level).plainText, at: o)
    }

    func language(_ o: JSONResumeObject) -> Entry? {
        o.finish(mapped: ["language", "fluency"])
        return labelled(o.string("language"), o.string("fluency") ?? "", at: o)
    }

    func interest(_ o: JSONResumeObject) -> Entry? {
        o.finish(mapped: ["name", "keywords"])
        let keywords = o.strings("keywords")
        if let name = o.string("name"), !keywords.isEmpty { return Entry(.detail(Detail(label: name, keywords: keywords, level: nil))) }
        return labelled(o.string("name"), keywords.joined(separator: ", "), at: o)
    }

    /// A `detail` line when there is a label and text, an `item` when there is only one of them.
    func labelled(_ label: String?, _ text: String, at o: JSONResumeObject) -> Entry? {
        switch (label, text.isEmpty) {
        case (let label?, false): return Entry(.detail(Detail(label: label, text: plain(text))))
        case (let label?, true): return Entry(.item(Item(text: plain(label))))
        case (nil, false): return Entry(.item(Item(text: plain(text))))
        case (nil, true):
            warning("is empty; it is left out", path: o.path, at: o.node.position)
            return nil
        }
    }

    /// The referee, then what they wrote as a paragraph.
    func reference(_ o: JSONResumeObject) -> [Entry] {
        o.finish(mapped: ["name", "reference"])
        var entries: [Entry] = []
        if let name = o.string("name") { entries.append(Entry(.referee(Referee(name: name)))) }
        if let text = o.string("reference") { entries += paragraphs(text).map { Entry(.paragraph($0)) } }
        if entries.isEmpty { warning("is empty; it is left out", path: o.path, at: o.node.position) }
        return entries
    }

    func project(_ o: JSONResumeObject) -> Entry? {
        guard let name = o.string("name") else {
            warning("has no name; it is left out", path: o.path, at: o.node.position)
            return nil
        }
        var details: [Markup] = []
        if let description = o.string("description") { details.append(plain(description)) }
        if let url = url(o, "url") { details.append(link(url)) }
        let keywords = o.strings("keywords")
        if !keywords.isEmpty { details.append(plain("Keywords: " + keywords.joined(separator: ", "))) }
        if let entity = o.string("entity") { details.append(plain("Entity: " + entity)) }
        let roles = o.strings("roles")
        o.finish(mapped: ["name", "description", "highlights", "keywords", "startDate", "endDate", "url", "roles", "entity", "type"])
        return Entry(.experience(Experience(
            organization: name, role: roles.isEmpty ? nil : roles.joined(separator: ", "),
            dates: span(o.date("startDate"), o.date("endDate"), ongoing: false), details: details,
            highlights: o.strings("highlights").map { Bullet(Markup($0)) })),
            tags: o.string("type").map { [$0] } ?? [])
    }

    // MARK: Values

    /// Start and end; a job with a start and no end is ongoing (`present`).
    func span(_ start: CVDate?, _ end: CVDate?, ongoing: Bool) -> DateSpan? {
        switch (start, end) {
        case (let s?, let e?): DateSpan(start: s, end: e)
        case (let s?, nil): ongoing ? DateSpan(start: s, end: .present) : .on(s)
        case (nil, let e?): .on(e)
        case (nil, nil): nil
        }
    }

    /// Paragraphs of a summary (JSON Resume summaries are Markdown-like; kept as markup).
    func paragraphs(_ text: String) -> [Markup] {
        text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }.map { Markup($0) }
    }

    /// Plain text as markup: its markup characters print literally.
    func plain(_ text: String) -> Markup { Markup(JSONResume.escapeMarkup(text)) }

    /// A link to `url`, shown without its scheme.
    func link(_ url: String) -> Markup {
        var shown = url
        for prefix in ["https://", "http://"] where shown.hasPrefix(prefix) { shown.removeFirst(prefix.count) }
        if shown.hasSuffix("/") { shown.removeLast() }
        return Markup("[\(JSONResume.escapeMarkup(shown))](\(JSONResume.escapeMarkup(absolute(url))))")
    }

    /// The first of `keys` that holds text, as an absolute link; a link a CV may not hold
    /// (`javascript:`, `data:`, `file:`) is left out with a warning at its position.
    func url(_ o: JSONResumeObject, _ keys: String...) -> String? {
        for key in keys {
            guard let text = o.string(key) else { continue }
            let target = absolute(text)
            if URLRule.accepts(target) { return target }
            warning("\"\(URLRule.excerpt(text))\" is not a link a CV can print; it is left out", path: o.path(key),
                    at: o.value(key)?.position, hint: URLRule.hint)
            return nil
        }
        return nil
    }

    /// `missdirection.example.com` → `https://missdirection.example.com`.
    func absolute(_ url: String) -> String {
        // A scheme (`javascript:`, `https:`) is kept as written, to be judged; a bare host gets https://.
        var hasScheme = false
        if let colon = url.firstIndex(of: ":") {
            let scheme = url[..<colon], rest = url[url.index(after: colon)...]
            hasScheme = scheme.first?.isLetter == true && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
                && !(rest.first?.isNumber ?? false)
        }
        return hasScheme || url.hasPrefix("/") || url.hasPrefix("#") ? url : "https://" + url
    }
}
