import ArgumentParser

/// `collab-doc`: folders, documents, versions, sharing and search.
package struct CollabDoc: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "collab-doc",
        abstract: "Folders, documents, versions, locks, sharing, search, validation circuits and signatures.",
        discussion: """
            Records are printed as NDJSON when standard output is not a terminal (see collab(7)).
            Exit codes: 0 done, 1 not found, 64 usage, 65 bad input, 73 conflict, 74 I/O,
            75 busy, 77 permission denied, 78 configuration (a signing key). See collab-doc(1).
            """,
        version: CommandRunner.version,
        subcommands: [
            FolderCommand.self, Add.self, List.self, Show.self, Get.self, Update.self, Versions.self, Diff.self, Mv.self,
            Tag.self, Share.self, Lock.self, Unlock.self, Delete.self, Archive.self, Search.self, CircuitCommand.self,
            Pending.self, Approve.self, Reject.self, Sign.self, Seal.self, Undo.self, Delegate.self, Delegations.self,
            Verify.self, Export.self,
        ]
    )

    package init() {}
}
