#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CollabCore

extension Hook.Format: ExpressibleByArgument {}

extension CollabMsg {
    /// `collab-msg hook …`
    struct HookCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hook",
            abstract: "Outgoing webhooks: add, list and remove them; deliver what is queued.",
            subcommands: [Add.self, List.self, Remove.self, Deliver.self])
    }
}

extension CollabMsg.HookCommand {
    struct Add: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Send every message posted in a channel to a URL (its managers).",
            discussion: "Each post queues one delivery per hook, in the post's transaction; 'hook deliver' sends them.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "The channel.") var channel: String
        @Argument(help: "The http:// or https:// address.") var url: String
        // Not --format: that common option chooses the output format.
        @Option(help: "The body sent: json (the message record), slack or mattermost (their incoming webhook payloads).")
        var payload: Hook.Format = .json
        @Option(help: "An external key (unique per type): repeating the add with it changes nothing.") var key: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let h = try ctx.write(write) { tx, actor in try Messaging.addHook(tx, actor, channel: channel, url: url, format: payload, key: key).0 }
            try ctx.emit(h.record)
        }
    }

    struct List: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the webhooks of the channels you manage (all for admins).")

        @Argument(help: "Only this channel's.") var channel: String?
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try ctx.read { sql in
                if let channel { _ = try Messaging.requireChannel(sql, channel) }
                try Messaging.eachHook(sql, actor, channel: channel) { try ctx.emit($0.record) }
            }
        }
    }

    struct Remove: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Remove webhooks; their pending deliveries are cancelled.")
        static var storeAccess: StoreAccess { .write }

        @Argument(help: "Hook ids (hook-N or N).") var hooks: [String]
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            let ids = try ctx.ids(hooks)
            let out = try ctx.write(write) { tx, actor in try ids.map { try Messaging.removeHook(tx, actor, $0) } }
            for h in out { try ctx.emit(h.record) }
        }
    }

    struct Deliver: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "deliver", abstract: "Send the queued deliveries that are due (admins; made for cron).",
            discussion: """
                Each due delivery is POSTed with a --timeout. A 2xx answer marks it delivered: it is \
                never sent again. Otherwise it is retried after 30s, 1m, 2m … (at most 1h between \
                attempts), and marked failed after --max-attempts. Prints a 'delivery' record per \
                attempt. Exits 69 when an attempt failed (it stays queued), else 0. With --follow, \
                keeps sending as messages are posted, until interrupted.
                """)
        static var storeAccess: StoreAccess { .write }

        @Flag(name: [.short, .long], help: "Keep delivering as messages arrive.") var follow = false
        @Option(help: ArgumentHelp("How long to wait for a receiver's answer.", valueName: "duration")) var timeout: String = "10s"
        @Option(name: .customLong("max-attempts"), help: "Give up after this many attempts.") var maxAttempts: Int64 = 10
        @Option(help: ArgumentHelp("With --follow, how often to look for work.", valueName: "duration")) var interval: String = "200ms"
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func validate() throws {
            if GlobalOptions.seconds(timeout) == nil { throw ValidationError("invalid --timeout '\(timeout)'") }
            if GlobalOptions.seconds(interval) == nil { throw ValidationError("invalid --interval '\(interval)'") }
            if maxAttempts < 1 { throw ValidationError("invalid --max-attempts '\(maxAttempts)': expected 1 or more") }
        }

        func run(_ ctx: Context) throws {
            let actor = try ctx.actor()
            try Access.requireAdmin(actor, "deliver webhooks")
            let store = try ctx.store()
            let limit = GlobalOptions.seconds(timeout)!
            let started = monotonic()
            // The clock goes on from the command's time (COLLAB_NOW in tests), so that
            // backoffs elapse while following.
            func now() -> Instant { ctx.now.adding(seconds: Int64(monotonic() - started)) }
            var failures = 0
            if follow {
                FollowSignal.install()
                try store.listenForChanges()
            }
            let pause = min(GlobalOptions.seconds(interval)!, 60)
            repeat {
                let at = now()
                let due = try store.read { try Messaging.dueDeliveries($0, now: RFC3339.format(at)) }
                if !due.isEmpty { try HTTPClient.initialize() }
                for d in due where !FollowSignal.stopped {
                    let lease = RFC3339.format(at.adding(seconds: Int64(limit) + 60))
                    let claimed = try store.write(actor: actor.id, now: at) { tx in
                        try Messaging.claim(tx, d, now: RFC3339.format(at), lease: lease)
                    }.result
                    guard claimed else { continue }
                    guard let (hook, message) = try store.read({ try Messaging.target($0, d) }) else {
                        let done = try store.write(actor: actor.id, now: now()) { tx in try Messaging.cancel(tx, d) }.result
                        try ctx.emit(done.record)
                        continue
                    }
                    var status: Int?
                    var problem: String?
                    do {
                        let r = try HTTPClient.request(
                            "POST", hook.url, headers: ["Content-Type: application/json"], body: hook.payload(message), timeout: limit)
                        status = r.status
                        if !r.isSuccess { problem = "HTTP \(r.status)" }
                    } catch let e as CollabError {
                        problem = e.message
                    }
                    let done = try store.write(actor: actor.id, now: now()) { tx in
                        try Messaging.recordAttempt(tx, d, status: status, error: problem, maxAttempts: maxAttempts)
                    }.result
                    if done.state != .delivered { failures += 1 }
                    try ctx.emit(done.record)
                }
                guard follow, !FollowSignal.stopped else { break }
                try ctx.output.flush()
                if due.isEmpty { _ = try store.waitForChanges(timeout: pause) }
            } while !FollowSignal.stopped
            if failures > 0 && !follow {
                throw CollabError(.unavailable, "\(failures) deliver\(failures == 1 ? "y" : "ies") failed: see last_error; they are retried later")
            }
        }

        private func monotonic() -> Double {
            var ts = timespec()
            clock_gettime(CLOCK_MONOTONIC, &ts)
            return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        }
    }
}
