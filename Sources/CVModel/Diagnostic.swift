/// A place in a source file, 1-based.
public struct SourcePosition: Equatable, Hashable, Sendable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// A place in Swift source (`#fileID`, `#line`, `#column`), where a profile written in Swift made a value.
public struct SwiftLocation: Equatable, Hashable, Sendable {
    public var fileID: String
    public var line: Int
    public var column: Int
    public init(fileID: String, line: Int, column: Int) {
        self.fileID = fileID
        self.line = line
        self.column = column
    }
}

/// A finding about user input, printed like a compiler message:
/// `Profiles/x.json:14:7: error: education[1].end: "2020-13" is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)`.
public struct Diagnostic: Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning, note }

    public var severity: Severity
    public var file: String?
    public var position: SourcePosition?
    /// The path into the profile (`sections[2].entries[0].start`), empty for the whole file.
    public var path: String
    public var message: String
    public var hint: String?

    public init(_ severity: Severity = .error, file: String? = nil, position: SourcePosition? = nil,
                path: String = "", message: String, hint: String? = nil) {
        self.severity = severity
        self.file = file
        self.position = position
        self.path = path
        self.message = message
        self.hint = hint
    }

    public static func error(_ message: String, path: String = "", at position: SourcePosition? = nil,
                             hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, position: position, path: path, message: message, hint: hint)
    }

    /// The location prefix: `file:line:col`, or as much of it as is known.
    public var location: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let position { parts.append("\(position.line)"); parts.append("\(position.column)") }
        return parts.joined(separator: ":")
    }

    public var description: String {
        var s = location.isEmpty ? "" : location + ": "
        s += "\(severity.rawValue): "
        if !path.isEmpty { s += "\(path): " }
        s += message
        if let hint { s += "\n  hint: " + hint.replacingOccurrences(of: "\n", with: "\n        ") }
        return s
    }

    public func with(file: String) -> Diagnostic {
        var copy = self
        copy.file = file
        return copy
    }
}

/// An error carrying diagnostics, thrown where a result cannot be made.
public struct DiagnosticsError: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

/// Characters quoted for a message, the first five: `'研' (U+7814), '究' (U+7A76)`.
public func quoted(_ characters: [Unicode.Scalar]) -> String {
    characters.prefix(5).map { "'\(Character($0))' (U+\(String($0.value, radix: 16, uppercase: true)))" }.joined(separator: ", ")
}

/// Suggests the nearest of `candidates` to a misspelt `word`, if one is close.
public func nearest(_ word: String, in candidates: [String]) -> String? {
    let lower = word.lowercased()
    var best: (String, Int)?
    for c in candidates {
        let d = editDistance(lower, c.lowercased())
        if best == nil || d < best!.1 { best = (c, d) }
    }
    guard let (candidate, distance) = best else { return nil }
    let limit = max(1, min(3, candidate.count / 3))
    return distance <= limit ? candidate : nil
}

func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = Array(0...b.count)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], beforePrevious[j - 2] + 1)  // a transposition
            }
        }
        (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
}
