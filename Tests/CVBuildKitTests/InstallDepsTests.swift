import CVBuildCLI
import CVTestSupport
import CVBuildKit
import CVModel
import Foundation
import Testing

/// `scripts/install-deps` (bash, run before cvbuild is built) and `TeXRequirement` (what
/// `build` and `doctor` check) name the same files, fonts and Debian packages.
@Suite struct InstallDepsTests {
    /// `has_tex_file NAME || need PACKAGE …` and the `for f in A B; do has_tex_file "$f" || need PACKAGE` loops.
    static func scriptRequirements() throws -> [String: String] {
        let script = try String(contentsOf: packageRoot.appendingPathComponent("scripts/install-deps"), encoding: .utf8)
        var found: [String: String] = [:]
        var loopFiles: [String] = []
        for raw in script.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("for f in "), let semicolon = line.firstIndex(of: ";") {
                loopFiles = line.dropFirst("for f in ".count)[..<semicolon].split(separator: " ").map(String.init)
            } else if line.hasPrefix("has_tex_file \"$f\" || need ") {
                let package = String(line.dropFirst("has_tex_file \"$f\" || need ".count).prefix { $0 != " " })
                for f in loopFiles { found[f] = package }
            } else if line.hasPrefix("has_tex_file "), let need = line.range(of: " || need ") {
                let file = String(line.dropFirst("has_tex_file ".count).prefix { $0 != " " })
                found[file] = String(line[need.upperBound...].prefix { $0 != " " })
            } else if line.hasPrefix("has_font \""), let need = line.range(of: " || need ") {
                let family = String(line.dropFirst("has_font \"".count).prefix { $0 != "\"" })
                found[family] = String(line[need.upperBound...].prefix { $0 != " " })
            }
        }
        return found
    }

    @Test func theScriptInstallsWhatCvbuildChecks() throws {
        let script = try Self.scriptRequirements()
        #expect(!script.isEmpty, "no checks read from scripts/install-deps")
        for engine in Engine.allCases {
            for r in TeXRequirement.needed(by: engine) {
                if case .format = r.probe { continue }
                #expect(script[r.name] == r.debian, "\(engine.rawValue) needs \(r.name) from \(r.debian); install-deps says \(script[r.name] ?? "nothing")")
            }
        }
    }
}
