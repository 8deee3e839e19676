import CVDocument
import CVModel
import Foundation

/// Where a profile comes from: a JSON file, or a value built in Swift.
public struct ProfileSource: Sendable {
    public enum Origin: Sendable {
        case file(URL)
        case value(Profile)
    }

    public var origin: Origin
    /// The output name stem: `Profiles/ada.json` → `ada`.
    public var stem: String

    public static func file(_ path: String) -> ProfileSource {
        let url = URL(fileURLWithPath: path)
        return ProfileSource(origin: .file(url), stem: url.deletingPathExtension().lastPathComponent, displayPath: path)
    }

    public static func value(_ profile: Profile, stem: String) -> ProfileSource {
        ProfileSource(origin: .value(profile), stem: stem, displayPath: stem)
    }

    /// The name shown in messages (the path as the user gave it).
    public var displayPath: String

    /// Appends the publications of every section's `.bib` file; its problems keep their own file:line:col.
    static func resolveBibliographies(_ decoded: DecodedProfile, relativeTo profile: URL, file: String) throws(BuildFailure) -> DecodedProfile {
        var decoded = decoded
        var errors: [Diagnostic] = []
        var missing = false
        for (i, section) in decoded.profile.sections.enumerated() {
            guard let bib = section.bibliography else { continue }
            let url = URL(fileURLWithPath: bib, relativeTo: profile.deletingLastPathComponent()).standardizedFileURL
            let path = "sections[\(i)].bibliography"
            guard let data = FileManager.default.contents(atPath: url.path) else {
                missing = true
                errors.append(Diagnostic(file: file, position: decoded.position(of: path), path: path,
                                         message: "bibliography \"\(bib)\" not found (looked for \(url.path))",
                                         hint: "the path is relative to the profile's folder"))
                continue
            }
            let bibFile = url.path
            // A broken entry costs that entry only: it is a warning, and the rest is imported.
            let read = BibliographyFile.read(Array(data), file: bibFile, strict: false)
            errors += read.diagnostics.filter { $0.severity == .error }
            decoded.warnings += read.diagnostics.filter { $0.severity != .error }
            if read.skipped > 0 {
                decoded.warnings.append(Diagnostic(.warning, file: file, position: decoded.position(of: path), path: path,
                                                   message: "bibliography \"\(bib)\": \(read.summary)",
                                                   hint: "fix the entries reported above to have them printed"))
            }
            decoded.profile.sections[i].entries += read.entries
            decoded.profile.sections[i].bibliography = nil
        }
        if !errors.isEmpty { throw BuildFailure(missing ? .inputMissing : .invalidInput, errors) }
        return decoded
    }

    /// Reads and validates the profile: exit 66 when missing, 65 when invalid. A profile built in
    /// Swift goes through the same validator as a JSON file; its diagnostics name the path in the
    /// profile, as there is no file position. `packNames`: the style packs a variant may name
    /// (nil leaves variants' styles unchecked). Free-text dates that are really dates are warned about.
    public func load(packNames: [String]? = nil) throws(BuildFailure) -> DecodedProfile {
        var decoded = try decode(packNames: packNames)
        decoded.warnings += DateTextCheck.warnings(decoded.profile).map { w in
            var w = w
            w.position = decoded.position(of: w.path)
            if case .file = origin { w.file = displayPath }
            return w
        }
        return decoded
    }

    func decode(packNames: [String]?) throws(BuildFailure) -> DecodedProfile {
        switch origin {
        case .value(let profile):
            // Findings in sections and entries made by the builders point at the Swift source; the rest name the profile.
            let found = ProfileValidator(packNames: packNames).validate(profile).map { $0.file == nil ? $0.with(file: displayPath) : $0 }
            if found.contains(where: { $0.severity == .error }) { throw BuildFailure(.invalidInput, found) }
            return DecodedProfile(profile: profile)
        case .file(let url):
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw BuildFailure(.inputMissing, "no such file", file: displayPath)
            }
            guard !isDirectory.boolValue else {
                throw BuildFailure(.inputMissing, "is a folder, not a profile", file: displayPath,
                                   hint: "name a .json file, or run cvbuild with no profile to build Profiles/*.json")
            }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw BuildFailure(.inputMissing, "cannot read the file", file: displayPath)
            }
            switch ProfileDecoder.decode(Array(data), file: displayPath, packNames: packNames) {
            case .success(let decoded): return try Self.resolveBibliographies(decoded, relativeTo: url, file: displayPath)
            case .failure(let e): throw BuildFailure(.invalidInput, e.diagnostics)
            }
        }
    }
}
