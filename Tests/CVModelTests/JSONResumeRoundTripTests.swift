import CVModel
import Foundation
import Testing

/// JSON Resume → profile (through its JSON file) → JSON Resume keeps profile usernames, the
/// location's parts and skills whole. The judge is Foundation's JSONSerialization reading both files.
@Suite struct JSONResumeRoundTripTests {
    /// Import, write the profile as JSON and read it back (as `cvbuild import` then `build` do), export.
    static func roundTrip(_ bytes: [UInt8]) throws -> [String: Any] {
        let imported = try #require(JSONResume.importProfile(bytes, file: nil).profile)
        let json = ProfileEncoder.encode(imported)
        let decoded = try ProfileDecoder.decode(json).get().profile
        #expect(decoded == imported)
        let exported = JSONWriter.write(JSONResume.export(decoded).value)
        return try #require(try JSONSerialization.jsonObject(with: Data(exported.utf8)) as? [String: Any])
    }

    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func officialSampleKeepsUsernamesLocationAndSkills() throws {
        let bytes = try JSONResumeTests.sample()
        let original = try Self.object(bytes), back = try Self.roundTrip(bytes)
        let ob = try #require(original["basics"] as? [String: Any]), bb = try #require(back["basics"] as? [String: Any])
        // Every part of the location.
        #expect(NSDictionary(dictionary: try #require(ob["location"] as? [String: Any]))
            == NSDictionary(dictionary: try #require(bb["location"] as? [String: Any])))
        // Every profile that has a url (a profile without one has nowhere to link), with its username.
        let withURL = try #require(ob["profiles"] as? [[String: String]]).filter { !($0["url"] ?? "").isEmpty }
        #expect(try #require(bb["profiles"] as? [[String: String]]) == withURL)
        // Skills: name, level and keywords as they were.
        #expect(try #require(back["skills"] as? NSArray) == (try #require(original["skills"] as? NSArray)))
    }

    @Test func keywordsWithCommasAndParenthesesStayWhole() throws {
        let resume = #"""
        {"basics": {"name": "Ada"},
         "skills": [{"name": "Languages", "keywords": ["C, C++", "Rust"]},
                    {"name": "Robotics", "keywords": ["ROS (Noetic)"]},
                    {"name": "Writing", "level": "Fluent (C2)", "keywords": []}],
         "interests": [{"name": "Music", "keywords": ["Bach, J. S.", "Jazz"]}]}
        """#
        let back = try Self.roundTrip(Array(resume.utf8))
        #expect(back["skills"] as? NSArray == NSArray(array: [
            ["name": "Languages", "keywords": ["C, C++", "Rust"]],
            ["name": "Robotics", "keywords": ["ROS (Noetic)"]],
            ["name": "Writing", "level": "Fluent (C2)"],
        ]))
        #expect(back["interests"] as? NSArray == NSArray(array: [["name": "Music", "keywords": ["Bach, J. S.", "Jazz"]]]))
    }

    @Test func aSkillPrintsItsKeywordsAndLevel() throws {
        let p = try #require(JSONResume.importProfile(Array(#"{"skills": [{"name": "Web", "level": "Master", "keywords": ["HTML", "C*"]}]}"#.utf8), file: nil).profile)
        guard case .detail(let d) = p.sections[0].entries[0].content else { Issue.record("not a detail"); return }
        #expect(d.text.plainText == "HTML, C* (Master)")
    }
}
