#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CollabCore

extension CollabDoc {
    struct Add: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add files to a folder as new documents (drafts, version 1).",
            discussion: """
                '-' reads one document from standard input and needs --title. Several files are added \
                in one transaction: if one cannot be read, none is added. Content is stored inside the \
                store by SHA-256 (identical content is kept once), read a chunk at a time.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "Files to add; '-' reads standard input.") var files: [String]
        @Option(help: "The folder to add them to.") var folder: String
        @Option(help: "The title (one file only; default: the file's name).") var title: String?
        @Option(name: .customLong("tag"), help: "A tag (repeat for several).") var tags: [String] = []
        @Option(help: "A note on the first version.") var note: String?
        @Option(help: "An external key (one file only): repeating the add with it changes nothing.") var key: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if files.isEmpty { throw ValidationError("give at least one file, or '-' for standard input") }
            if files.count > 1 && title != nil { throw ValidationError("--title takes one file") }
            if files.count > 1 && key != nil { throw ValidationError("--key takes one file") }
            if files.contains("-") && title == nil { throw ValidationError("'-' (standard input) needs --title") }
            if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input can be read once") }
        }

        func run(_ ctx: Context) throws {
            let sources = try files.map(InputFile.open)
            defer { sources.forEach(InputFile.close) }
            let records = try ctx.write(write) { tx, actor in
                try sources.map { source in
                    let name = title ?? InputFile.baseName(source.name)
                    return try Documents.add(
                        tx, actor, folder: folder, title: name, tags: tags, source: source, note: note, key: key
                    ).0.record(tx.sql)
                }
            }
            for r in records { try ctx.emit(r) }
        }
    }

    struct Update: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Store a new version of a document from a file ('-': standard input).",
            discussion: """
                Needs write access; refused with exit 73 when someone else holds the lock, while the \
                document is in a circuit, or once it is archived. An approved or rejected document \
                returns to draft. The same content as the current version changes nothing.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The document (doc-N or N).") var doc: String
        @Argument(help: "The file with the new content; '-' reads standard input.") var file: String
        @Option(help: "What changed in this version.") var note: String?
        @Option(help: "Fail with exit 73 unless the document is at this rev.") var ifRev: Int64?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let source = try InputFile.open(file)
            defer { InputFile.close(source) }
            let record = try ctx.write(write) { tx, actor in
                try Documents.update(tx, actor, doc, source: source, note: note, ifRev: ifRev).0.record(tx.sql)
            }
            try ctx.emit(record)
        }
    }
}

/// Files given on the command line, opened for reading ('-' is standard input).
enum InputFile {
    static func open(_ path: String) throws -> Documents.Source {
        if path == "-" { return Documents.Source(fd: 0, name: "-") }
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CollabError(.io, "cannot open '\(path)': \(String(cString: strerror(errno)))") }
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
            Glibc.close(fd)
            throw CollabError(.io, "cannot read '\(path)': it is a directory")
        }
        return Documents.Source(fd: fd, name: path)
    }

    static func close(_ source: Documents.Source) {
        if source.fd > 2 { Glibc.close(source.fd) }
    }

    static func baseName(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }
}
