import CVModel

extension Labels {
    /// The words of `language`.
    /// The words of a profile: its locale's (English when it names none), respelled by its `words`.
    public static func of(_ profile: Profile) -> Labels {
        locale(profile.locale ?? .en).respelled(profile.words)
    }

    public static func locale(_ language: Language) -> Labels {
        switch language {
        case .en: english
        case .de: german
        case .fr: french
        case .es: spanish
        case .it: italian
        case .pt: portuguese
        case .zh: chinese
        case .ja: japanese
        }
    }

    /// These words with a profile's own spellings (`words`, by `WordName`) in place of the locale's.
    public func respelled(_ words: [String: String]) -> Labels {
        var l = self
        for (key, value) in words {
            guard let name = WordName(rawValue: key) else { continue }
            switch name {
            case .present: l.present = value
            case .expected: l.expected = value
            case .and:
                l.pairSeparator = " \(value) "
                l.lastSeparator = language == .en ? ", \(value) " : " \(value) "
            case .etAl: l.etAl = value
            case .page: l.pageOf = value
            case .venueIn: l.venueIn = value
            case .coFirstAuthor: l.coFirstMeaning = value
            default:
                let months: [WordName] = [.jan, .feb, .mar, .apr, .may, .jun, .jul, .aug, .sep, .oct, .nov, .dec]
                if let i = months.firstIndex(of: name) {
                    l.months[i] = value
                    l.writtenMonths[i] = value
                }
            }
        }
        return l
    }

    /// A locale built on English's structure with its own words; every word a CV adds is replaced.
    private static func words(
        _ language: Language, months: [String], writtenMonths: [String]? = nil, present: String, expected: String, and: String,
        serialAnd: Bool = false, etAl: String = "et al.", pageOf: String, venueIn: String, coFirst: String,
        contacts: (email: String, phone: String, address: String, website: String, links: String),
        kinds: [PublicationKind: String], statuses: [PublicationStatus: String], leads: [PublicationStatus: String],
        phrases: [String], monthYear: String = "{month} {year}", day: String = "{day} {month} {year}",
        listSeparator: String = ", "
    ) -> Labels {
        var l = english
        l.language = language
        l.months = months
        l.writtenMonths = writtenMonths ?? months
        l.present = present
        l.expected = expected
        l.pairSeparator = " \(and) "
        l.lastSeparator = serialAnd ? ", \(and) " : " \(and) "
        l.listSeparator = listSeparator
        l.etAl = etAl
        l.pageOf = pageOf
        l.venueIn = venueIn
        l.coFirstMeaning = coFirst
        (l.email, l.phone, l.address, l.website, l.links) = contacts
        l.publicationKinds = kinds
        l.statuses = statuses
        l.statusLeads = leads
        // A status stated in English or in the locale's words is not printed again.
        l.statusPhrases = english.statusPhrases + phrases
        l.monthYearPattern = monthYear
        l.dayPattern = day
        return l
    }

    public static let german = words(
        .de, months: ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.", "Dez."],
        present: "heute", expected: "voraussichtlich", and: "und", pageOf: "Seite {page} von {pages}", venueIn: "In",
        coFirst: "geteilte Erstautorschaft", contacts: ("E-Mail", "Telefon", "Adresse", "Webseite", "Links"),
        kinds: [.conference: "Konferenzbeiträge", .journal: "Zeitschriftenartikel", .workshop: "Workshopbeiträge", .preprint: "Preprints",
                .patent: "Patente", .thesis: "Abschlussarbeiten", .book: "Bücher", .chapter: "Buchkapitel", .other: "Weitere Publikationen"],
        statuses: [.accepted: "Angenommen", .underReview: "In Begutachtung", .submitted: "Eingereicht", .preprint: "Preprint",
                   .inPreparation: "In Vorbereitung"],
        leads: [.accepted: "Erscheint in", .underReview: "In Begutachtung bei", .submitted: "Eingereicht bei"],
        phrases: ["angenommen", "erscheint", "begutachtung", "eingereicht", "vorbereitung"])

