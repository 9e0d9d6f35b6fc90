#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CollabCore

extension DocStatus: ExpressibleByArgument {}

extension CollabDoc {
    struct List: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the documents you may read, in id order.")

        @Option(help: "Only documents of this folder.") var folder: String?
        @Option(help: "Only documents with this tag.") var tag: String?
        @Option(help: "Only documents in this status: draft, in_circuit, approved, rejected, archived.") var status: DocStatus?
        @Option(help: "Only documents owned by this user.") var owner: String?
        @Option(help: "Only documents whose title or text has all these words (accents ignored).") var query: String?
        @Option(help: "At most this many.") var limit: Int?
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if let limit, limit < 0 { throw ValidationError("invalid --limit '\(limit)': expected 0 or more") }
        }

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            let filter = Documents.Filter(folder: folder, tag: tag, status: status, owner: owner, query: query, limit: limit)
            try ctx.read { sql in
                try Documents.eachDocument(sql, actor, filter) { try ctx.emit(try $0.record(sql)); return true }
            }
        }
    }

    struct Show: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show documents with their tags and access lists.")

        @Argument(help: "Documents (doc-N or N); '-' reads ids (or records) from standard input.") var docs: [String]
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.showEach(try ctx.ids(docs)) { id in
                try ctx.read { sql in try Documents.readableDocument(sql, actor, id).record(sql) }
            }
        }
    }

    struct Get: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "get",
            abstract: "Write a document's content, unchanged, to standard output or a file.",
            discussion: "With -o, the content goes to the file and the version record to standard output.")

        @Argument(help: "The document.") var doc: String
        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?
        @Option(help: "This version (default: the current one).") var version: Int64?
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            let v = try ctx.read { sql -> Version in
                let d = try Documents.readableDocument(sql, actor, doc)
                let v = try Documents.version(sql, d, version)
                guard let output else {
                    try ContentStore.write(sql, v.sha256, to: 1, name: "standard output")
                    return v
                }
                let fd = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
                guard fd >= 0 else { throw CollabError(.io, "cannot write '\(output)': \(String(cString: strerror(errno)))") }
                defer { close(fd) }
                try ContentStore.write(sql, v.sha256, to: fd, name: output)
                return v
            }
            if output != nil { try ctx.emit(v.record) }
        }
    }

    struct Versions: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "versions", abstract: "List a document's versions, oldest first.")

        @Argument(help: "The document.") var doc: String
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.read { sql in try Documents.eachVersion(sql, actor, doc) { try ctx.emit($0.record); return true } }
        }
    }

    struct Search: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Find documents by the words of their title and text, best first.",
            discussion: """
                Every word must appear (as a word prefix, accents and case ignored). The text of plain \
                text, Markdown, CSV, HTML, JSON and XML documents is searched, and of PDF documents when \
                pdftotext is installed, up to 8 MiB; other documents by title. Each record carries a \
                'snippet' with the matches in [brackets].
                """)

        @Argument(help: "The words to find.") var query: String
        @Option(help: "Only documents of this folder.") var folder: String?
        @Option(help: "At most this many.") var limit: Int?
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if let limit, limit < 0 { throw ValidationError("invalid --limit '\(limit)': expected 0 or more") }
        }

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.read { sql in
                try DocSearch.search(sql, actor, query, folder: folder, limit: limit) { doc, snippet in
                    var r = try doc.record(sql)
                    r.set("snippet", snippet)
                    try ctx.emit(r)
                    return true
                }
            }
        }
    }
}
