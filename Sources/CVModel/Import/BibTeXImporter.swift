import Foundation

/// Turns BibTeX entries into publication entries, and a `.bib` file into a starter profile.
///
/// Authors are shown "First Last"; the venue is the first of `journal`, `booktitle`, `publisher`,
/// `school`, `institution`, `howpublished`; the date comes from `date`, or `year` and `month`;
/// `url`, `doi` and arXiv `eprint` become links. Entries keep the order of the file.
public enum BibTeXImporter {
    /// The publication entries for `entries`, in order. Entries without any author or editor are left out.
    public static func publications(_ entries: [BibEntry]) -> [Entry] {
        convert(entries, file: nil).entries
    }

    /// As `publications(_:)`, with warnings for what could not be taken over.
    /// Entries named by another entry's `crossref` (a proceedings volume, a book) lend it their fields and
    /// are not publications themselves.
    public static func convert(_ entries: [BibEntry], file: String?) -> (entries: [Entry], diagnostics: [Diagnostic]) {
        var out: [Entry] = []
        var diagnostics: [Diagnostic] = []
        let (resolved, parents, crossrefNotes) = resolveCrossrefs(entries, file: file)
        diagnostics += crossrefNotes
        for entry in resolved where entry.key.isEmpty || !parents.contains(entry.key.lowercased()) {
            let (publication, notes) = publication(entry)
            diagnostics += notes.map { note in
                Diagnostic(.warning, file: file, position: entry.fieldPositions[note.field] ?? entry.position,
                           path: note.field.isEmpty ? entry.label : "\(entry.label).\(note.field)", message: note.message, hint: note.hint)
            }
            if let publication { out.append(Entry(.publication(publication))) }
        }
        return (out, diagnostics)
    }

    /// Fields a child never takes from its `crossref` parent under their own name.
    static let notInherited: Set<String> = ["crossref", "xref", "ids", "key", "title", "subtitle", "titleaddon", "shorttitle", "entryset"]

    /// Fills each entry's missing fields from the entry its `crossref` names (keys compare case-insensitively,
    /// as in BibTeX): same-named fields, and the parent's `title` as the child's `booktitle`. Returns the
    /// entries, the (lower-cased) keys of the parents that were used, and a warning for each unknown parent.
    public static func resolveCrossrefs(_ entries: [BibEntry], file: String?) -> (entries: [BibEntry], parents: Set<String>, diagnostics: [Diagnostic]) {
        var byKey: [String: BibEntry] = [:]
        for e in entries where !e.key.isEmpty && byKey[e.key.lowercased()] == nil { byKey[e.key.lowercased()] = e }
        var parents: Set<String> = []
        var diagnostics: [Diagnostic] = []
        let resolved = entries.map { entry -> BibEntry in
            guard let ref = entry.fields["crossref"]?.trimmingCharacters(in: .whitespaces), !ref.isEmpty else { return entry }
            guard let parent = byKey[ref.lowercased()], parent.key.lowercased() != entry.key.lowercased() else {
                diagnostics.append(Diagnostic(.warning, file: file, position: entry.fieldPositions["crossref"] ?? entry.position,
                                              path: "\(entry.label).crossref", message: "crossref \"\(ref)\" names no entry in the file; nothing is inherited",
                                              hint: "the parent entry must be in the same .bib file"))
                return entry
            }
            parents.insert(ref.lowercased())
            var child = entry
            func take(_ name: String, from source: String) {
                guard child.fields[name] == nil, let v = parent.fields[source] else { return }
                child.fields[name] = v
                child.rawFields[name] = parent.rawFields[source]
                child.fieldPositions[name] = parent.fieldPositions[source]
            }
            for name in parent.fields.keys.sorted() where !notInherited.contains(name) { take(name, from: name) }
            take("booktitle", from: "title")
            return child
        }
        return (resolved, parents, diagnostics)
    }

    /// A problem found while mapping one entry: the field it concerns (empty for the whole entry).
    public struct Note: Equatable, Sendable {
        public var field: String
        public var message: String
        public var hint: String?
    }

