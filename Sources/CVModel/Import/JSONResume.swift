/// Import from and export to JSON Resume (https://jsonresume.org/schema, v1.0.0).
///
/// Import maps every JSON Resume section to a profile section: `basics` to the header (label →
/// headline, url → website, location → address lines, profiles → links), `work` and `volunteer`
/// to experience, `education` (score → "GPA: …", courses → a details line), `awards` and
/// `certificates` to awards, `publications`, `skills` (→ "Name: keyword, keyword" lines),
/// `languages`, `interests`, `references` (→ a referee and a paragraph) and `projects`.
/// What has no place in a profile is a warning naming its JSON path (`basics.image`,
/// `work[0].foo`); only malformed JSON and values of the wrong type are errors.
public enum JSONResume {
    /// The name given to a profile whose resume has none.
    public static let placeholderName = "Your Name"

    /// The schema an exported document names.
    public static let schemaURL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"

    /// The title of the profile section made from each JSON Resume section.
    public static let sectionTitles: [String: String] = [
        "work": "Experience", "volunteer": "Volunteering", "education": "Education", "awards": "Awards",
        "certificates": "Certificates", "publications": "Publications", "skills": "Skills", "languages": "Languages",
        "interests": "Interests", "references": "References", "projects": "Projects",
    ]

    /// Reads a JSON Resume document. The profile is nil when the JSON is malformed or a value
    /// has the wrong type (errors); warnings come with a profile.
    public static func importProfile(_ bytes: [UInt8], file: String?) -> (profile: Profile?, diagnostics: [Diagnostic]) {
        let read = JSONReader.read(bytes)
        let withFile = read.diagnostics.map { d in file.map { d.with(file: $0) } ?? d }
        guard let root = read.root else { return (nil, withFile) }
        let importer = JSONResumeImporter(file: file)
        importer.diagnostics = withFile
        let profile = importer.profile(root)
        let failed = importer.diagnostics.contains { $0.severity == .error }
        return (failed ? nil : profile, importer.diagnostics)
    }

    /// Writes a profile as a JSON Resume object (write it out with `JSONWriter.write`). The
    /// warnings name, by profile path (`sections[3].entries[2]`), what JSON Resume cannot hold.
    public static func export(_ profile: Profile) -> (value: JSONNode.Value, warnings: [Diagnostic]) {
        var exporter = JSONResumeExporter(owner: profile.name)
        let value = exporter.run(profile)
        return (value, exporter.warnings)
    }

    /// Makes plain text safe as markup: `*`, `` ` ``, `[`, `]` and `\\` get a backslash (without
    /// brackets no link can form, so parentheses stay as they are).
    static func escapeMarkup(_ s: String) -> String {
        var out = ""
        for c in s {
            if c == "*" || c == "`" || c == "[" || c == "]" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
