import Testing
@testable import CVModel

@Suite struct AuthorNameTests {
    @Test(arguments: [
        ("Lovelace, Ada", "Ada", "", "Lovelace", "", "Ada Lovelace"),
        ("Ada Lovelace", "Ada", "", "Lovelace", "", "Ada Lovelace"),
        ("Ada Q. Lovelace", "Ada Q.", "", "Lovelace", "", "Ada Q. Lovelace"),
        ("King, Jr., Martin Luther", "Martin Luther", "", "King", "Jr.", "Martin Luther King Jr."),
        ("Ludwig van Beethoven", "Ludwig", "van", "Beethoven", "", "Ludwig van Beethoven"),
        ("van der Berg, Jan", "Jan", "van der", "Berg", "", "Jan van der Berg"),
        ("Jean de La Fontaine", "Jean", "de", "La Fontaine", "", "Jean de La Fontaine"),
        (#"G{\"o}del, Kurt"#, "Kurt", "", "Gödel", "", "Kurt Gödel"),
        (#"Anton{\'\i}n Dvo{\v{r}}{\'a}k"#, "Antonín", "", "Dvořák", "", "Antonín Dvořák"),
        (#"{\'I}{\~n}igo Garc{\'\i}a"#, "Íñigo", "", "García", "", "Íñigo García"),
        (#"{\"U}nal, {\"O}zg{\"u}r"#, "Özgür", "", "Ünal", "", "Özgür Ünal"),
        ("D.~E. Knuth", "D. E.", "", "Knuth", "", "D. E. Knuth"),
        ("Ada", "", "", "Ada", "", "Ada"),
        ("  Lovelace ,  Ada  ", "Ada", "", "Lovelace", "", "Ada Lovelace"),
        ("{Barnes and Noble}", "", "", "Barnes and Noble", "", "Barnes and Noble"),
    ])
    func parses(_ text: String, _ first: String, _ von: String, _ last: String, _ jr: String, _ display: String) {
        let n = AuthorName(parsing: text)
        #expect(n.first == first)
        #expect(n.von == von)
        #expect(n.last == last)
        #expect(n.jr == jr)
        #expect(n.display == display)
    }

    @Test func corporateAuthorsAreNotSplit() {
        let n = AuthorName(parsing: "{World Health Organization}")
        #expect(n.isCorporate)
        #expect(n.display == "World Health Organization")
        #expect(!AuthorName(parsing: "{World} Health").isCorporate)
    }

    @Test(arguments: [
        ("A and B and {C and D}", ["A", "B", "{C and D}"]),
        ("Lovelace, Ada AND Babbage, Charles", ["Lovelace, Ada", "Babbage, Charles"]),
        ("Anderson and Brandt", ["Anderson", "Brandt"]),
        ("Sandy Andrews and\n  Randall Band", ["Sandy Andrews", "Randall Band"]),
        ("A~and~B", ["A", "B"]),
        ("", []),
        ("and", ["and"]),
    ])
    func splitsOnTopLevelAnd(_ list: String, _ names: [String]) {
        #expect(AuthorName.split(list) == names)
    }

    @Test func othersMarksATruncatedList() {
        let names = AuthorName.list("Lovelace, Ada and others")
        #expect(names.map(\.isOthers) == [false, true])
    }

    @Test(arguments: [
        ("Ada Lovelace", "A. Lovelace"), ("Ada Lovelace", "Lovelace, Ada"), ("Ada Lovelace", "Lovelace, A."),
        ("A. Lovelace", "Lovelace, A."), ("Kurt Gödel", "K. Godel"), ("Gödel, Kurt", "KURT GÖDEL"),
        (#"G{\"o}del, K."#, "Kurt Gödel"), ("Cho-Li Wang", "C.-L. Wang"), ("Cho-Li Wang", "C. Wang"),
        ("Zhaorui Zhang", "Zhang, Z."), ("Zhaorui Zhang", "Zhang Z"), ("Will X. Y. Li", "Li WXY"),
        ("Ada Q. Lovelace", "Ada Lovelace"), ("A. Q. Lovelace", "Ada Lovelace"), ("Ludwig van Beethoven", "Beethoven, Ludwig van"),
        ("Lovelace", "Lovelace"), ("{World Health Organization}", "World Health Organization"),
        ("Íñigo García", "I. Garcia"), ("Antonín Dvořák", "Dvorak, Antonin"),
    ])
    func samePerson(_ a: String, _ b: String) {
        #expect(AuthorName.matches(a, b))
        #expect(AuthorName.matches(b, a))
    }

    @Test(arguments: [
        ("Ada Lovelace", "B. Lovelace"), ("Ada Lovelace", "Ada Byron"), ("Ada Lovelace", "Lovelace"),
        ("Ada Lovelace", "Adam Lovelace"), ("{World Health Organization}", "W. Organization"), ("Q. Lovelace", "Ada Lovelace"),
        ("Ada Lovelace", ""), ("", ""), ("Jan van der Berg", "Jan von Berg"), ("Zhaorui Zhang", "Zhang Y"),
    ])
    func differentPeople(_ a: String, _ b: String) {
        #expect(!AuthorName.matches(a, b))
        #expect(!AuthorName.matches(b, a))
    }
}