    /// Maps one entry; nil when it has no author, editor or body to credit.
    public static func publication(_ entry: BibEntry) -> (Publication?, [Note]) {
        var notes: [Note] = []
        let f = entry.fields
        func value(_ name: String) -> String? {
            guard let v = f[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
            return v
        }

        var names = AuthorName.list(entry.rawFields["author"] ?? "")
        if names.isEmpty { names = AuthorName.list(entry.rawFields["editor"] ?? "") }
        let etAl = names.contains(where: \.isOthers)
        var authors = names.filter { !$0.isOthers }.map(\.display).filter { !$0.isEmpty }
        if authors.isEmpty, let body = value("organization") ?? value("institution") {
            authors = [body]
        }
        guard !authors.isEmpty else {
            notes.append(Note(field: "", message: "entry \"\(entry.label)\" has no author or editor; it is left out",
                              hint: "add author = {…}"))
            return (nil, notes)
        }

        var title = value("title") ?? ""
        if title.isEmpty {
            title = value("chapter") ?? entry.label
            notes.append(Note(field: "", message: "entry \"\(entry.label)\" has no title; \"\(title)\" is used", hint: "add title = {…}"))
        }

        let (kind, arXivStatus) = kind(of: entry)
        var status = arXivStatus
        if let state = value("pubstate")?.lowercased() {
            switch state {
            case "inpress", "forthcoming", "accepted": status = .accepted
            case "submitted": status = .submitted
            case "prepublished", "preprint": status = .preprint
            case "inpreparation": status = .inPreparation
            default: break
            }
        }

        var venue = ["journal", "journaltitle", "booktitle", "publisher", "school", "institution", "howpublished"]
            .lazy.compactMap(value).first
        if venue == nil, kind == .preprint {
            venue = value("eprint").map { "arXiv:" + $0 } ?? "arXiv preprint"
        }
        let location = [.conference, .workshop].contains(kind) ? (value("venue") ?? value("address") ?? value("location")) : nil

        let (dates, dateNote) = dates(of: entry)
        if let dateNote { notes.append(dateNote) }

        for field in ["url", "doi"] {
            if let v = value(field), v.contains(":"), !v.lowercased().hasPrefix("doi:"), !URLRule.accepts(v), !v.hasPrefix("10.") {
                notes.append(Note(field: field, message: "\"\(URLRule.excerpt(v))\" is not a link a CV can print; it is left out", hint: URLRule.hint))
            }
        }
        let remarks = [value("note"), value("addendum")].compactMap { $0 }.map { Markup(escapeMarkup($0)) }
        let publication = Publication(
            title: title, authors: authors, etAl: etAl, venue: venue, location: location, kind: kind, status: status,
            dates: dates, notes: remarks, links: links(of: entry))
        return (publication, notes)
    }

    /// The kind and status of an entry from its type, and for `misc`-like types whether it is on arXiv.
    public static func kind(of entry: BibEntry) -> (PublicationKind, PublicationStatus) {
        switch entry.type {
        case "article":
            return isArXiv(entry) ? (.preprint, .preprint) : (.journal, .published)
        case "inproceedings", "conference", "proceedings":
            return (.conference, .published)
        case "misc", "unpublished", "online", "electronic", "preprint":
            return isArXiv(entry) || entry.type == "preprint" ? (.preprint, .preprint) : (.other, .published)
        case "phdthesis", "mastersthesis", "thesis":
            return (.thesis, .published)
        case "book", "mvbook":
            return (.book, .published)
        case "inbook", "incollection", "bookinbook":
            return (.chapter, .published)
        case "patent":
            return (.patent, .published)
        default:
            return (.other, .published)
        }
    }

    static func isArXiv(_ entry: BibEntry) -> Bool {
        let f = entry.fields
        if f["archiveprefix"]?.lowercased() == "arxiv" || f["eprinttype"]?.lowercased() == "arxiv" { return true }
        if f["eprint"] != nil && f["archiveprefix"] == nil && f["eprinttype"] == nil { return true }
        return ["journal", "journaltitle", "howpublished", "publisher", "url"].contains { f[$0]?.lowercased().contains("arxiv") == true }
    }

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                             "october", "november", "december"]

    /// The date from `date` (biblatex), else `year` and `month`.
    static func dates(of entry: BibEntry) -> (DateSpan?, Note?) {
        let f = entry.fields
        if let date = f["date"]?.trimmingCharacters(in: .whitespaces), !date.isEmpty {
            let parts = date.split(separator: "/", maxSplits: 1).map(String.init)
            if let start = parts.first.flatMap({ try? CVDate.parse($0).get() }) {
                let end = parts.count > 1 ? (try? CVDate.parse(parts[1]).get()) : nil
                return (DateSpan(start: start, end: end), nil)
            }
        }
        guard let yearText = f["year"], !yearText.isEmpty else { return (nil, nil) }
        guard let year = firstYear(in: yearText) else {
            return (nil, Note(field: "year", message: "\"\(yearText)\" is not a year; the date is left out"))
        }
        guard let monthText = f["month"]?.trimmingCharacters(in: .whitespaces), !monthText.isEmpty else {
            return (.on(.year(year)), nil)
        }
        if let month = month(from: monthText) { return (.on(.month(year, month)), nil) }
        return (.on(.year(year)), Note(field: "month", message: "\"\(monthText)\" is not a month; only the year is kept",
                                       hint: "write month = jan (or 1, or {January})"))
    }

