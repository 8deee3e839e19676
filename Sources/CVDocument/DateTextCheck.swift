import CVModel
import Foundation

/// Finds `dateText` labels that are really dates, which then bypass the one date format: a label
/// made only of months, numbers and separators (`"2020.10.09"`, `"August 2016"`, `"2019 – Dec."`),
/// or one whose ranges mix separators or month spellings (`"Jun. 2022 – Sep 2022, Oct. 2022 - May 2023"`).
/// Each becomes a warning at the label's path that names the typed form to write instead.
public enum DateTextCheck {
    public static func warnings(_ profile: Profile) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (i, section) in profile.sections.enumerated() {
            for (j, entry) in section.entries.enumerated() { visit(entry, "sections[\(i)].entries[\(j)]", &out) }
        }
        return out
    }

    static func visit(_ entry: Entry, _ p: String, _ out: inout [Diagnostic]) {
        switch entry.content {
        case .group(let g):
            for (k, e) in g.entries.enumerated() { visit(e, "\(p).entries[\(k)]", &out) }
            return
        case .talk(let t):
            for (k, v) in t.venues.enumerated() { check(v.dates, "\(p).venues[\(k)]", &out) }
            return
        case .education(let x): bullets(x.highlights, p + ".highlights", &out)
        case .experience(let x): bullets(x.highlights, p + ".highlights", &out)
        case .item(let x): bullets(x.highlights, p + ".highlights", &out)
        case .bullets(let items): bullets(items, p + ".items", &out)
        default: break
        }
        check(entry.dates, p, &out)
    }

    static func bullets(_ items: [Bullet], _ path: String, _ out: inout [Diagnostic]) {
        for (i, b) in items.enumerated() {
            check(b.dates, "\(path)[\(i)]", &out)
            bullets(b.items, "\(path)[\(i)].items", &out)
        }
    }

    static func check(_ span: DateSpan?, _ p: String, _ out: inout [Diagnostic]) {
        guard let label = span?.label, let finding = finding(label) else { return }
        out.append(Diagnostic(.warning, path: p + ".dateText", message: "dateText \"\(label)\" \(finding.problem)", hint: finding.hint))
    }

    /// What is wrong with a label and the typed form to write, or nil for a label that is not a date
    /// ("Fall 2022", "In Progress").
    static func finding(_ label: String) -> (problem: String, hint: String)? {
        let tokens = tokenize(label)
        let words = tokens.filter { $0.first?.isLetter == true }
        let hasDate = tokens.contains { isYear($0) || month($0) != nil }
        guard hasDate else { return nil }
        // A dash between two parts of dates separates a range ("full-time" is a word).
        func dateish(_ t: String) -> Bool { t.first?.isNumber == true || month(t) != nil }
        let dashes = Set(tokens.indices.filter { i in
            ["-", "–", "—", "~"].contains(tokens[i]) && i > 0 && i + 1 < tokens.count && dateish(tokens[i - 1]) && dateish(tokens[i + 1])
        }.map { tokens[$0] })
        // Abbreviated months written with and without a period ("Jun." and "Sep"); full names do not count.
        let monthSpellings = Set(words.compactMap { w -> Bool? in
            month(w) == nil || monthNames.contains(w.lowercased().trimmingCharacters(in: ["."])) ? nil : w.hasSuffix(".")
        })
        let generic = "write the dates as \"start\" and \"end\" (YYYY, YYYY-MM, YYYY-MM-DD or \"present\") and leave out dateText; "
            + "they then print in the one date format"
        if dashes.count > 1 || monthSpellings.count > 1 {
            let what = dashes.count > 1 ? "separators (" + dashes.sorted().map { "\"\($0)\"" }.joined(separator: " and ") + ")"
                                        : "month spellings (with and without a period)"
            return ("mixes \(what)", generic + "; give a second period an entry or a detail line of its own")
        }
        let dateWords = words.allSatisfy { month($0) != nil || ["present", "now", "today"].contains($0.lowercased()) }
        guard dateWords else { return nil }
        if let typed = typedForm(label) {
            return ("looks like a date and bypasses the date format", "write \(typed) and leave out dateText")
        }
        return ("looks like a date and bypasses the date format", generic)
    }

    /// `"date": "2020-10-09"` or `"start": "2022-06", "end": "2022-09"` for labels that read as
    /// one date or one range; nil otherwise.
    static func typedForm(_ label: String) -> String? {
        let parts = splitRange(label)
        let points = parts.compactMap(point)
        guard points.count == parts.count else { return nil }
        switch points.count {
        case 1: return "\"date\": \"\(points[0])\""
        case 2: return "\"start\": \"\(points[0])\", \"end\": \"\(points[1])\""
        default: return nil
        }
    }

    static func splitRange(_ label: String) -> [String] {
        var s = label
        for sep in ["–", "—", "~", " - ", " to "] { s = s.replacingOccurrences(of: sep, with: "\u{1}") }
        return s.split(separator: "\u{1}").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// One date in the canonical form, from `2024`, `2024.03.12`, `2024/3`, `Aug 2016`, `August 2016`,
    /// `12 Mar 2024`, `Mar 12, 2024`, `present`.
    static func point(_ text: String) -> String? {
        let lower = text.lowercased()
        if ["present", "now", "today"].contains(lower) { return "present" }
        let pieces = lower.split { $0 == " " || $0 == "," }.map(String.init)
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if pieces.count == 1 {
            let numbers = lower.split { $0 == "." || $0 == "-" || $0 == "/" }.map(String.init)
            guard let y = numbers.first, isYear(y), numbers.count <= 3, numbers.allSatisfy({ Int($0) != nil }) else { return nil }
            let rest = numbers.dropFirst().compactMap { Int($0) }
            if rest.count >= 1, !(1...12).contains(rest[0]) { return nil }
            if rest.count == 2, !(1...31).contains(rest[1]) { return nil }
            return ([y] + rest.map(pad)).joined(separator: "-")
        }
        if pieces.count == 2, let m = month(pieces[0]), isYear(pieces[1]) { return "\(pieces[1])-\(pad(m))" }
        if pieces.count == 3, let y = pieces.last, isYear(y) {
            if let d = Int(pieces[0]), let m = month(pieces[1]), (1...31).contains(d) { return "\(y)-\(pad(m))-\(pad(d))" }
            if let m = month(pieces[0]), let d = Int(pieces[1]), (1...31).contains(d) { return "\(y)-\(pad(m))-\(pad(d))" }
        }
        return nil
    }

    /// Words (a trailing period kept), runs of digits, and every other non-space character alone.
    static func tokenize(_ s: String) -> [String] {
        var out: [String] = []
        var current = ""
        func flush() { if !current.isEmpty { out.append(current); current = "" } }
        for c in s {
            if c.isLetter {
                if let last = current.last, !last.isLetter { flush() }
                current.append(c)
            } else if c.isNumber {
                if let last = current.last, !last.isNumber { flush() }
                current.append(c)
            } else if c == ".", current.first?.isLetter == true {
                current.append(c)
                flush()
            } else {
                flush()
                if !c.isWhitespace { out.append(String(c)) }
            }
        }
        flush()
        return out
    }

    static func isYear(_ s: String) -> Bool { s.count == 4 && s.allSatisfy { $0.isASCII && $0.isNumber } }

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                             "october", "november", "december"]

    /// The month a word names (`Jun`, `Jun.`, `June`, `Sept.`), 1 to 12.
    static func month(_ word: String) -> Int? {
        var w = word.lowercased()
        if w.hasSuffix(".") { w.removeLast() }
        guard w.count >= 3 else { return nil }
        if w == "sept" { return 9 }
        if let i = monthNames.firstIndex(of: w) { return i + 1 }
        if w.count == 3, let i = monthNames.firstIndex(where: { $0.hasPrefix(w) }) { return i + 1 }
        return nil
    }
}
