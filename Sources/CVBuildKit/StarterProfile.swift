import CVModel

/// The profile `cvbuild init` writes: valid, buildable, and showing the common sections.
public enum StarterProfile {
    public static func make(name: String) -> Profile {
        Profile(name) {
            Headline("Your position")
            Affiliation("Your department")
            Affiliation("Your institution")
            Email("you@example.org")
            Website("https://example.org")
            Summary("One or two sentences about your work. Markup works here: **bold**, *italic*, [links](https://example.org).")
            CVSection("Education") {
                Education(institution: "Your University", location: "City, Country", degree: "Ph.D. in Your Field",
                          dates: .from(.year(2020), to: CVDate(.year(2025), expected: true))) {
                    Line("Advisor: Prof. Advisor Name")
                }
            }
            CVSection("Experience") {
                Experience(organization: "Your Lab or Company", role: "Research Intern", location: "City",
                           dates: .from(.month(2023, 6), to: .month(2023, 9))) {
                    "What you built, and what it achieved."
                }
            }
            CVSection("Publications") {
                Publication(title: "Your Paper Title", authors: [name, "Co-Author Name"], venue: "Conference Name",
                            venueShort: "CONF '24", dates: .on(.year(2024)))
            }
            CVSection("Awards") {
                Award(title: "Your Award", issuer: "Who gave it", dates: .on(.year(2024)))
            }
            CVSection("Service") {
                Detail(label: "Reviewer", text: "Venue One, Venue Two")
            }
            CVSection("Teaching") {
                Course(title: "Course Title", code: "CS 101", role: "Teaching Assistant", dates: DateSpan(start: .year(2023), label: "Fall 2023"))
            }
        }
    }
}
