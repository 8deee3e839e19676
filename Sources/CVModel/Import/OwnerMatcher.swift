/// Recognises the profile's owner in author lists across name forms: the exact `name` or an
/// alias, or any spelling `AuthorName.matches` accepts ("A. Lovelace", "Lovelace, Ada").
public struct OwnerMatcher: Sendable {
    private let exact: Set<String>
    private let parsed: [AuthorName]
    private let lastNames: Set<String>

    public init(_ profile: Profile) {
        exact = Set(profile.ownerNames)
        parsed = profile.ownerNames.flatMap { AuthorName.interpretations(of: $0) }
        lastNames = Set(parsed.map { AuthorName.fold($0.last) })
    }

    public func isOwner(_ author: String) -> Bool {
        if exact.contains(author) { return true }
        // Cheap rejection: some word of the author must be one of the owner's last names.
        let words = author.split(whereSeparator: { $0 == " " || $0 == "," }).map { AuthorName.fold(String($0)) }
        guard words.contains(where: lastNames.contains) else { return false }
        let candidates = AuthorName.interpretations(of: author)
        return parsed.contains { p in candidates.contains { AuthorName.compatible(p, $0) } }
    }
}
