import Foundation
import CVBuildKit

/// Help text, generated from the commands' declarations.
enum Help {
    static let exitCodes = """
    Exit codes: 0 ok · 1 a TeX run failed · 64 usage error · 65 invalid profile or pack ·
    66 profile missing · 69 TeX engine not installed · 70 internal error · 73 output not writable
    """

    /// `cvbuild --help`: every command in a line or two, then the build options.
    static func overview(_ commands: [any ParsableCommand.Type]) -> String {
        var lines = ["cvbuild \(BuildInfo.version) — a CV kept as code, typeset with TeX Live.", "", "Usage:"]
        for command in commands {
            let c = command.configuration
            lines += rows(c.synopsis.map { "cvbuild " + $0 }, c.abstract.components(separatedBy: "\n"), width: 47)
        }
        lines.append("  cvbuild --help | --version")
        lines += ["", "Build options:"]
        lines += BuildCommand.configuration.options.flatMap(optionRows)
        lines += ["", exitCodes]
        return lines.joined(separator: "\n")
    }

    /// `cvbuild help NAME`, `cvbuild NAME --help`.
    static func command(_ command: any ParsableCommand.Type) -> String {
        let c = command.configuration
        var lines = c.synopsis.enumerated().map { i, s in (i == 0 ? "Usage: " : "       ") + "cvbuild " + s }
        lines += ["", c.abstract.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")]
        if !c.arguments.isEmpty {
            lines += ["", "Arguments:"]
            for a in c.arguments { lines += rows([a.label], a.help.components(separatedBy: "\n"), width: 24) }
        }
        lines += ["", "Options:"]
        lines += c.allOptions.flatMap(optionRows)
        return lines.joined(separator: "\n")
    }

    static func optionRows(_ spec: OptionSpec) -> [String] {
        rows([spec.label], spec.help.components(separatedBy: "\n"), width: 24)
    }

    /// Left column lines, the right column (at `width` + 2) beside the last when it fits, else below.
    static func rows(_ left: [String], _ right: [String], width: Int) -> [String] {
        var out = left.dropLast().map { "  " + $0 }
        let last = left.last ?? ""
        var right = right[...]
        if last.count <= width - 2, let first = right.popFirst() {
            out.append("  " + last.padding(toLength: width, withPad: " ", startingAt: 0) + first)
        } else {
            out.append("  " + last)
        }
        out += right.map { String(repeating: " ", count: width + 2) + $0 }
        return out
    }
}
