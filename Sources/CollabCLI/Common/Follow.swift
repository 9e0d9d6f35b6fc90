#if canImport(Glibc)
import Glibc
#endif
import CollabCore

extension Context {
    /// The one follow loop (`feed --follow`, `collab-msg tail -f`): flushes what was
    /// printed, waits for the next write, calls `poll`, until SIGINT or SIGTERM (status 0).
    /// On PostgreSQL the wait ends as soon as another program commits (LISTEN/NOTIFY,
    /// `Store.changesChannel`), and `interval` only bounds it; on SQLite, which has no
    /// notifications, it is the polling period. Call `store().listenForChanges()` before
    /// the first read, so that no commit falls between it and the loop.
    package func follow(every interval: Double, _ poll: () throws -> Void) throws {
        FollowSignal.install()
        let store = try store()
        try store.listenForChanges()
        let wait = min(max(interval, 0.001), 60)
        while !FollowSignal.stopped {
            try output.flush()
            _ = try store.waitForChanges(timeout: wait)
            if FollowSignal.stopped { break }
            try poll()
        }
    }
}

/// SIGINT and SIGTERM end a follow loop cleanly (status 0, output flushed).
package enum FollowSignal {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    /// Whether a stop was asked for.
    package static var stopped: Bool { flag != 0 }

    /// Installs the handlers.
    package static func install() {
        signal(SIGINT) { _ in FollowSignal.flag = 1 }
        signal(SIGTERM) { _ in FollowSignal.flag = 1 }
        // A parent may have blocked them (and children inherit the mask): unblock.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
