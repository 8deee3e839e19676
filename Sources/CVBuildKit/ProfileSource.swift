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

    /// Reads and validates the profile: exit 66 when missing, 65 when invalid.
    public func load() throws(BuildFailure) -> DecodedProfile {
        switch origin {
        case .value(let profile):
            return DecodedProfile(profile: profile, positions: [:])
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
            switch ProfileDecoder.decode(Array(data), file: displayPath) {
            case .success(let decoded): return decoded
            case .failure(let e): throw BuildFailure(.invalidInput, e.diagnostics)
            }
        }
    }
}
