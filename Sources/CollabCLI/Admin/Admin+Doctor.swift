import ArgumentParser
import CollabCore

extension CollabAdmin {
    /// `collab-admin doctor`
    struct DoctorCommand: CollabCommand {
        static let configuration = CommandConfiguration(
            commandName: "doctor",
            abstract: "Check the store's health; --repair rebuilds what is derived (admin only).",
            discussion: """
                Prints one 'check' record per check (id, ok, detail, problems): integrity \
                (PRAGMA integrity_check), audit (audit verify), schema (the version this program \
                writes), index:tasks_fts, index:messages_fts, index:doc_text (each search index's \
                own structure, and its rows against its table's), orphans (stored content no \
                document version refers to). Exit 0 when every check holds, 65 otherwise (as \
                audit verify). With --repair, the failed index and orphan checks are repaired in \
                one transaction, each repair recorded in the audit chain and printed as a \
                'repair' record, then the checks run again. The audit chain is never repaired.
                """)
        static var storeAccess: StoreAccess { .write }

        @Flag(help: "Rebuild failed search indexes and remove orphan content.") var repair = false
        @OptionGroup var write: WriteOptions
        @OptionGroup(title: "Common options") var global: GlobalOptions

        func run(_ ctx: Context) throws {
            try Access.requireAdmin(try ctx.actor(), "run the doctor")
            var checks = try check(ctx)
            if repair && checks.contains(where: { !$0.ok && $0.repairable }) {
                let failed = checks
                let repairs = try ctx.write(write) { tx, _ in try Doctor.repair(tx, failed) }
                for r in repairs { try ctx.emit(r) }
                if !write.dryRun { checks = try check(ctx) }
            }
            for c in checks { try ctx.emit(c.record) }
            let failed = checks.filter { !$0.ok }
            if !failed.isEmpty {
                throw CollabError(.badInput, "the store is not healthy: \(failed.map(\.id).joined(separator: ", ")) failed")
            }
        }

        func check(_ ctx: Context) throws -> [Doctor.Check] {
            let store = try ctx.store()
            let checks = try store.read { try Doctor.readChecks($0) }
            let structure = try store.write(actor: ctx.actingUserId, now: ctx.now, dryRun: true) { tx in
                Doctor.indexStructureChecks(tx.sql)
            }.result
            return Doctor.merge(checks, structure)
        }
    }
}
