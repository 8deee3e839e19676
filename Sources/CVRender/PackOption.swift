import CVDocument
import CVModel

/// One option a style pack declares in its manifest (`"options": {"accent": {"type": "color", …}}`):
/// its name, type, default and allowed values. The writer hands the chosen value to the pack's LaTeX
/// as `\cvopt<name>` (validated, never user text), and `\cvifoption{name}{value}{then}{else}` tests it.
public struct PackOption: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// `#RRGGBB`; the macro holds `RRGGBB` (upper case), for xcolor's `HTML` model.
        case color
        /// One of a closed set of words (letters, digits and dashes).
        case choice([String])
        /// A TeX length: a number and a unit (`0.8in`, `18mm`, `1.5cm`, `10pt`).
        case length
        /// A font family from `FontFamily.all` (or the pack's subset of it).
        case font([String])

        public var name: String {
            switch self {
            case .color: "color"
            case .choice: "choice"
            case .length: "length"
            case .font: "font"
            }
        }
    }

    public var name: String
    public var kind: Kind
    public var defaultValue: String
    public var description: String

    public init(_ name: String, _ kind: Kind, default defaultValue: String, _ description: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.description = description
    }

    /// The values allowed, for listings and hints (nil for colours and lengths).
    public var allowedValues: [String]? {
        switch kind {
        case .choice(let values), .font(let values): values
        case .color, .length: nil
        }
    }

    /// What a value must look like, for messages.
    public var expectation: String {
        switch kind {
        case .color: "a colour as #RRGGBB (such as #8B0000)"
        case .length: "a length such as 0.8in, 18mm, 1.5cm or 10pt"
        case .choice(let values), .font(let values): "one of: " + values.joined(separator: ", ")
        }
    }

    /// The value checked and in the form the LaTeX macro holds, or why it is refused (message, hint).
    public func check(_ raw: String) -> Result<String, OptionProblem> {
        let value = raw.trimmingCharacters(in: .whitespaces)
        switch kind {
        case .color:
            let hex = value.hasPrefix("#") ? String(value.dropFirst()) : ""
            if hex.count == 6, hex.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit }) { return .success(hex.uppercased()) }
            return .failure(OptionProblem(option: name, message: "\"\(raw)\" is not a colour for \(name)", hint: "use \(expectation)"))
        case .length:
            if PackOption.isLength(value) { return .success(value) }
            return .failure(OptionProblem(option: name, message: "\"\(raw)\" is not a length for \(name)", hint: "use \(expectation)"))
        case .choice(let values), .font(let values):
            if values.contains(value) { return .success(value) }
            let hint = nearest(value, in: values).map { "did you mean \"\($0)\"? (\(expectation))" } ?? expectation
            return .failure(OptionProblem(option: name, message: "\"\(raw)\" is not a valid \(name)", hint: hint))
        }
    }

    public static let lengthUnits = ["pt", "bp", "mm", "cm", "in", "em", "ex"]

    /// A number (digits, at most one point) and one of `lengthUnits`: nothing TeX could read as code.
    public static func isLength(_ s: String) -> Bool {
        guard let unit = lengthUnits.first(where: { s.hasSuffix($0) }) else { return false }
        let number = s.dropLast(unit.count)
        guard !number.isEmpty, number.count <= 8, number.filter({ $0 == "." }).count <= 1, number != "." else { return false }
        return number.allSatisfy { ("0"..."9").contains($0) || $0 == "." }
    }

    /// A name TeX can take as part of a control sequence: ASCII letters only (`accent`, `fontFamily`).
    public static func isPlainName(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 32 && s.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isAlphabetic }
    }

    /// A choice value: lower-case ASCII letters, digits and dashes.
    public static func isPlainValue(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 32 && s.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
    }

    /// Options whose meaning the writer itself implements, so they work in every pack: a pack that does not
    /// declare them gets them with these types (and its manifest's `fontSize` and `citationOrder` as defaults).
    public static let standardNames = ["fontFamily", "fontSize", "citationOrder", "quotes"]

    /// Standard options decided wholly in the document (its text), which the pack's LaTeX never sees:
    /// the writer defines no `\cvopt<name>` for them.
    public static let documentOnlyNames: Set<String> = ["quotes"]

    static func standard(fontSize: Int, citationOrder: CitationOrder) -> [PackOption] {
        [
            PackOption("fontFamily", .font(FontFamily.all.map(\.name)), default: "lmodern", "the text font"),
            PackOption("fontSize", .choice(["10", "11", "12"]), default: String(fontSize), "the body text size in points"),
            PackOption("citationOrder", .choice(CitationOrder.allCases.map(\.rawValue)), default: citationOrder.rawValue,
                       "which part of a citation leads"),
            PackOption("quotes", .choice(QuoteStyle.allCases.map(\.rawValue)), default: QuoteStyle.typographic.rawValue,
                       "straight quotes in prose and titles: typographic (It’s, “x”) or exactly as typed"),
        ]
    }
}

/// A value an option refuses, or a name no option has.
public struct OptionProblem: Error, Equatable, Sendable {
    public var option: String
    public var message: String
    public var hint: String?
    /// The key names no option (rather than a bad value).
    public var unknownKey = false
}