    public static let french = words(
        .fr, months: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
        present: "aujourd’hui", expected: "prévu", and: "et", pageOf: "Page {page} sur {pages}", venueIn: "Dans",
        coFirst: "premiers auteurs à contribution égale", contacts: ("Courriel", "Téléphone", "Adresse", "Site web", "Liens"),
        kinds: [.conference: "Articles de conférence", .journal: "Articles de revue", .workshop: "Articles d’atelier", .preprint: "Prépublications",
                .patent: "Brevets", .thesis: "Thèses", .book: "Livres", .chapter: "Chapitres d’ouvrage", .other: "Autres publications"],
        statuses: [.accepted: "Accepté", .underReview: "En cours d’évaluation", .submitted: "Soumis", .preprint: "Prépublication",
                   .inPreparation: "En préparation"],
        leads: [.accepted: "À paraître dans", .underReview: "En évaluation à", .submitted: "Soumis à"],
        phrases: ["accepté", "à paraître", "évaluation", "soumis", "prépublication", "préparation"])

    public static let spanish = words(
        .es, months: ["ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.", "dic."],
        present: "actualidad", expected: "previsto", and: "y", pageOf: "Página {page} de {pages}", venueIn: "En",
        coFirst: "coprimer autor", contacts: ("Correo", "Teléfono", "Dirección", "Sitio web", "Enlaces"),
        kinds: [.conference: "Artículos de congreso", .journal: "Artículos de revista", .workshop: "Artículos de taller", .preprint: "Preprints",
                .patent: "Patentes", .thesis: "Tesis", .book: "Libros", .chapter: "Capítulos de libro", .other: "Otras publicaciones"],
        statuses: [.accepted: "Aceptado", .underReview: "En revisión", .submitted: "Enviado", .preprint: "Preprint",
                   .inPreparation: "En preparación"],
        leads: [.accepted: "Aparecerá en", .underReview: "En revisión en", .submitted: "Enviado a"],
        phrases: ["aceptado", "aparecerá", "en revisión", "enviado", "en preparación"])

    public static let italian = words(
        .it, months: ["gen.", "feb.", "mar.", "apr.", "mag.", "giu.", "lug.", "ago.", "set.", "ott.", "nov.", "dic."],
        present: "oggi", expected: "previsto", and: "e", pageOf: "Pagina {page} di {pages}", venueIn: "In",
        coFirst: "primo autore a pari merito", contacts: ("Email", "Telefono", "Indirizzo", "Sito web", "Link"),
        kinds: [.conference: "Articoli in conferenza", .journal: "Articoli su rivista", .workshop: "Articoli in workshop", .preprint: "Preprint",
                .patent: "Brevetti", .thesis: "Tesi", .book: "Libri", .chapter: "Capitoli di libro", .other: "Altre pubblicazioni"],
        statuses: [.accepted: "Accettato", .underReview: "In revisione", .submitted: "Sottomesso", .preprint: "Preprint",
                   .inPreparation: "In preparazione"],
        leads: [.accepted: "In corso di stampa in", .underReview: "In revisione presso", .submitted: "Sottomesso a"],
        phrases: ["accettato", "in corso di stampa", "in revisione", "sottomesso", "in preparazione"])

    public static let portuguese = words(
        .pt, months: ["jan.", "fev.", "mar.", "abr.", "maio", "jun.", "jul.", "ago.", "set.", "out.", "nov.", "dez."],
        present: "presente", expected: "previsto", and: "e", pageOf: "Página {page} de {pages}", venueIn: "Em",
        coFirst: "coprimeiro autor", contacts: ("E-mail", "Telefone", "Endereço", "Site", "Links"),
        kinds: [.conference: "Artigos em conferências", .journal: "Artigos em periódicos", .workshop: "Artigos em workshops", .preprint: "Preprints",
                .patent: "Patentes", .thesis: "Teses", .book: "Livros", .chapter: "Capítulos de livro", .other: "Outras publicações"],
        statuses: [.accepted: "Aceito", .underReview: "Em avaliação", .submitted: "Submetido", .preprint: "Preprint",
                   .inPreparation: "Em preparação"],
        leads: [.accepted: "A aparecer em", .underReview: "Em avaliação em", .submitted: "Submetido a"],
        phrases: ["aceito", "a aparecer", "em avaliação", "submetido", "em preparação"])

