import CVModel

/// How diagnostics look on standard error: `cvbuild: file:line:col: error: …`, the severity
/// coloured only when asked to.
struct Console: Sendable {
    var color: Bool

    /// Colour only on a terminal, never when `NO_COLOR` is set (to anything) or `TERM` is `dumb`.
    static func wantsColor(environment: [String: String], isTerminal: Bool) -> Bool {
        isTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    func format(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { d in
            var text = d.description
            if color {
                let tint = d.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
                if let range = text.range(of: "\(d.severity.rawValue):") {
                    text.replaceSubrange(range, with: "\(tint)\(d.severity.rawValue):\u{1B}[0m")
                }
            }
            return "cvbuild: " + text
        }
    }
}
