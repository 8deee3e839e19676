import CVModel

/// Turns typed dates into the text a pack prints.
public struct DateText: Sendable {
    public var style: DateStyle

    public init(style: DateStyle) { self.style = style }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The month's short name; a number out of range (a profile the validator would refuse) prints as itself.
    static func month(_ m: Int) -> String { (1...12).contains(m) ? months[m - 1] : String(m) }

    public func format(_ date: CVDate) -> String {
        var s: String
        switch (date.value, style) {
        case (.present, _): s = "Present"
        case (.year(let y), _): s = "\(y)"
        case (.month(let y, _), .year), (.day(let y, _, _), .year): s = "\(y)"
        case (.month(let y, let m), .monthYear): s = "\(Self.month(m)) \(y)"
        case (.month(let y, let m), .numeric): s = "\(m < 10 ? "0" : "")\(m)/\(y)"
        case (.day(let y, let m, let d), .monthYear): s = "\(d) \(Self.month(m)) \(y)"
        case (.day(let y, let m, let d), .numeric): s = "\(y)/\(m < 10 ? "0" : "")\(m)/\(d < 10 ? "0" : "")\(d)"
        }
        if date.expected { s += " (expected)" }
        return s
    }

    /// The span as printed: its label when it has one, else `start – end`.
    public func format(_ span: DateSpan?) -> String {
        guard let span else { return "" }
        if let label = span.label { return label }
        guard let start = span.start else { return "" }
        guard let end = span.end else { return format(start) }
        let a = format(start), b = format(end)
        return a == b ? a : "\(a) – \(b)"
    }
}