/// A font family the `fontFamily` option offers: how pdflatex loads it (a package from Debian's TeX Live)
/// and its OpenType name for xelatex and lualatex.
public struct FontFamily: Equatable, Sendable {
    public var name: String
    public var description: String
    /// The LaTeX package pdflatex loads (after Latin Modern, which keeps the other families); nil for Latin Modern.
    public var package: String?
    /// The file `kpsewhich` finds when the package is installed.
    public var file: String
    /// The Debian package that provides it.
    public var debianPackage: String
    /// The OpenType family fontspec loads under xelatex and lualatex; nil for Latin Modern (already loaded).
    public var openType: String?
    /// A sans-serif family: it becomes the document's default family.
    public var sans: Bool

    /// The OpenType file `kpsewhich` finds when the font is installed for xelatex and lualatex.
    public var openTypeFile: String? { openType.map { $0.lowercased().replacingOccurrences(of: " ", with: "") + "-regular.otf" } }

    public static let all: [FontFamily] = [
        FontFamily(name: "lmodern", description: "Latin Modern (Computer Modern), the default", package: nil, file: "lmodern.sty",
                   debianPackage: "lmodern", openType: nil, sans: false),
        FontFamily(name: "tgpagella", description: "TeX Gyre Pagella (Palatino)", package: "tgpagella", file: "tgpagella.sty",
                   debianPackage: "tex-gyre", openType: "TeX Gyre Pagella", sans: false),
        FontFamily(name: "tgtermes", description: "TeX Gyre Termes (Times)", package: "tgtermes", file: "tgtermes.sty",
                   debianPackage: "tex-gyre", openType: "TeX Gyre Termes", sans: false),
        FontFamily(name: "tgheros", description: "TeX Gyre Heros (Helvetica), sans serif", package: "tgheros", file: "tgheros.sty",
                   debianPackage: "tex-gyre", openType: "TeX Gyre Heros", sans: true),
    ]

    public static func named(_ name: String) -> FontFamily? { all.first { $0.name == name } }
}

/// Where a set of option values was written, for diagnostics.
public enum DesignOrigin: Equatable, Sendable {
    /// A profile's (or a variant's) `design` object, at this path (`design`, `variants.short.design`).
    case profile(path: String)
    /// `--set KEY=VALUE` on the command line.
    case commandLine
}

/// One layer of option values: the profile's design, a variant's, or the command line's.
public struct DesignLayer: Equatable, Sendable {
    public var values: [(key: String, value: String)]
    public var origin: DesignOrigin

    public init(_ values: [(key: String, value: String)], origin: DesignOrigin) {
        self.values = values
        self.origin = origin
    }

    public init(_ values: [String: String], origin: DesignOrigin) {
        self.init(values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, origin: origin)
    }

    public static func == (a: DesignLayer, b: DesignLayer) -> Bool {
        a.origin == b.origin && a.values.map(\.key) == b.values.map(\.key) && a.values.map(\.value) == b.values.map(\.value)
    }
}

/// Every option of a pack with its value: the manifest's defaults under the layers, weakest first.
public struct ResolvedDesign: Equatable, Sendable {
    /// Each option's checked value, in the form its macro holds, in the manifest's order.
    public var values: [(name: String, value: String)]
    /// Options a layer set (rather than left at the pack's default).
    public var chosen: Set<String>

    public static func == (a: ResolvedDesign, b: ResolvedDesign) -> Bool {
        a.values.map(\.name) == b.values.map(\.name) && a.values.map(\.value) == b.values.map(\.value) && a.chosen == b.chosen
    }

    public subscript(_ name: String) -> String? { values.first { $0.name == name }?.value }
}

extension StylePack {
    /// The pack's options with `layers` applied in order (later ones win); every unknown key and bad
    /// value is a problem, with the layer it came from.
    public func resolve(_ layers: [DesignLayer]) -> (design: ResolvedDesign, problems: [(OptionProblem, DesignOrigin)]) {
        var values = options.map { (name: $0.name, value: (try? $0.check($0.defaultValue).get()) ?? $0.defaultValue) }
        var chosen: Set<String> = []
        var problems: [(OptionProblem, DesignOrigin)] = []
        for layer in layers {
            for (key, raw) in layer.values {
                guard let i = options.firstIndex(where: { $0.name == key }) else {
                    let names = options.map(\.name)
                    problems.append((OptionProblem(option: key, message: "the style pack \"\(name)\" has no option \"\(key)\"",
                        hint: nearest(key, in: names).map { "did you mean \"\($0)\"?" } ?? "its options: " + names.joined(separator: ", "),
                        unknownKey: true), layer.origin))
                    continue
                }
                switch options[i].check(raw) {
                case .success(let v):
                    values[i].value = v
                    chosen.insert(key)
                case .failure(let p): problems.append((p, layer.origin))
                }
            }
        }
        return (ResolvedDesign(values: values, chosen: chosen), problems)
    }

    /// The pack's defaults, no layer applied.
    public var defaultDesign: ResolvedDesign { resolve([]).design }
}
