import CVModel

/// Turns typed dates into display parts in a date style and the locale's words.
struct DateWords {
    var style: DateStyle
    var labels: Labels
    /// The month names to use (the locale's abbreviated or written ones).
    var months: [String]

    init(style: DateStyle, labels: Labels, months: DocumentRules.MonthNames = .abbreviated) {
        self.style = style
        self.labels = labels
        self.months = months == .written && style == .monthYear ? labels.writtenMonths : labels.months
    }

    /// The month's name; a number out of range (a profile the validator refuses) prints as itself.
    func month(_ m: Int) -> String { (1...12).contains(m) && months.count == 12 ? months[m - 1] : String(m) }

    func point(_ date: CVDate) -> DatePoint {
        var s: String
        switch (date.value, style) {
        case (.present, _): s = labels.present
        case (.year(let y), _): s = "\(y)"
        case (.month(let y, _), .year), (.day(let y, _, _), .year): s = "\(y)"
        case (.month(let y, let m), .monthYear): s = labels.monthYearPattern.replacingOccurrences(of: "{month}", with: month(m)).replacingOccurrences(of: "{year}", with: "\(y)")
        case (.month(let y, let m), .numeric): s = "\(m < 10 ? "0" : "")\(m)/\(y)"
        case (.day(let y, let m, let d), .monthYear):
            s = labels.dayPattern.replacingOccurrences(of: "{day}", with: "\(d)").replacingOccurrences(of: "{month}", with: month(m))
                .replacingOccurrences(of: "{year}", with: "\(y)")
        case (.day(let y, let m, let d), .numeric): s = "\(y)/\(m < 10 ? "0" : "")\(m)/\(d < 10 ? "0" : "")\(d)"
        }
        if date.expected { s += " (\(labels.expected))" }
        return DatePoint(s, isPresent: date.value == .present, isExpected: date.expected, machine: Self.machine(date))
    }

    /// `2020`, `2020-08`, `2024-11-26`; nil for `present`.
    static func machine(_ date: CVDate) -> String? {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        func year(_ y: Int) -> String { String(repeating: "0", count: max(0, 4 - String(y).count)) + String(y) }
        return switch date.value {
        case .present: nil
        case .year(let y): year(y)
        case .month(let y, let m): year(y) + "-" + two(m)
        case .day(let y, let m, let d): year(y) + "-" + two(m) + "-" + two(d)
        }
    }

    /// The span as it prints: its label when it has one, else one point, else start and end
    /// (one point when both read the same). `labelPath` is where the label was written.
    func display(_ span: DateSpan?, labelPath: String) -> DateDisplay? {
        guard let span else { return nil }
        if let label = span.label { return .label(Field(label, path: labelPath)) }
        guard let start = span.start else { return nil }
        let a = point(start)
        guard let end = span.end else { return .point(a) }
        let b = point(end)
        if a.text == b.text { return .point(a) }
        // Days of one month or one year share their month and year: `10–16 Dec 2023`, `26 Nov – 4 Dec 2022`.
        if style == .monthYear, labels.dayPattern == "{day} {month} {year}", !start.expected, case .day(let y1, let m1, let d1) = start.value, case .day(let y2, let m2, _) = end.value, y1 == y2 {
            if m1 == m2 { return .range(start: DatePoint("\(d1)", machine: Self.machine(start)), separator: labels.dayRangeSeparator, end: b) }
            return .range(start: DatePoint("\(d1) \(months[m1 - 1])", machine: Self.machine(start)), separator: labels.dateRangeSeparator, end: b)
        }
        return .range(start: a, separator: labels.dateRangeSeparator, end: b)
    }
}