    static func firstYear(in text: String) -> Int? {
        let digits = Array(text)
        var i = 0
        while i + 4 <= digits.count {
            let run = digits[i..<(i + 4)]
            let before = i > 0 ? digits[i - 1] : " ", after = i + 4 < digits.count ? digits[i + 4] : " "
            if run.allSatisfy({ $0.isASCII && $0.isNumber }) && !(before.isASCII && before.isNumber)
                && !(after.isASCII && after.isNumber), let y = Int(String(run)) { return y }
            i += 1
        }
        return nil
    }

    /// "January", "jan", "Jan.", "1", "01" → 1.
    static func month(from text: String) -> Int? {
        let t = text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        if let n = Int(t), (1...12).contains(n) { return n }
        guard t.count >= 3 else { return nil }
        if let k = monthNames.firstIndex(where: { $0 == t || ($0.hasPrefix(t) && t.count >= 3) }) { return k + 1 }
        if t == "sept" { return 9 }
        return nil
    }

    static func links(of entry: BibEntry) -> [Link] {
        let f = entry.fields
        var links: [Link] = []
        func add(_ label: String, _ url: String) {
            // Links a CV may not hold (`javascript:`, `file:`) are left out; `unsafeLinks` names them.
            if !url.isEmpty, URLRule.accepts(url), !links.contains(where: { $0.url == url }) { links.append(Link(label: label, url: url)) }
        }
        if let url = f["url"] { add(url.lowercased().hasSuffix(".pdf") ? "PDF" : "link", url) }
        if let doi = f["doi"], !doi.isEmpty {
            let lower = doi.lowercased()
            if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
                add("DOI", doi)
            } else {
                var bare = doi
                if lower.hasPrefix("doi:") { bare = String(doi.dropFirst(4)) }
                add("DOI", "https://doi.org/" + bare)
            }
        }
        if let eprint = f["eprint"], !eprint.isEmpty, isArXiv(entry), !links.contains(where: { $0.url.contains("arxiv.org") }) {
            add("arXiv", "https://arxiv.org/abs/" + eprint)
        }
        return links
    }

    /// Makes plain text safe as markup: the markup characters get a backslash.
    static func escapeMarkup(_ s: String) -> String { JSONResume.escapeMarkup(s) }

    /// A profile with one "Publications" section from a `.bib` file.
    ///
    /// The profile is named `ownerName` (or "Your Name"); the spellings of the owner found in author
    /// lists (by `AuthorName.matches`) become `aliases`, so they print bold. Nil when the file
    /// holds no usable entry.
    public static func profile(bibText: String, file: String?, ownerName: String?) -> (Profile?, [Diagnostic]) {
        let read = BibTeXReader.read(bibText, file: file)
        let converted = convert(read.entries, file: file)
        return profile(entries: converted.entries, diagnostics: read.diagnostics + converted.diagnostics, file: file, ownerName: ownerName)
    }

    /// As `profile(bibText:file:ownerName:)` from the bytes of a file: broken entries are skipped with a
    /// warning (an error with `strict`), and a file that is not UTF-8 is read as Windows-1252.
    public static func profile(bibBytes: [UInt8], file: String?, ownerName: String?, strict: Bool)
        -> (profile: Profile?, diagnostics: [Diagnostic], result: BibliographyFile.Result) {
        let result = BibliographyFile.read(bibBytes, file: file, strict: strict)
        let (profile, diagnostics) = profile(entries: result.entries, diagnostics: result.diagnostics, file: file, ownerName: ownerName)
        return (profile, diagnostics, result)
    }

    static func profile(entries: [Entry], diagnostics: [Diagnostic], file: String?, ownerName: String?) -> (Profile?, [Diagnostic]) {
        var diagnostics = diagnostics
        let converted = (entries: entries, diagnostics: [Diagnostic]())
        guard !converted.entries.isEmpty else {
            diagnostics.append(Diagnostic(.error, file: file, message: "no publication could be read from the file",
                                          hint: "a BibTeX file holds entries such as @article{key, author = {…}, title = {…}}"))
            return (nil, diagnostics)
        }
        let owner = ownerName?.trimmingCharacters(in: .whitespacesAndNewlines)
        let name = (owner?.isEmpty ?? true) ? "Your Name" : owner ?? "Your Name"
        var aliases: [String] = []
        if let owner, !owner.isEmpty {
            for entry in converted.entries {
                guard case .publication(let p) = entry.content else { continue }
                for author in p.authors where author != name && !aliases.contains(author) && AuthorName.matches(owner, author) {
                    aliases.append(author)
                }
            }
        }
        let profile = Profile(name: name, aliases: aliases, sections: [Section(title: "Publications", entries: converted.entries)])
        return (profile, diagnostics)
    }
}
