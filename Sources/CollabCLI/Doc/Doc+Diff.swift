import ArgumentParser
import CollabCore

extension CollabDoc {
    struct Diff: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Compare two versions of a document as a unified diff.",
            discussion: """
                With no version, compares the previous version with the current one; with one, that \
                version with the current one. Text documents give a unified diff (nothing when equal); \
                for binary documents, or text over 16 MiB, a line says whether the versions differ. \
                The exit status is 0 either way.
                """)

        static let maxTextSize: Int64 = 16 << 20

        @Argument(help: "The document.") var doc: String
        @Argument(help: "The versions to compare (default: previous and current).") var versions: [Int64] = []
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if versions.count > 2 { throw ValidationError("give at most two versions") }
        }

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            let text = try ctx.read { sql -> [String] in
                let d = try Documents.readableDocument(sql, actor, doc)
                let (n, m): (Int64, Int64) =
                    switch versions.count {
                    case 0: (max(1, d.version - 1), d.version)
                    case 1: (versions[0], d.version)
                    default: (versions[0], versions[1])
                    }
                let a = try Documents.version(sql, d, n), b = try Documents.version(sql, d, m)
                let label = "\(d.id) versions \(n) and \(m)"
                guard a.sha256 != b.sha256 else { return [] }
                guard a.size <= Self.maxTextSize, b.size <= Self.maxTextSize else {
                    return ["\(label) differ (too large to compare line by line)"]
                }
                let x = try ContentStore.prefix(sql, a.sha256, limit: Int(a.size))
                let y = try ContentStore.prefix(sql, b.sha256, limit: Int(b.size))
                guard MediaType.isText(a.mediaType) || MediaType.looksLikeText(x),
                      MediaType.isText(b.mediaType) || MediaType.looksLikeText(y),
                      let sx = String(validating: x, as: UTF8.self), let sy = String(validating: y, as: UTF8.self),
                      !x.contains(0), !y.contains(0)
                else { return ["Binary \(label) differ"] }
                return UnifiedDiff.lines(sx, sy, from: "\(d.id)@\(n)", to: "\(d.id)@\(m)")
            }
            var out: [UInt8] = []
            for line in text {
                out.append(contentsOf: line.utf8)
                out.append(10)
            }
            try ContentStore.writeAll(1, out, name: "standard output")
        }
    }
}
