import CVModel
import Foundation

/// Finds style packs by name in an ordered list of folders; earlier folders win.
public struct StyleCatalog: Sendable {
    public var searchPath: [URL]

    public init(searchPath: [URL]) { self.searchPath = searchPath }

    /// Every pack name found, each from the first folder that has it, sorted.
    public func names() -> [String] {
        var seen: Set<String> = []
        for dir in searchPath {
            let items = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            for item in items where FileManager.default.fileExists(atPath: dir.appendingPathComponent(item).appendingPathComponent(StylePack.manifestFile).path) {
                seen.insert(item)
            }
        }
        return seen.sorted()
    }

    public func directory(of name: String) -> URL? {
        for dir in searchPath {
            let candidate = dir.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(StylePack.manifestFile).path) { return candidate }
        }
        return nil
    }

    public func load(_ name: String) -> Result<StylePack, DiagnosticsError> {
        guard let dir = directory(of: name) else {
            let known = names()
            return .failure(DiagnosticsError([Diagnostic(message: "unknown style \"\(name)\"",
                hint: nearest(name, in: known).map { "did you mean \"\($0)\"?" }
                    ?? "available styles: " + (known.isEmpty ? "none found in " + searchPath.map(\.path).joined(separator: ", ") : known.joined(separator: ", ")))]))
        }
        return StylePack.load(from: dir)
    }
}
