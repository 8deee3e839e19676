import CVModel
import CVRender
import Foundation

/// What one run asks of every profile: which variants, which styles, and the tailoring the
/// command line adds (`--tag`, `--exclude-tag`, `--since`).
public struct BuildRequest: Sendable, Equatable {
    public enum Variants: Sendable, Equatable {
        /// The profile itself.
        case profile
        /// These variants of the profile, by name.
        case named([String])
        /// The profile itself and every variant it defines.
        case all
    }

    public enum Styles: Sendable, Equatable {
        /// The variant's own style, else `full`.
        case `default`
        case named([String])
        /// Every pack in the catalog.
        case all
    }

    public var variants: Variants
    public var styles: Styles
    public var tailoring: Tailoring

    public init(variants: Variants = .profile, styles: Styles = .default, tailoring: Tailoring = Tailoring()) {
        self.variants = variants
        self.styles = styles
        self.tailoring = tailoring
    }
}

/// The outputs of one run, each made once. Jobs that would make the same output are made once
/// (`--style full --style full`; a JSON output asked for in several styles); two different jobs
/// that would write one file are refused.
public struct BuildPlan: Sendable {
    public private(set) var jobs: [BuildJob] = []
    /// Jobs dropped because an earlier one makes the same output.
    public private(set) var duplicates = 0
    public let format: OutputFormat

    public init(format: OutputFormat) { self.format = format }

    /// Adds jobs, dropping those whose output an equal job already makes.
    public mutating func add(_ new: [BuildJob]) throws(BuildFailure) {
        for job in new {
            let name = job.outputName(format: format)
            if let earlier = jobs.first(where: { $0.outputName(format: format) == name }) {
                if earlier.makesSameOutput(as: job, format: format) { duplicates += 1; continue }
                throw BuildFailure(.usage, "\(earlier.describe()) and \(job.describe()) would both write \(name)",
                                   hint: "build them in separate runs with different --out folders, or rename one")
            }
            jobs.append(job)
        }
    }

    /// Two profiles of one file name would overwrite each other's outputs.
    public static func checkDistinctNames(_ sources: [ProfileSource]) throws(BuildFailure) {
        var byStem: [String: [String]] = [:]
        for source in sources { byStem[source.stem, default: []].append(source.displayPath) }
        let clashes = byStem.filter { $0.value.count > 1 }.sorted { $0.key < $1.key }
        guard clashes.isEmpty else {
            throw BuildFailure(.usage, clashes.map { stem, paths in
                Diagnostic(message: "\(paths.count) profiles are named \"\(stem)\" (\(paths.joined(separator: ", "))); their outputs would overwrite each other",
                           hint: "rename one, or build them in separate runs with different --out folders")
            })
        }
    }

    /// The jobs one profile asks for: itself, the variants named, or itself and every variant × the styles.
    public static func jobs(for source: ProfileSource, decoded: DecodedProfile, request: BuildRequest,
                            catalog: StyleCatalog) throws(BuildFailure) -> [BuildJob] {
        let profile = decoded.profile
        let tags = profile.allTags
        for tag in request.tailoring.tags + request.tailoring.excludeTags where !tags.contains(tag) {
            throw BuildFailure(.usage, "no entry in the profile has the tag \"\(tag)\"", file: source.displayPath,
                hint: nearest(tag, in: tags).map { "did you mean \"\($0)\"?" } ?? (tags.isEmpty ? "this profile has no tags" : "tags in this profile: " + tags.joined(separator: ", ")))
        }
        var variants: [Variant?]
        switch request.variants {
        case .profile:
            variants = [nil]
        case .all:
            // The untailored CV and every variant, so one command serves a folder of profiles.
            variants = [nil] + profile.variants.map(Optional.some)
        case .named(let names):
            variants = []
            for name in names {
                guard let v = profile.variants.first(where: { $0.name == name }) else {
                    let known = profile.variants.map(\.name)
                    throw BuildFailure(.usage, "unknown variant \"\(name)\"", file: source.displayPath,
                        hint: nearest(name, in: known).map { "did you mean \"\($0)\"?" } ?? (known.isEmpty ? "the profile defines no variants" : "variants: " + known.joined(separator: ", ")))
                }
                variants.append(v)
            }
        }
        var jobs: [BuildJob] = []
        for variant in variants {
            let styles: [String] = switch request.styles {
            case .default: [variant?.style ?? "full"]
            case .named(let names): names
            case .all: catalog.names()
            }
            for style in styles {
                var job = BuildJob(source: source, decoded: decoded, variant: variant?.name,
                                   tailoring: (variant?.tailoring ?? Tailoring()).merged(with: request.tailoring), style: style)
                job.requestTailoring = request.tailoring
                jobs.append(job)
            }
        }
        return jobs
    }
}

extension BuildJob {
    /// Whether the output depends on the style: JSON and JSON Resume do not.
    static func dependsOnStyle(_ format: OutputFormat) -> Bool {
        switch format {
        case .json, .jsonresume: false
        case .pdf, .png, .tex, .md, .html: true
        }
    }

    /// The output's file name:
    /// `<profile>[-<variant>]-<style>[<tailoring>].<ext>` for PDF, LaTeX, Markdown and HTML,
    /// `<profile>[-<variant>]-<style>[<tailoring>]-1.png` for the first page image (page n is `-n.png`),
    /// `<profile>[-<variant>][<tailoring>].json` and `….resume.json` for the style-free formats,
    /// where `<tailoring>` names what `--tag`, `--exclude-tag` and `--since` asked for
    /// (see `tailoringSuffix`), so a tailored output never replaces the untailored one.
    public func outputName(format: OutputFormat) -> String {
        let base = stem + (Self.dependsOnStyle(format) ? "-\(style)" : "") + Self.tailoringSuffix(requestTailoring)
        return switch format {
        case .json: base + ".json"
        case .jsonresume: base + ".resume.json"
        case .png: base + "-1.png"
        case .pdf, .tex, .md, .html: base + "." + format.rawValue
        }
    }

    /// `+tag-T` for each tag kept, `+exclude-tag-T` for each dropped (each list sorted, repeats
    /// once), then `+since-YEAR`; empty without tailoring. Characters other than ASCII letters,
    /// digits, `.`, `_` and `-` are written `%XX` per UTF-8 byte, so the name is safe on every
    /// file system and two different tailorings never share a name.
    public static func tailoringSuffix(_ t: Tailoring) -> String {
        var suffix = ""
        for tag in Set(t.tags).sorted() { suffix += "+tag-" + fileNameSafe(tag) }
        for tag in Set(t.excludeTags).sorted() { suffix += "+exclude-tag-" + fileNameSafe(tag) }
        if let since = t.since { suffix += "+since-\(since)" }
        return suffix
    }

    static func fileNameSafe(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    func makesSameOutput(as other: BuildJob, format: OutputFormat) -> Bool {
        source.displayPath == other.source.displayPath && source.stem == other.source.stem && variant == other.variant
            && tailoring == other.tailoring && (!Self.dependsOnStyle(format) || style == other.style)
    }

    func describe() -> String {
        source.displayPath + (variant.map { " (variant \"\($0)\")" } ?? "")
    }
}
