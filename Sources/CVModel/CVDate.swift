/// A calendar point at the precision the user wrote it, or `present`, optionally "expected".
public struct CVDate: Equatable, Hashable, Sendable {
    public enum Value: Equatable, Hashable, Sendable {
        case year(Int)
        case month(Int, Int)
        case day(Int, Int, Int)
        case present
    }

    public var value: Value
    /// A future date the user expects ("Dec 2025 (expected)").
    public var expected: Bool

    public init(_ value: Value, expected: Bool = false) {
        self.value = value
        self.expected = expected
    }

    public static func year(_ y: Int) -> CVDate { CVDate(.year(y)) }
    public static func month(_ y: Int, _ m: Int) -> CVDate { CVDate(.month(y, m)) }
    public static func day(_ y: Int, _ m: Int, _ d: Int) -> CVDate { CVDate(.day(y, m, d)) }
    public static let present = CVDate(.present)

    public var year: Int? {
        switch value {
        case .year(let y), .month(let y, _), .day(let y, _, _): y
        case .present: nil
        }
    }

    /// Orders dates; `present` sorts after every calendar date. Parts out of range (a date
    /// built in Swift that the validator rejects) are clamped, so the key never overflows.
    public var sortKey: Int {
        func c(_ n: Int, _ limit: Int) -> Int { min(max(n, -limit), limit) }
        return switch value {
        case .year(let y): c(y, 1_000_000) * 10_000
        case .month(let y, let m): c(y, 1_000_000) * 10_000 + c(m, 99) * 100
        case .day(let y, let m, let d): c(y, 1_000_000) * 10_000 + c(m, 99) * 100 + c(d, 99)
        case .present: Int.max
        }
    }

    /// What is wrong with this date, if anything: it must read back from its text form, so a
    /// date made in Swift (`.month(2024, 13)`) is judged exactly as its JSON twin (`"2024-13"`).
    public var problem: String? {
        switch CVDate.parse(canonical) {
        case .success(let d) where d == self: nil
        case .success: CVDate.problem(canonical, .malformed)
        case .failure(let f): CVDate.problem(canonical, f)
        }
    }

    /// The message for a date's text that does not parse.
    public static func problem(_ text: String, _ failure: ParseError) -> String {
        let detail: String = switch failure {
        case .malformed: "is not a date"
        case .monthOutOfRange(let m): "is not a date (month \(m) is out of range)"
        case .dayOutOfRange(let d): "is not a date (day \(d) is out of range)"
        }
        return "\"\(text)\" \(detail) (expected YYYY, YYYY-MM, YYYY-MM-DD or present, optionally followed by \" (expected)\")"
    }

    /// The canonical text form: `2024`, `2024-03`, `2024-03-17`, `present`, plus ` (expected)`.
    public var canonical: String {
        var s: String
        switch value {
        case .year(let y): s = pad(y, 4)
        case .month(let y, let m): s = "\(pad(y, 4))-\(pad(m, 2))"
        case .day(let y, let m, let d): s = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        case .present: s = "present"
        }
        if expected { s += CVDate.expectedSuffix }
        return s
    }

    static let expectedSuffix = " (expected)"

    public enum ParseError: Error, Equatable {
        case malformed
        case monthOutOfRange(Int)
        case dayOutOfRange(Int)
    }

    /// Parses the canonical text form.
    public static func parse(_ text: String) -> Result<CVDate, ParseError> {
        var body = Substring(text)
        var expected = false
        if body.hasSuffix(expectedSuffix) {
            expected = true
            body = body.dropLast(expectedSuffix.count)
        }
        if body == "present" { return expected ? .failure(.malformed) : .success(.present) }
        let parts = body.split(separator: "-", omittingEmptySubsequences: false)
        let lengths = [4, 2, 2]
        guard (1...3).contains(parts.count) else { return .failure(.malformed) }
        var numbers: [Int] = []
        for (i, part) in parts.enumerated() {
            guard part.count == lengths[i], part.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(part) else {
                return .failure(.malformed)
            }
            numbers.append(n)
        }
        let value: Value
        switch numbers.count {
        case 1: value = .year(numbers[0])
        case 2:
            guard (1...12).contains(numbers[1]) else { return .failure(.monthOutOfRange(numbers[1])) }
            value = .month(numbers[0], numbers[1])
        default:
            guard (1...12).contains(numbers[1]) else { return .failure(.monthOutOfRange(numbers[1])) }
            guard (1...daysIn(year: numbers[0], month: numbers[1])).contains(numbers[2]) else {
                return .failure(.dayOutOfRange(numbers[2]))
            }
            value = .day(numbers[0], numbers[1], numbers[2])
        }
        return .success(CVDate(value, expected: expected))
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

private func pad(_ n: Int, _ width: Int) -> String {
    let digits = String(n.magnitude)
    return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
}

/// When something happened: a point (`start` only) or a range, with an optional display label.
public struct DateSpan: Equatable, Sendable {
    public var start: CVDate?
    public var end: CVDate?
    /// Free text printed instead of the typed dates ("Fall 2022"); sorting still uses the dates.
    public var label: String?

    public init(start: CVDate? = nil, end: CVDate? = nil, label: String? = nil) {
        self.start = start
        self.end = end
        self.label = label
    }

    public static func on(_ date: CVDate) -> DateSpan { DateSpan(start: date) }
    public static func from(_ start: CVDate, to end: CVDate) -> DateSpan { DateSpan(start: start, end: end) }

    /// The latest point of the span, for sorting and `--since`.
    public var sortKey: Int { (end ?? start)?.sortKey ?? 0 }

    /// The year the span ends (or its only year); `present` counts as ongoing (nil).
    public var lastYear: Int? { (end ?? start)?.year }
}
