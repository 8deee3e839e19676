import CVModel

/// The rules by which a publication's kind and status decide how its citation reads. They are
/// applied once, by the builder; writers print the parts they are given.
///
/// - **"In" before the venue** only for kinds published inside something else (conference,
///   journal, workshop, chapter), and never when the venue already starts with "In" or with
///   "Proceedings" / "Proc." (in any case). A preprint's archive, a patent's number, a thesis's
///   school, a book's publisher and an `other` venue print bare.
/// - **Status**: published work prints none. Work not yet published prints its status once: when
///   its venue would take "In", the status leads the venue instead ("Submitted to *MLSys*",
///   "Under review at", "To appear in"); otherwise its label follows ("Under review"). When the
///   citation already states a status (its venue, short venue, notes or group title contain a
///   phrase such as "under review", "submission", "preprint"), nothing is added.
/// - **Year**: a year-only date is left out when the venue, the short venue or a note names that
///   year: four digits (`MLSys2023`, `ACM e-Energy 2025`, `Micro' 2024`) or two digits after an
///   apostrophe (`SC'21`, `NSDI '24`, `ICLR' 25`). A month or a day still prints.
enum Citation {
    /// Whether a venue of `kind` reads as "In *venue*".
    static func takesIn(_ kind: PublicationKind) -> Bool {
        switch kind {
        case .conference, .journal, .workshop, .chapter: true
        case .preprint, .patent, .thesis, .book, .other: false
        }
    }

    /// Whether `venue` starts with the word "In" or with "Proceedings" / "Proc.", in any case.
    static func startsWithIn(_ venue: String) -> Bool {
        let words = venue.lowercased().split(whereSeparator: { $0 == " " || $0 == "\u{A0}" })
        guard let first = words.first else { return false }
        return first == "in" || first.hasPrefix("proceedings") || first == "proc."
    }

    /// Whether `text` names `year`: its four digits (not inside a longer number), or its last two
    /// digits right after an apostrophe (spaces between allowed).
    static func names(year: Int, in text: String) -> Bool {
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            guard chars[i].isASCII, chars[i].isNumber else { i += 1; continue }
            var j = i
            while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
            let run = Int(String(chars[i..<j]))
            if j - i == 4, run == year { return true }
            if j - i == 2, run == year % 100 {
                var k = i - 1
                while k >= 0, chars[k] == " " { k -= 1 }
                if k >= 0, "'’‘`".contains(chars[k]) { return true }
            }
            i = j
        }
        return false
    }

    /// Whether any of `texts` already states a publication status, by the locale's phrases.
    static func statesStatus(_ texts: [String], phrases: [String]) -> Bool {
        texts.contains { text in
            let lower = text.lowercased()
            return phrases.contains { lower.contains($0) }
        }
    }

    /// The words before the venue and the status label, for a publication whose citation shows
    /// `venue` and whose own texts (short venue, notes, group title) are `context`.
    static func leadAndStatus(kind: PublicationKind, status: PublicationStatus, venue: String?, context: [String],
                              labels: Labels) -> (lead: String?, status: String?) {
        let inside = venue != nil && takesIn(kind)
        if status == .published {
            guard inside, let venue, !startsWithIn(venue) else { return (nil, nil) }
            return (labels.venueIn, nil)
        }
        if statesStatus(context + (venue.map { [$0] } ?? []), phrases: labels.statusPhrases) { return (nil, nil) }
        if inside, let lead = labels.statusLeads[status] { return (lead, nil) }
        return (nil, labels.label(of: status))
    }

    /// Whether a plain-number key (`"7"`) is a section's running number rather than a name (`"C7"`).
    static func isNumber(_ key: String) -> Bool { !key.isEmpty && key.allSatisfy { $0.isASCII && $0.isNumber } && key.count <= 6 }
}
