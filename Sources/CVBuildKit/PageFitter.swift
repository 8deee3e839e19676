import CVDocument
import CVModel
import CVRender
import Foundation

/// Makes a profile fit a pack's page limit: first bounded typographic tightening, then dropping
/// the lowest-ranked content by the pack's rules. Deterministic: the same input gives the same page.
struct PageFitter {
    var builder: Builder
    var pack: StylePack
    var limit: Int
    var compile: (String) throws(BuildFailure) -> TeXOutput

    struct Fitted {
        var output: TeXOutput
        var report: [String]
    }

    func fit(_ decoded: DecodedProfile, file: String?) throws(BuildFailure) -> Fitted {
        func attempt(_ level: Int, _ profile: Profile) throws(BuildFailure) -> TeXOutput {
            var d = decoded
            d.profile = profile
            return try compile(try builder.render(d, pack: pack, file: file, tightness: level))
        }
        let profile = decoded.profile
        let out0 = try attempt(0, profile)
        if out0.pages <= limit { return Fitted(output: out0, report: []) }

        let top = pack.tightnessLevels
        var best: (Int, TeXOutput)?
        if top > 0 {
            let outTop = try attempt(top, profile)
            if outTop.pages <= limit {
                best = (top, outTop)
                var low = 1, high = top - 1  // the smallest level that fits
                while low <= high {
                    let mid = (low + high) / 2
                    let o = try attempt(mid, profile)
                    if o.pages <= limit { best = (mid, o); high = mid - 1 } else { low = mid + 1 }
                }
            }
        }
        if let (level, out) = best {
            return Fitted(output: out, report: ["tightened to level \(level) of \(top)"])
        }

        let candidates = FitPlan(rules: pack.fitRules, protected: Set(pack.fitProtected)).candidates(for: profile)
        func trimmed(_ k: Int) -> Profile { profile.removing(Set(candidates.prefix(k))) }
        let outAll = try attempt(top, trimmed(candidates.count))
        guard outAll.pages <= limit else {
            throw BuildFailure(.texFailed, [Diagnostic(file: file,
                message: "does not fit on \(limit) page\(limit == 1 ? "" : "s") in style \"\(pack.name)\" even after tightening and dropping \(candidates.count) items (\(outAll.pages) pages)",
                hint: "mark fewer entries \"selected\", or shorten the profile")])
        }
        var fit = (candidates.count, outAll)
        var low = 1, high = candidates.count - 1  // the fewest drops that fit
        while low <= high {
            let mid = (low + high) / 2
            let o = try attempt(top, trimmed(mid))
            if o.pages <= limit { fit = (mid, o); high = mid - 1 } else { low = mid + 1 }
        }
        var report = top > 0 ? ["tightened to level \(top) of \(top)"] : []
        report += Self.describe(Array(candidates.prefix(fit.0)), in: profile)
        return Fitted(output: fit.1, report: report)
    }

    /// "dropped from Publications: 7 publications; from Experience: 3 bullets"
    static func describe(_ dropped: [ItemPath], in profile: Profile) -> [String] {
        var order: [Int] = []
        var counts: [Int: [String: Int]] = [:]
        for path in dropped {
            if counts[path.section] == nil { order.append(path.section) }
            var kind = "bullet"
            if path.bullet.isEmpty {
                let section = profile.sections[path.section].entries[path.entry]
                var entry = section
                if let g = path.groupEntry, case .group(let group) = section.content { entry = group.entries[g] }
                kind = entry.content.typeName
            }
            counts[path.section, default: [:]][kind, default: 0] += 1
        }
        return order.map { s in
            let parts = counts[s]!.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)\($0.value == 1 ? "" : "s")" }
            return "dropped from \(profile.sections[s].title): " + parts.joined(separator: ", ")
        }
    }
}
