/// Recognises the profile's owner in author lists across name forms: the exact `name` or an
/// alias, or any spelling `AuthorName.matches` accepts ("A. Lovelace", "Lovelace, Ada").
public struct OwnerMatcher: Sendable {
    private let exact: Set<String>
    private let parsed: [AuthorName]
    private let lastNames: Set<String>
    /// The last names in lower case, for a quick substring test.
    private let lowerLastNames: [String]

    public init(_ profile: Profile) {
        exact = Set(profile.ownerNames)
        parsed = profile.ownerNames.flatMap { AuthorName.interpretations(of: $0) }
        lastNames = Set(parsed.map { AuthorName.fold($0.last) })
        lowerLastNames = parsed.map { $0.last.lowercased() }.filter { !$0.isEmpty }
    }

    public func isOwner(_ author: String) -> Bool {
        if exact.contains(author) { return true }
        // Cheapest rejection for plain ASCII names: no owner's last name occurs at all.
        if author.utf8.allSatisfy({ $0 < 0x80 }) && lowerLastNames.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) {
            let lower = author.lowercased()
            if !lowerLastNames.contains(where: { lower.contains($0) }) { return false }
        }
        // Cheap rejection: some word of the author must be one of the owner's last names.
        let words = author.split(whereSeparator: { $0 == " " || $0 == "," }).map { AuthorName.fold(String($0)) }
        guard words.contains(where: lastNames.contains) else { return false }
        let candidates = AuthorName.interpretations(of: author)
        return parsed.contains { p in candidates.contains { AuthorName.compatible(p, $0) } }
    }
}
