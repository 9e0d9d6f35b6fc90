import ArgumentParser
import CollabCore

extension CollabMsg {
    struct Post: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "post",
            abstract: "Post a message in a channel; or one message per input record with --from.",
            discussion: """
                TEXT '-' reads the body from standard input. @user and @group in the text are \
                recorded as mentions. With --from FILE ('-': standard input) the input is NDJSON \
                records, and --template is the message's text for each record (it is then not \
                applied to the output); --join posts one message holding every rendered record, \
                one a line. Every input line is checked first: one bad line posts nothing (exit 65).
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The channel.") var channel: String
        @Argument(help: "The text; '-' reads it from standard input.") var text: String?
        @Option(name: .customLong("attach"), help: "A document you may read to link, doc-N (repeatable).") var attachments: [String] = []
        @Option(help: ArgumentHelp("Post one message per NDJSON record of this file ('-': standard input), rendered with --template.", valueName: "file"))
        var from: String?
        @Flag(help: "With --from, post one message for all the records, one rendered record a line.") var join = false
        @Option(help: "An external key: posting again with it changes nothing (with --from: a template per record).") var key: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if from == nil && text == nil { throw ValidationError("missing the text: give TEXT, '-' for standard input, or --from") }
            if from != nil && text != nil { throw ValidationError("give either TEXT or --from, not both") }
            if from != nil && global.template == nil { throw ValidationError("--from needs --template: the text of each message") }
            if join && from == nil { throw ValidationError("--join goes with --from") }
        }

        // With --from, --template renders the messages, not the output: take it out of the
        // options the output writer sees.
        func run() throws {
            var options = global
            var template: String?
            if from != nil {
                template = options.template
                options.template = nil
            }
            let code = CommandRunner.run(program: Self.programName, global: options, access: Self.storeAccess) {
                try post($0, template: template)
            }
            if code != 0 { throw ExitCode(code) }
        }

        func run(_ ctx: Context) throws { try post(ctx, template: nil) }

        private func post(_ ctx: Context, template: String?) throws {
            var posts: [(body: String, key: String?)]
            if let from, let template {
                let perRecord = join ? nil : try key.map(RecordTemplate.init)
                posts = try Self.render(ctx, file: from, template: try RecordTemplate(template), key: perRecord)
                if join { posts = posts.isEmpty ? [] : [(posts.map(\.body).joined(separator: "\n"), key)] }
            } else {
                posts = [(try ctx.text(text ?? "-", field: "text"), key)]
            }
            let posted = try ctx.write(write) { tx, actor in
                try posts.map { try Messaging.post(tx, actor, channel: channel, body: $0.body, attachments: attachments, key: $0.key) }
            }
            for m in posted { try ctx.emit(m.record) }
        }

        /// Every record of the input rendered (with its key); every bad line reported, then exit 65.
        static func render(
            _ ctx: Context, file: String, template: RecordTemplate, key: RecordTemplate?
        ) throws -> [(body: String, key: String?)] {
            var keys: [String: Int] = [:]
            return try ctx.inputRecords(file, nothingWas: "posted") { record, line in
                let body = template.render(record)
                if body.trimmingSpaces.isEmpty { throw CollabError(.badInput, "the template gives an empty message") }
                return (body, try key.map { try Context.uniqueKey($0.render(record), line: line, &keys) })
            }
        }
    }

    struct Reply: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "reply", abstract: "Reply to a message, in its thread.",
            discussion: "Replying to a reply answers in the same thread (threads are one level deep).")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The message answered (msg-N or N).") var message: String
        @Argument(help: "The text; '-' reads it from standard input.") var text: String
        @Option(name: .customLong("attach"), help: "A document you may read to link, doc-N (repeatable).") var attachments: [String] = []
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let body = try ctx.text(text, field: "text")
            let m = try ctx.write(write) { tx, actor in try Messaging.reply(tx, actor, to: message, body: body, attachments: attachments) }
            try ctx.emit(m.record)
        }
    }

    struct Edit: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit", abstract: "Change the text of your message.",
            discussion: "Only the author may edit; the previous text stays in the audit chain. A deleted message cannot be edited (exit 73).")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The message (msg-N or N).") var message: String
        @Argument(help: "The new text; '-' reads it from standard input.") var text: String
        @Option(name: .customLong("if-rev"), help: "Fail (exit 73) unless the message is at this rev.") var ifRev: Int64?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let body = try ctx.text(text, field: "text")
            let m = try ctx.write(write) { tx, actor in try Messaging.edit(tx, actor, message, body: body, ifRev: ifRev) }
            try ctx.emit(m.record)
        }
    }

    struct Delete: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Delete messages: a tombstone stays, the text is gone.",
            discussion: """
                The author or a manager of the channel may delete. --purge (admins only) removes \
                the message itself. Earlier change records keep the text until an erasure redacts them.
                """)
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "Messages (msg-N or N); '-' reads ids (or records) from standard input.") var messages: [String]
        @Flag(help: "Remove the message entirely (admins only).") var purge = false
        @Option(name: .customLong("if-rev"), help: "Fail (exit 73) unless the message is at this rev.") var ifRev: Int64?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let ids = try ctx.ids(messages)
            let out = try ctx.write(write) { tx, actor in try ids.map { try Messaging.delete(tx, actor, $0, purge: purge, ifRev: ifRev).0 } }
            for m in out { try ctx.emit(m.record) }
        }
    }
}
