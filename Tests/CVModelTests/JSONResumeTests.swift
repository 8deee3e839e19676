import Foundation
import Testing
@testable import CVModel

@Suite struct JSONResumeTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = here.deletingLastPathComponent().deletingLastPathComponent()

    static func bytes(_ url: URL) throws -> [UInt8] {
        Array(try #require(FileManager.default.contents(atPath: url.path)))
    }

    /// The official sample resume ("Richard Hendriks") of jsonresume/resume-schema.
    static func sample() throws -> [UInt8] { try bytes(here.appendingPathComponent("Fixtures/sample.resume.json")) }

    func importing(_ text: String) -> (profile: Profile?, diagnostics: [String]) {
        let r = JSONResume.importProfile(Array(text.utf8), file: "r.json")
        return (r.profile, r.diagnostics.map(\.description))
    }

    /// Every string a reader of the profile could see, markup reduced to its text.
    static func text(of profile: Profile) -> String {
        var out: [String] = []
        func walk(_ v: JSONNode.Value) {
            switch v {
            case .string(let s): out.append(s); out.append(Markup(s).plainText)
            case .array(let items): items.forEach { walk($0.value) }
            case .object(let members): members.forEach { walk($0.value.value) }
            default: break
            }
        }
        walk(ProfileEncoder.value(profile))
        return out.joined(separator: "\n")
    }

    /// Strings of the input under keys that hold names and titles.
    static func namesAndTitles(in node: JSONNode) -> [String] {
        let keys: Set<String> = ["name", "title", "position", "organization", "institution", "awarder", "issuer", "publisher",
                                 "language", "network", "entity", "label", "studyType", "area"]
        var out: [String] = []
        func walk(_ n: JSONNode) {
            switch n.value {
            case .array(let items): items.forEach(walk)
            case .object(let members):
                for m in members {
                    if keys.contains(m.key), case .string(let s) = m.value.value, !s.isEmpty { out.append(s) }
                    walk(m.value)
                }
            default: break
            }
        }
        walk(node)
        return out
    }

    // MARK: The official sample

    @Test func officialSampleImportsWithoutErrors() throws {
        let r = JSONResume.importProfile(try Self.sample(), file: "sample.resume.json")
        #expect(r.diagnostics.map(\.description) == [
            "sample.resume.json:19:7: warning: basics.profiles[0]: the profile \"Twitter: neutralthoughts\" has no url; it is left out\n  hint: give the profile's address in \"url\"",
            "sample.resume.json:64:7: warning: education[0].url: an education entry has no place for the institution's web site; it is left out",
        ])
        let p = try #require(r.profile)
        #expect(p.name == "Richard Hendriks")
        #expect(p.headline == "Programmer")
        #expect(p.email == "richard.hendriks@mail.com")
        #expect(p.phone == "(912) 555-4321")
        #expect(p.website == "http://richardhendricks.example.com")
        #expect(p.address == [])
        #expect(p.location == PostalAddress(address: "2712 Broadway St", postalCode: "CA 94115", city: "San Francisco",
                                            region: "California", countryCode: "US"))
        #expect(p.location?.lines == ["2712 Broadway St", "San Francisco, California CA 94115", "US"])
        #expect(p.links == [Link(label: "SoundCloud", url: "https://soundcloud.example.com/dandymusicnl", username: "dandymusicnl")])
        #expect(p.summary.count == 1)
        #expect(p.sections.map(\.title) == ["Experience", "Volunteering", "Education", "Awards", "Publications", "Skills",
                                            "Languages", "Interests", "References", "Projects"])
    }

    @Test func everyNameAndTitleOfTheSampleIsInTheProfile() throws {
        let bytes = try Self.sample()
        let root = try #require(JSONReader.read(bytes).root)
        let names = Self.namesAndTitles(in: root)
        #expect(names.contains("Erlich Bachman") && names.contains("Pied Piper") && names.contains("Richard Hendriks"))
        let profile = try #require(JSONResume.importProfile(bytes, file: nil).profile)
        let text = Self.text(of: profile)
        for name in names where name != "Twitter" {  // the Twitter profile has no url, so it is left out (with a warning)
            #expect(text.contains(name), "\(name) is missing")
        }
    }

    @Test func sampleSectionsAreMappedFieldByField() throws {
        let p = try #require(JSONResume.importProfile(try Self.sample(), file: nil).profile)
        let entries = p.sections.map { $0.entries.map(\.content) }
        guard case .experience(let job) = entries[0][0] else { Issue.record("work"); return }
        #expect(job.organization == "Pied Piper" && job.role == "CEO/President" && job.location == "Palo Alto, CA")
        #expect(job.dates == DateSpan(start: .day(2013, 12, 1), end: .day(2014, 12, 1)))
        #expect(job.details.map(\.plainText) == ["Awesome compression company", job.details[1].plainText, "piedpiper.example.com"])
        #expect(job.details[2].source == "[piedpiper.example.com](http://piedpiper.example.com)")
        #expect(job.highlights.count == 3)

        guard case .experience(let volunteer) = entries[1][0] else { Issue.record("volunteer"); return }
        #expect(volunteer.organization == "CoderDojo" && volunteer.role == "Teacher")

        guard case .education(let school) = entries[2][0] else { Issue.record("education"); return }
        #expect(school.institution == "University of Oklahoma")
        #expect(school.degree == "Bachelor in Information Technology")
        #expect(school.details.map(\.plainText) == ["GPA: 4.0", "Courses: DB1101 - Basic SQL; CS2011 - Java Introduction"])

        guard case .award(let award) = entries[3][0] else { Issue.record("award"); return }
        #expect(award.title == "Digital Compression Pioneer Award" && award.issuer == "Techcrunch")
        #expect(award.dates == .on(.day(2014, 11, 1)))

        guard case .publication(let pub) = entries[4][0] else { Issue.record("publication"); return }
        #expect(pub.title == "Video compression for 3d media" && pub.venue == "Hooli" && pub.authors == ["Richard Hendriks"])
        #expect(pub.links == [Link(label: "link", url: "http://en.wikipedia.org/wiki/Silicon_Valley_(TV_series)")])

        #expect(entries[5] == [.detail(Detail(label: "Web Development", text: "HTML, CSS, Javascript (Master)", keywords: ["HTML", "CSS", "Javascript"], level: "Master")),
                               .detail(Detail(label: "Compression", text: "Mpeg, MP4, GIF (Master)", keywords: ["Mpeg", "MP4", "GIF"], level: "Master"))])
        #expect(entries[6] == [.detail(Detail(label: "English", text: "Native speaker"))])
        #expect(entries[7] == [.detail(Detail(label: "Wildlife", text: "Ferrets, Unicorns", keywords: ["Ferrets", "Unicorns"]))])
        #expect(entries[8].count == 2)
        #expect(entries[8][0] == .referee(Referee(name: "Erlich Bachman")))

        let project = p.sections[9].entries[0]
        #expect(project.tags == ["application"])
        guard case .experience(let x) = project.content else { Issue.record("project"); return }
        #expect(x.organization == "Miss Direction" && x.role == "Team lead, Designer")
        #expect(x.details.map(\.source) == ["A mapping engine that misguides you",
                                            "[missdirection.example.com](https://missdirection.example.com)",
                                            "Keywords: GoogleMaps, Chrome Extension, Javascript", "Entity: Smoogle"])
        #expect(x.dates == DateSpan(start: .day(2016, 8, 24), end: .day(2016, 8, 24)))
    }

    @Test func importedProfilesAreValidProfiles() throws {
        let p = try #require(JSONResume.importProfile(try Self.sample(), file: nil).profile)
        let decoded = try ProfileDecoder.decode(ProfileEncoder.encode(p)).get()
        #expect(decoded.profile == p)
    }

    // MARK: Dates, warnings and errors

    @Test func datesAtThreePrecisionsAndOngoingWork() throws {
        let (p, d) = importing("""
        {"basics": {"name": "A"}, "work": [
          {"name": "W1", "startDate": "2014-06-29", "endDate": "2015-06"},
          {"name": "W2", "startDate": "2014"},
          {"name": "W3", "startDate": "June 2014", "endDate": "2016-13-01"}
        ], "education": [{"institution": "U", "startDate": "2010"}]}
        """)
        #expect(d == [
            "r.json:4:31: warning: work[2].startDate: \"June 2014\" is not a date; it is left out\n  hint: JSON Resume dates are YYYY-MM-DD, YYYY-MM or YYYY",
            "r.json:4:55: warning: work[2].endDate: \"2016-13-01\" is not a date; it is left out\n  hint: JSON Resume dates are YYYY-MM-DD, YYYY-MM or YYYY",
        ])
        let dates = try #require(p).sections.flatMap(\.entries).map(\.dates)
        #expect(dates == [DateSpan(start: .day(2014, 6, 29), end: .month(2015, 6)), DateSpan(start: .year(2014), end: .present),
                          nil, .on(.year(2010))])
    }

    @Test func unmappableAndUnknownKeysAreWarningsByPath() {
        let (p, d) = importing("""
        {
          "basics": {"name": "A", "image": "me.png", "nickname": "Al"},
          "work": [{"name": "W", "foo": 1, "bar": ""}],
          "hobbies": [{"name": "x"}],
          "meta": {"version": "v1"},
          "skills": [{"name": "Swift", "keywords": [], "level": 3}],
          "languages": [{}]
        }
        """)
        #expect(p != nil)
        #expect(d == [
            "r.json:2:27: warning: basics.image: a profile has no photo; it is left out",
            "r.json:2:46: warning: basics.nickname: unknown key \"nickname\"; it is left out",
            "r.json:3:26: warning: work[0].foo: unknown key \"foo\"; it is left out",
            "r.json:4:3: warning: hobbies: unknown section \"hobbies\"; it is left out",
            "r.json:6:57: warning: skills[0].level: expected text (a string), found a number 3; it is used as text",
            "r.json:7:17: warning: languages[0]: is empty; it is left out",
        ])
        #expect(p?.sections.first { $0.title == "Skills" }?.entries.first?.content == .detail(Detail(label: "Swift", text: "3", level: "3")))
    }

    @Test func missingNameIsAPlaceholderWithAWarning() {
        let (p, d) = importing(#"{"work": [{"position": "Dev"}]}"#)
        #expect(p?.name == "Your Name")
        #expect(d == [
            "r.json:1:1: warning: basics.name: the resume has no basics.name; the profile is named \"Your Name\"\n  hint: add \"basics\": {\"name\": \"…\"}",
        ])
        #expect(p?.sections.first?.entries.first?.content == .experience(Experience(organization: "Dev")))
    }

    @Test func wrongTypesAreErrors() {
        let (p, d) = importing("""
        {"basics": {"name": "A", "profiles": {"network": "X"}},
         "work": [{"name": ["W"], "highlights": "one"}, 5],
         "education": {"institution": "U"}}
        """)
        #expect(p == nil)
        #expect(d == [
            "r.json:1:38: error: basics.profiles: expected an array, found an object {…}",
            "r.json:2:20: error: work[0].name: expected text (a string), found an array […]",
            "r.json:2:11: warning: work[0]: has neither name nor position; it is left out",
            "r.json:2:49: error: work[1]: expected an object (a job), found a number 5",
            "r.json:3:15: error: education: expected an array, found an object {…}",
        ])
    }

    @Test(arguments: ["", "[]", "{\"basics\": ", "{\"basics\": []}", "{\"work\": [1, null, {}]}", "\u{FEFF}{}", "{\"a\": 1,}", "null"])
    func malformedOrOddInputNeverCrashes(_ text: String) {
        let r = JSONResume.importProfile(Array(text.utf8), file: "r.json")
        if r.profile == nil { #expect(r.diagnostics.contains { $0.severity == .error }) }
        for d in r.diagnostics { #expect(d.file == "r.json") }
    }

    @Test func malformedJSONIsAnErrorWithPosition() {
        let (p, d) = importing("{\n  \"basics\": {\"name\": \"A\",}\n}")
        #expect(p == nil)
        #expect(d == ["r.json:2:26: error: trailing comma before '}'\n  hint: remove the last comma"])
    }

    // MARK: Export

    @Test func exportOfTheSampleRoundTrips() throws {
        let imported = try #require(JSONResume.importProfile(try Self.sample(), file: nil).profile)
        let (value, warnings) = JSONResume.export(imported)
        #expect(warnings == [])
        let written = JSONWriter.write(value)
        let again = JSONResume.importProfile(Array(written.utf8), file: nil)
        #expect(again.diagnostics == [])
        #expect(again.profile == imported)
    }

    @Test func exportWritesJSONResumeFields() throws {
        let imported = try #require(JSONResume.importProfile(try Self.sample(), file: nil).profile)
        let written = JSONWriter.write(JSONResume.export(imported).value)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])
        let basics = try #require(json["basics"] as? [String: Any])
        #expect(basics["name"] as? String == "Richard Hendriks")
        #expect(basics["label"] as? String == "Programmer")
        #expect(basics["url"] as? String == "http://richardhendricks.example.com")
        let work = try #require((json["work"] as? [[String: Any]])?.first)
        #expect(work["name"] as? String == "Pied Piper")
        #expect(work["position"] as? String == "CEO/President")
        #expect(work["startDate"] as? String == "2013-12-01")
        #expect(work["url"] as? String == "http://piedpiper.example.com")
        let education = try #require((json["education"] as? [[String: Any]])?.first)
        #expect(education["studyType"] as? String == "Bachelor" && education["area"] as? String == "Information Technology")
        #expect(education["score"] as? String == "4.0")
        #expect(education["courses"] as? [String] == ["DB1101 - Basic SQL", "CS2011 - Java Introduction"])
        let skill = try #require((json["skills"] as? [[String: Any]])?.first)
        #expect(skill["level"] as? String == "Master" && skill["keywords"] as? [String] == ["HTML", "CSS", "Javascript"])
        let reference = try #require((json["references"] as? [[String: Any]])?.first)
        #expect(reference["name"] as? String == "Erlich Bachman")
        #expect((reference["reference"] as? String)?.hasPrefix("It is my pleasure") == true)
        #expect(json["$schema"] as? String == JSONResume.schemaURL)
    }

    @Test func exportWarnsAboutLossyPartsByProfilePath() {
        let profile = Profile(
            name: "Ada", aliases: ["A. L."], affiliation: ["Dept"],
            sections: [
                Section(title: "News", entries: [Entry(.news(News(date: .day(2024, 1, 2), text: "n")))]),
                Section(title: "Talks", entries: [Entry(.talk(Talk(title: "T", venues: [TalkVenue(name: "V")])))]),
                Section(title: "Openings", entries: [Entry(.callout("hiring"))]),
                Section(title: "Service", entries: [
                    Entry(.service(Service(role: "PC", venue: "X"))),
                    Entry(.group(Group(title: "Teaching", entries: [Entry(.course(Course(title: "C")))]))),
                    Entry(.detail(Detail(label: "Reviewer", text: "TPDS"))),
                ]),
                Section(title: "Education", entries: [Entry(.education(Education(
                    institution: "U", location: "L", degree: "PhD", details: ["Advisor: B", "GPA: 4"], highlights: [Bullet("h")])))]),
                Section(title: "Publications", entries: [Entry(.publication(Publication(
                    title: "P", authors: ["Ada", "Bob"], links: [Link(label: "a", url: "u1"), Link(label: "b", url: "u2")])))]),
                Section(title: "Misc", entries: [Entry(.paragraph("p")), Entry(.bullets([Bullet("b")]))]),
            ])
        let (value, warnings) = JSONResume.export(profile)
        #expect(warnings.allSatisfy { $0.severity == .warning })
        #expect(warnings.map { "\($0.path): \($0.message)" } == [
            "affiliation: JSON Resume has no affiliation; it is left out",
            "aliases: JSON Resume has no other spellings of a name; the aliases are left out",
            "sections[0].entries[0]: JSON Resume has no news; this news item is left out",
            "sections[1].entries[0]: JSON Resume has no talks; this talk is left out",
            "sections[2].entries[0]: JSON Resume has no callouts; this callout is left out",
            "sections[3].entries[0]: JSON Resume has no service entries; this one is left out",
            "sections[3].entries[1].entries[0]: JSON Resume has no courses outside education; this course is left out",
            "sections[3].entries[2]: JSON Resume has no place for a detail line outside skills, languages and interests; it is left out",
            "sections[4].entries[0].details[0]: a JSON Resume education entry holds only a score and courses; this line is left out",
            "sections[4].entries[0].location: a JSON Resume education entry has no location; it is left out",
            "sections[4].entries[0].highlights: a JSON Resume education entry has no highlights; they are left out",
            "sections[5].entries[0].links: a JSON Resume publication has one url; the other links are left out",
            "sections[6].entries[0]: JSON Resume has no place for a paragraph here; it is left out",
            "sections[6].entries[1]: JSON Resume has no place for a list of bullets here; it is left out",
        ])
        let written = JSONWriter.write(value)
        #expect(written.contains("\"summary\": \"Ada, Bob\""))
        #expect(written.contains("\"score\": \"4\""))
    }

    @Test func exportOfTheExampleProfileImportsAgain() throws {
        let url = Self.root.appendingPathComponent("Profiles/example.json")
        let profile = try ProfileDecoder.decode(try Self.bytes(url)).get().profile
        let (value, warnings) = JSONResume.export(profile)
        #expect(!warnings.isEmpty)
        let again = JSONResume.importProfile(Array(JSONWriter.write(value).utf8), file: nil)
        #expect(!again.diagnostics.contains { $0.severity == .error })
        #expect(again.profile?.name == profile.name)
    }
}