    public static let chinese = words(
        .zh, months: (1...12).map { "\($0)月" }, present: "至今", expected: "预计", and: "和", etAl: "等", pageOf: "第 {page} 页，共 {pages} 页",
        venueIn: "载于", coFirst: "共同第一作者", contacts: ("电子邮件", "电话", "地址", "网站", "链接"),
        kinds: [.conference: "会议论文", .journal: "期刊论文", .workshop: "研讨会论文", .preprint: "预印本", .patent: "专利", .thesis: "学位论文",
                .book: "专著", .chapter: "书籍章节", .other: "其他成果"],
        statuses: [.accepted: "已录用", .underReview: "审稿中", .submitted: "已投稿", .preprint: "预印本", .inPreparation: "准备中"],
        leads: [.accepted: "已录用于", .underReview: "审稿中：", .submitted: "已投稿至"],
        phrases: ["录用", "审稿", "投稿", "预印本", "准备中"], monthYear: "{year}年{month}", day: "{year}年{month}{day}日")

    public static let japanese = words(
        .ja, months: (1...12).map { "\($0)月" }, present: "現在", expected: "予定", and: "と", etAl: "他", pageOf: "{page} / {pages} ページ",
        venueIn: "掲載：", coFirst: "筆頭著者（同等貢献）", contacts: ("メール", "電話", "住所", "ウェブサイト", "リンク"),
        kinds: [.conference: "国際会議論文", .journal: "学術論文", .workshop: "ワークショップ論文", .preprint: "プレプリント", .patent: "特許",
                .thesis: "学位論文", .book: "著書", .chapter: "分担執筆", .other: "その他の業績"],
        statuses: [.accepted: "採録決定", .underReview: "査読中", .submitted: "投稿中", .preprint: "プレプリント", .inPreparation: "準備中"],
        leads: [.accepted: "採録決定：", .underReview: "査読中：", .submitted: "投稿中："],
        phrases: ["採録", "査読", "投稿", "プレプリント", "準備中"], monthYear: "{year}年{month}", day: "{year}年{month}{day}日")
}

extension Labels {
    /// The titles the importers give the sections they make (`Experience`, `Publications`), in this
    /// locale's words, by their English title; English has none to change.
    public var importedSectionTitles: [String: String] {
        let english = ["Experience", "Volunteering", "Education", "Awards", "Certificates", "Publications", "Skills", "Languages",
                       "Interests", "References", "Projects"]
        let words: [String]
        switch language {
        case .en: return [:]
        case .de: words = ["Berufserfahrung", "Ehrenamt", "Ausbildung", "Auszeichnungen", "Zertifikate", "Publikationen", "Kenntnisse",
                           "Sprachen", "Interessen", "Referenzen", "Projekte"]
        case .fr: words = ["Expérience", "Bénévolat", "Formation", "Distinctions", "Certificats", "Publications", "Compétences",
                           "Langues", "Centres d’intérêt", "Références", "Projets"]
        case .es: words = ["Experiencia", "Voluntariado", "Formación", "Premios", "Certificados", "Publicaciones", "Habilidades",
                           "Idiomas", "Intereses", "Referencias", "Proyectos"]
        case .it: words = ["Esperienza", "Volontariato", "Formazione", "Premi", "Certificazioni", "Pubblicazioni", "Competenze",
                           "Lingue", "Interessi", "Referenze", "Progetti"]
        case .pt: words = ["Experiência", "Voluntariado", "Formação", "Prémios", "Certificados", "Publicações", "Competências",
                           "Idiomas", "Interesses", "Referências", "Projetos"]
        case .zh: words = ["工作经历", "志愿服务", "教育背景", "奖励与荣誉", "证书", "发表论文", "技能", "语言", "兴趣", "推荐人", "项目"]
        case .ja: words = ["職歴", "ボランティア", "学歴", "受賞歴", "資格", "業績", "スキル", "語学", "興味", "推薦者", "プロジェクト"]
        }
        return Dictionary(uniqueKeysWithValues: zip(english, words))
    }

    /// `profile` with the importers' English section titles in this locale's words (ids kept, so packs
    /// and variants still find the sections) and its locale set.
    public func localizingImport(_ profile: Profile) -> Profile {
        var p = profile
        let titles = importedSectionTitles
        p.sections = p.sections.map { s in
            guard let title = titles[s.title] else { return s }
            var s = s
            s.title = title
            return s
        }
        if language != .en { p.locale = language }
        return p
    }
}
